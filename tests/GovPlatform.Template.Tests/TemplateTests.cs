using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GovPlatform.Template.Tests;

[Collection(TemplateCollection.Name)]
public sealed partial class TemplateTests(TemplateFixture fixture)
{
    [Fact]
    public void The_generated_module_builds_passes_its_tests_and_packs_against_the_SDK_range()
    {
        var passed = PassedCount().Match(fixture.ModuleTestOutput);
        Assert.True(passed.Success, fixture.ModuleTestOutput);
        Assert.True(int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 5, fixture.ModuleTestOutput);

        using var package = ZipFile.OpenRead(fixture.ModulePackage);
        var entries = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/Acme.Parking.dll", entries);
        Assert.Contains("lib/net10.0/en/Acme.Parking.resources.dll", entries);
        Assert.Contains("README.md", entries);

        using var nuspec = package.GetEntry("Acme.Parking.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("Acme.Parking", Value("id"));
        Assert.Equal("1.0.0", Value("version"));
        Assert.Equal("README.md", Value("readme"));
        var sdk = metadata.Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "GovPlatform.Abstractions");
        Assert.Equal("[1.0.0, 2.0.0)", (string?)sdk.Attribute("version"));
    }

    [Fact]
    public void The_SDK_package_carries_its_version_readme_licence_and_symbols()
    {
        var packages = Directory.GetFiles(fixture.SdkFeed).Select(Path.GetFileName).ToList();
        Assert.Contains("GovPlatform.Abstractions.1.0.0.nupkg", packages);
        Assert.Contains("GovPlatform.Abstractions.1.0.0.snupkg", packages);

        using var package = ZipFile.OpenRead(Path.Combine(fixture.SdkFeed, "GovPlatform.Abstractions.1.0.0.nupkg"));
        Assert.Contains("README.md", package.Entries.Select(e => e.FullName));
        using var nuspec = package.GetEntry("GovPlatform.Abstractions.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal("1.0.0", metadata.Elements().Single(e => e.Name.LocalName == "version").Value);
        Assert.Equal("MIT", metadata.Elements().Single(e => e.Name.LocalName == "license").Value);
    }

    [Fact]
    public async Task The_template_package_installs_and_makes_a_module_named_after_the_vendors_choice()
    {
        // Vendors without the repository install the templates from the package feed, not from the folder.
        var feed = Path.Combine(fixture.Root, "templates");
        await Dotnet.RunAsync(fixture.Repository, "pack", Path.Combine("templates", "GovPlatform.Templates.csproj"), "-c", TemplateFixture.Configuration,
            "--no-build", "-o", feed, "-nologo");
        var templatePackage = Path.Combine(feed, "GovPlatform.Templates.1.0.0.nupkg");
        using (var package = ZipFile.OpenRead(templatePackage))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("content/govplatform-module/.template.config/template.json", entries);
            Assert.DoesNotContain(entries, e => e.Contains("/bin/", StringComparison.Ordinal) || e.Contains("/obj/", StringComparison.Ordinal));
        }

        var hive = Path.Combine(fixture.Root, "package-hive");
        await Dotnet.RunAsync(fixture.Root, "new", "install", templatePackage, "--debug:custom-hive", hive);
        var output = Path.Combine(fixture.Root, "Contoso.BikeShare");
        await Dotnet.RunAsync(fixture.Root, "new", "govplatform-module", "-n", "Contoso.BikeShare", "-o", output, "--sdkFeed", fixture.SdkFeed,
            "--debug:custom-hive", hive);

        var module = Path.Combine(output, "src", "Contoso.BikeShare");
        Assert.True(File.Exists(Path.Combine(module, "Contoso.BikeShare.csproj")));
        var info = await File.ReadAllTextAsync(Path.Combine(module, "ModuleInfo.cs"));
        Assert.Contains("\"contoso_bikeshare_\"", info, StringComparison.Ordinal);
        Assert.Contains("\"/api/contoso-bikeshare/status\"", info, StringComparison.Ordinal);
        Assert.Contains(fixture.SdkFeed, await File.ReadAllTextAsync(Path.Combine(output, "nuget.config")), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => f.Contains("Acme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_that_references_the_module_package_discovers_it_at_build_time()
    {
        // A throwaway host: Core by path, the module from the local folder feed, as docs/vendors.md describes.
        var probe = Path.Combine(fixture.Root, "Probe");
        Directory.CreateDirectory(probe);
        await File.WriteAllTextAsync(Path.Combine(probe, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="vendor-modules" value="{fixture.ModuleFeed}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(probe, "Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(fixture.Repository, "src", "GovPlatform.Core", "GovPlatform.Core.csproj")}" />
                <PackageReference Include="Acme.Parking" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(probe, "Program.cs"), """
            foreach (var assembly in GovPlatform.Core.Modules.ModuleAssemblySource.FromDependencyContext())
            {
                Console.WriteLine("module: " + assembly.GetName().Name);
            }
            """);

        // Core is already built in this configuration (a reference of this test project): only the probe compiles, so
        // nothing is rebuilt under another test project running at the same time.
        await Dotnet.RunAsync(probe, "build", "-c", TemplateFixture.Configuration, "-p:BuildProjectReferences=false", "-nologo", "-v", "quiet");
        var output = await Dotnet.RunAsync(probe, Path.Combine(probe, "bin", TemplateFixture.Configuration, "net10.0", "Probe.dll"));

        Assert.Contains("module: Acme.Parking", output.Split('\n').Select(l => l.Trim()));
    }

    [GeneratedRegex(@"Passed: +(\d+)")]
    private static partial Regex PassedCount();
}
