namespace GovPlatform.Template.Tests;

/// <summary>
/// Packs the SDK, installs the module template into a throwaway template hive, generates Acme.Parking in a temporary
/// folder outside the repository (so the repository's Directory.Build.props and central package versions do not apply,
/// as for a vendor), builds it, runs its tests and packs it. The tests share this work: it takes the better part of a
/// minute.
/// </summary>
public sealed class TemplateFixture : IAsyncLifetime
{
#if DEBUG
    /// <summary>The configuration the repository's projects were built in with this test project.</summary>
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public const string ModuleName = "Acme.Parking";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "govplatform-template-" + Guid.NewGuid().ToString("N")[..10]);

    public string Repository { get; } = FindRepository();

    /// <summary>The local folder feed with the SDK packages.</summary>
    public string SdkFeed => Path.Combine(Root, "sdk");

    /// <summary>The local folder feed with the generated module's package.</summary>
    public string ModuleFeed => Path.Combine(Root, "modules");

    public string ModuleFolder => Path.Combine(Root, ModuleName);

    public string ModuleTestOutput { get; private set; } = "";

    public string ModulePackage => Path.Combine(ModuleFeed, ModuleName + ".1.0.0.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        await WriteNuGetConfigAsync();

        // The SDK as a vendor gets it. The test project builds it first, in this configuration.
        await Dotnet.RunAsync(Repository, "pack", Path.Combine("src", "GovPlatform.Abstractions"), "-c", Configuration, "--no-build",
            "-o", SdkFeed, "-nologo");

        var hive = Path.Combine(Root, "template-hive");
        await Dotnet.RunAsync(Root, "new", "install", Path.Combine(Repository, "templates", "govplatform-module"), "--debug:custom-hive", hive);
        await Dotnet.RunAsync(Root, "new", "govplatform-module", "-n", ModuleName, "-o", ModuleFolder, "--sdkFeed", SdkFeed,
            "--debug:custom-hive", hive);

        await Dotnet.RunAsync(ModuleFolder, "build", "-c", "Release", "-nologo");
        ModuleTestOutput = await Dotnet.RunAsync(ModuleFolder, "test", "-c", "Release", "--no-build", "-nologo");
        await Dotnet.RunAsync(ModuleFolder, "pack", Path.Combine("src", ModuleName), "-c", "Release", "--no-build", "-o", ModuleFeed, "-nologo");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Everything under the temporary folder restores into its own package folder, so that the SDK and module packages
    /// made here (always version 1.0.0) never land in, or come stale from, the machine's package folder. The machine's
    /// folder is a fallback for everything else, which keeps the restore offline and quick.
    /// </summary>
    private async Task WriteNuGetConfigAsync()
    {
        var listed = await Dotnet.RunAsync(Root, "nuget", "locals", "global-packages", "--list");
        var machinePackages = listed[(listed.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        var config = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """;
        await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), config);
    }

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GovPlatform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("GovPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
