using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.Packages;

/// <summary>
/// The Acme fixture module (tests/fixtures/Acme.Fixture) packed once per test run as a vendor would: 1.0.0, and 1.1.0
/// with a second migration and another endpoint answer. Refusal packages are made from 1.0.0.
/// </summary>
public sealed class FixturePackages : IDisposable
{
    public FixturePackages()
    {
        Folder = Path.Combine(Path.GetTempPath(), "govplatform-packages", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        V1 = Pack("1.0.0", v2: false, restore: true);
        V2 = Pack("1.1.0", v2: true, restore: false);
    }

    public string Folder { get; }

    public byte[] V1 { get; }

    public byte[] V2 { get; }

    /// <summary>1.0.0 with its nuspec changed by <paramref name="edit"/>.</summary>
    public byte[] WithNuspec(Func<string, string> edit)
    {
        using var buffer = new MemoryStream();
        buffer.Write(V1);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            var replaced = zip.CreateEntry("Acme.Fixture.nuspec");
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

    private byte[] Pack(string version, bool v2, bool restore)
    {
        var project = Path.Combine(TestHost.RepositoryRoot(), "tests", "fixtures", "Acme.Fixture", "Acme.Fixture.csproj");
        var output = Path.Combine(Folder, version);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The SDK project is already built with the tests (in their configuration): it is not built again here, where
        // another test project may be reading it at the same time.
        foreach (var argument in new[] { "pack", project, "-c", Configuration, "-p:BuildProjectReferences=false", "-o", output, $"-p:FixtureVersion={version}", $"-p:FixtureV2={(v2 ? "true" : "false")}", "-nologo" })
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
            throw new InvalidOperationException("dotnet pack of the fixture module timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of the fixture module failed: {stdout.Result}{stderr.Result}");
        }

        return File.ReadAllBytes(Path.Combine(output, $"Acme.Fixture.{version}.nupkg"));
    }
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<FixturePackages>
{
    public const string Name = "Module packages";
}
