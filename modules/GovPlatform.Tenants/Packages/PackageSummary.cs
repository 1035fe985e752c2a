using GovPlatform.Core.Packages;

namespace GovPlatform.Tenants.Packages;

/// <summary>An installed package as the host API and the admin page show it.</summary>
public sealed record PackageSummary(
    string Id, string Version, string Authors, string SdkRange, string Sha256, long Size, DateTimeOffset InstalledUtc,
    string InstalledBy, IReadOnlyList<string> Modules, IReadOnlyList<string> Features, IReadOnlyList<string> Tenants,
    string Status, string? Error)
{
    public static async Task<PackageSummary> FromAsync(InstalledPackage package, ModulePackages packages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(packages);
        var record = package.Record;
        return new(record.Id, record.Version, record.Authors, record.SdkRange, record.Sha256, record.Size, record.InstalledUtc,
            record.InstalledBy, record.ModuleIds, record.FeatureIds, await packages.TenantsUsingAsync(package, cancellationToken),
            package.IsLoaded ? "loaded" : "failed", package.LoadError);
    }

    public static async Task<List<PackageSummary>> ListAsync(ModulePackages packages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var result = new List<PackageSummary>();
        foreach (var package in packages.Installed.OrderBy(p => p.Record.Id, StringComparer.OrdinalIgnoreCase))
        {
            result.Add(await FromAsync(package, packages, cancellationToken));
        }

        return result;
    }
}
