namespace GovPlatform.Core.Packages;

/// <summary>One installed package as the registry file (<c>{DataRoot}/Packages/packages.json</c>) keeps it.</summary>
public sealed record PackageRecord
{
    public required string Id { get; init; }

    /// <summary>The normalized NuGet version.</summary>
    public required string Version { get; init; }

    public string Authors { get; init; } = "";

    /// <summary>The SDK range the package declares (its dependency on <c>GovPlatform.Abstractions</c>).</summary>
    public string SdkRange { get; init; } = "";

    /// <summary>SHA-256 of the <c>.nupkg</c> as uploaded, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    public long Size { get; init; }

    public DateTimeOffset InstalledUtc { get; init; }

    public string InstalledBy { get; init; } = "";

    /// <summary>The lib folder the host loads from, relative to the package's folder (e.g. <c>lib/net10.0</c>).</summary>
    public string LibFolder { get; init; } = "";

    /// <summary>The ids of the other packages it depends on (not host assemblies).</summary>
    public List<string> PackageDependencies { get; init; } = [];

    public List<string> ModuleIds { get; init; } = [];

    public List<string> FeatureIds { get; init; } = [];
}
