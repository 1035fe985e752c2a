using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.Packages;

/// <summary>
/// The Acme fixture module (tests/fixtures/Acme.Fixture) packed once per test run as a vendor would: 1.0.0, and 1.1.0
/// with a second migration and another endpoint answer. Refusal packages are made from 1.0.0; the variants of the fixture
/// (no module attribute, a built-in module's or feature's id) and the Acme.Addon package are packed when a test first asks.
/// </summary>
public sealed class FixturePackages : IDisposable
{
    private readonly Lazy<byte[]> _addon;
    private readonly Dictionary<string, byte[]> _variants = [];

    public FixturePackages()
    {
        Folder = Path.Combine(Path.GetTempPath(), "govplatform-packages", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        V1 = Pack("Acme.Fixture", "1.0.0", restore: true, "-p:FixtureV2=false");
        V2 = Pack("Acme.Fixture", "1.1.0", restore: false, "-p:FixtureV2=true");
        _addon = new(() => Edit(Pack("Acme.Addon", "1.0.0", restore: true), "Acme.Addon.nuspec", n => n.Replace(
            "</group>", "<dependency id=\"Acme.Fixture\" version=\"1.0.0\" /></group>", StringComparison.Ordinal)));
    }

    public string Folder { get; }

    public byte[] V1 { get; }

    public byte[] V2 { get; }

    /// <summary>
    /// Acme.Addon 1.0.0: its feature depends on the Acme.Fixture feature and its nuspec on the Acme.Fixture package
    /// (added to the packed nuspec, as a vendor's package reference would).
    /// </summary>
    public byte[] Addon => _addon.Value;

    /// <summary>Acme.Fixture 1.0.0 packed with <c>-p:FixtureVariant=</c><paramref name="variant"/> (NoModule, ModuleClash, FeatureClash).</summary>
    public byte[] Variant(string variant)
    {
        lock (_variants)
        {
            if (!_variants.TryGetValue(variant, out var package))
            {
                package = Pack("Acme.Fixture", "1.0.0", restore: false, "-p:FixtureV2=false", $"-p:FixtureVariant={variant}");
                _variants[variant] = package;
            }

            return package;
        }
    }

    /// <summary>1.0.0 with its nuspec changed by <paramref name="edit"/>.</summary>
    public byte[] WithNuspec(Func<string, string> edit) => Edit(V1, "Acme.Fixture.nuspec", edit);

    private static byte[] Edit(byte[] package, string nuspecName, Func<string, string> edit)
    {
        using var buffer = new MemoryStream();
        buffer.Write(package);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            var replaced = zip.CreateEntry(nuspecName);
            using var writer = new StreamWriter(replaced.Open(), new UTF8Encoding(false));
            writer.Write(edit(text));
        }

        return buffer.ToArray();
    }

    /// <summary>1.0.0 with an extra entry of <paramref name="bytes"/> random bytes: larger than a small limit.</summary>
    public byte[] Padded(int bytes)
    {
        using var buffer = new MemoryStream();
        buffer.Write(V1);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("content/padding.bin", CompressionLevel.NoCompression).Open();
            stream.Write(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
        }

        return buffer.ToArray();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private byte[] Pack(string name, string version, bool restore, params string[] properties)
    {
        var project = Path.Combine(TestHost.RepositoryRoot(), "tests", "fixtures", name, name + ".csproj");
        var output = Path.Combine(Folder, Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The SDK project is already built with the tests (in their configuration): it is not built again here, where
        // another test project may be reading it at the same time.
        string[] arguments = ["pack", project, "-c", Configuration, "-p:BuildProjectReferences=false", "-o", output, $"-p:FixtureVersion={version}", "-nologo", .. properties];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (!restore)
        {
            start.ArgumentList.Add("--no-restore");
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"dotnet pack of the fixture module {name} timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of the fixture module {name} failed: {stdout.Result}{stderr.Result}");
        }

        return File.ReadAllBytes(Path.Combine(output, $"{name}.{version}.nupkg"));
    }
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<FixturePackages>
{
    public const string Name = "Module packages";
}
