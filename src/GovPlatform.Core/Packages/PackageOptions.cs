namespace GovPlatform.Core.Packages;

/// <summary>Run-time module package options, section <c>GovPlatform:Packages</c>.</summary>
public sealed class PackageOptions
{
    public const string Section = "GovPlatform:Packages";

    /// <summary>The largest <c>.nupkg</c> accepted, in bytes; an upload is refused as soon as it passes this.</summary>
    public long MaxPackageSize { get; set; } = 50L * 1024 * 1024;

    /// <summary>Package ids that may be installed (<c>*</c> globs, case-insensitive); empty: any id.</summary>
    public List<string> AllowedIds { get; set; } = [];

    /// <summary>Package authors that may be installed (<c>*</c> globs, case-insensitive); empty: any author.</summary>
    public List<string> AllowedAuthors { get; set; } = [];

    /// <summary>Whether <c>{DataRoot}/Packages/Drop/</c> is watched for dropped packages.</summary>
    public bool WatchDropFolder { get; set; } = true;

    /// <summary>How often the drop folder is scanned besides the file watcher; a file is taken once its size held for one scan.</summary>
    public TimeSpan DropScanInterval { get; set; } = TimeSpan.FromSeconds(5);
}
