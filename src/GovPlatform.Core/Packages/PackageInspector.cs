using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using GovPlatform.Modules;
using Microsoft.Extensions.DependencyModel;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace GovPlatform.Core.Packages;

/// <summary>What a package declares, read from its nuspec and lib folders before anything of it is loaded.</summary>
internal sealed record PackageManifest(
    string Id, NuGetVersion Version, string Authors, VersionRange SdkRange, string LibFolder,
    IReadOnlyList<PackageDependency> OtherDependencies);

/// <summary>The checks a package passes before it is loaded: readable, allowed, built for this host's framework and SDK.</summary>
internal static class PackageInspector
{
    /// <summary>The framework the host runs, e.g. net10.0.</summary>
    public static readonly NuGetFramework HostFramework = NuGetFramework.Parse($"net{Environment.Version.Major}.{Environment.Version.Minor}");

    public static PackageManifest Read(string nupkgPath, PackageOptions options)
    {
        var (nuspec, libItems, dependencyGroups) = Open(nupkgPath);
        var id = nuspec.GetId();
        try
        {
            return Check(nuspec, libItems, dependencyGroups, options);
        }
        catch (PackageRefusedException ex)
        {
            // The audit trail names what was refused, as far as the nuspec told.
            ex.PackageId ??= id;
            ex.PackageVersion ??= nuspec.GetMetadataValue("version");
            throw;
        }
    }

    private static (NuspecReader Nuspec, List<FrameworkSpecificGroup> LibItems, List<PackageDependencyGroup> DependencyGroups) Open(string nupkgPath)
    {
        NuspecReader nuspec;
        List<FrameworkSpecificGroup> libItems;
        List<PackageDependencyGroup> dependencyGroups;
        try
        {
            using var reader = new PackageArchiveReader(nupkgPath);
            nuspec = reader.NuspecReader;
            _ = nuspec.GetId();
            libItems = [.. reader.GetLibItems()];
            dependencyGroups = [.. nuspec.GetDependencyGroups()];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Refuse(400, "不是可读的 NuGet 包（压缩文件损坏或缺少 .nuspec）。", "Not a readable NuGet package (a corrupt archive or no .nuspec).", ex);
        }

        return (nuspec, libItems, dependencyGroups);
    }

    private static PackageManifest Check(NuspecReader nuspec, List<FrameworkSpecificGroup> libItems, List<PackageDependencyGroup> dependencyGroups, PackageOptions options)
    {
        var id = nuspec.GetId();
        NuGetVersion? version;
        try
        {
            version = nuspec.GetVersion();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Refuse(400, $"包 {id} 的版本无效。", $"Package {id} has an invalid version.", ex);
        }

        if (string.IsNullOrWhiteSpace(id) || !PackageIdValidator.IsValidPackageId(id))
        {
            throw Refuse(400, $"包 ID“{id}”无效。", $"The package id '{id}' is not valid.");
        }

        var authors = nuspec.GetAuthors() ?? "";
        if (options.AllowedIds.Count > 0 && !options.AllowedIds.Any(glob => Matches(glob, id)))
        {
            throw Refuse(403, $"包 {id} 不在允许安装的包 ID 列表中。", $"Package {id} is not on the list of package ids allowed here.");
        }

        var authorList = authors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (options.AllowedAuthors.Count > 0 && !authorList.Any(a => options.AllowedAuthors.Any(glob => Matches(glob, a))))
        {
            throw Refuse(403, $"包 {id} 的作者“{authors}”不在允许的作者列表中。", $"The authors of package {id} ('{authors}') are not on the list of authors allowed here.");
        }

        var libGroup = new FrameworkReducer().GetNearest(HostFramework, libItems.Select(g => g.TargetFramework)) is { } nearest
            ? libItems.First(g => g.TargetFramework.Equals(nearest))
            : null;
        if (libGroup is null || !libGroup.Items.Any(i => i.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            throw Refuse(400,
                $"包 {id} 没有适用于本主机框架（{HostFramework.GetShortFolderName()}）的 lib 文件夹程序集。",
                $"Package {id} has no lib folder with an assembly for the host's framework ({HostFramework.GetShortFolderName()}).");
        }

        var libFolder = Path.GetDirectoryName(libGroup.Items.First(i => i.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))!.Replace('\\', '/');
        var dependencyGroup = new FrameworkReducer().GetNearest(HostFramework, dependencyGroups.Select(g => g.TargetFramework)) is { } nearestDependencies
            ? dependencyGroups.First(g => g.TargetFramework.Equals(nearestDependencies))
            : null;
        var dependencies = dependencyGroup?.Packages.ToList() ?? [];
        var sdk = dependencies.FirstOrDefault(d => d.Id.Equals(SdkInfo.PackageId, StringComparison.OrdinalIgnoreCase))
            ?? throw Refuse(400,
                $"包 {id} 未声明对模块 SDK（{SdkInfo.PackageId}）的依赖，无法判断是否兼容。",
                $"Package {id} declares no dependency on the module SDK ({SdkInfo.PackageId}), so its compatibility is unknown.");
        if (!sdk.VersionRange.Satisfies(NuGetVersion.Parse(SdkInfo.Version)))
        {
            throw Refuse(409,
                $"包 {id} 要求模块 SDK 版本 {sdk.VersionRange.PrettyPrint()}，本主机的 SDK 版本为 {SdkInfo.Version}。",
                $"Package {id} needs module SDK {sdk.VersionRange.PrettyPrint()}; this host's SDK is {SdkInfo.Version}.");
        }

        return new PackageManifest(id, version, authors, sdk.VersionRange, libFolder, [.. dependencies.Where(d => d != sdk)]);
    }

    /// <summary>
    /// The dependencies neither the host (an assembly of that name whose version the range allows) nor an installed
    /// package provides, each as "id range".
    /// </summary>
    public static IReadOnlyList<string> Missing(IEnumerable<PackageDependency> dependencies, IReadOnlyCollection<InstalledPackage> installed, ICollection<string> fromPackages)
    {
        var missing = new List<string>();
        foreach (var dependency in dependencies)
        {
            if (HostVersion(dependency.Id) is { } hostVersion)
            {
                if (!dependency.VersionRange.Satisfies(hostVersion))
                {
                    missing.Add($"{dependency.Id} {dependency.VersionRange.PrettyPrint()} (host: {hostVersion})");
                }

                continue;
            }

            var package = installed.FirstOrDefault(p => p.IsLoaded && p.Record.Id.Equals(dependency.Id, StringComparison.OrdinalIgnoreCase));
            if (package is not null && dependency.VersionRange.Satisfies(NuGetVersion.Parse(package.Record.Version)))
            {
                fromPackages.Add(package.Record.Id);
                continue;
            }

            missing.Add($"{dependency.Id} {dependency.VersionRange.PrettyPrint()}");
        }

        return missing;
    }

    public static PackageRefusedException Refuse(int status, string chinese, string english, Exception? inner = null) =>
        new(status, new(chinese, english), inner);

    private static NuGetVersion? HostVersion(string name)
    {
        // The dependency context names the packages and projects the host was built with, with their package versions;
        // the default load context also knows assemblies the host loaded otherwise (the shared framework).
        var library = DependencyContext.Default?.RuntimeLibraries.FirstOrDefault(l => l.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (library is not null && NuGetVersion.TryParse(library.Version, out var libraryVersion))
        {
            return libraryVersion;
        }

        var assembly = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
            ?? TryLoad(name);
        return assembly?.GetName().Version is { } v ? new NuGetVersion(v.Major, Math.Max(v.Minor, 0), Math.Max(v.Build, 0)) : null;
    }

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
        {
            return null;
        }
    }

    private static bool Matches(string glob, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(glob.Trim()).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
