namespace GovPlatform.Core.Data.Archives;

/// <summary>What a tenant archive holds: <c>manifest.json</c> at the root of the zip.</summary>
public sealed class ArchiveManifest
{
    public const string CurrentFormat = "govplatform-tenant/1";

    public string Format { get; set; } = CurrentFormat;

    public string Tenant { get; set; } = "";

    public DateTime ExportedUtc { get; set; }

    /// <summary>The provider the data came from (informational: an archive restores onto either).</summary>
    public string SourceProvider { get; set; } = "";

    /// <summary>Applied migration version of each feature (and of the platform) when exported.</summary>
    public Dictionary<string, long> Migrations { get; set; } = [];

    public List<ArchiveTable> Tables { get; set; } = [];

    /// <summary>Files of the tenant's folder (media and the like), as paths under <c>files/</c>.</summary>
    public List<string> Files { get; set; } = [];
}

/// <summary>One table of an archive: its rows are JSON lines in <c>data/&lt;name&gt;.jsonl</c>.</summary>
public sealed class ArchiveTable
{
    public string Name { get; set; } = "";

    public long Rows { get; set; }

    public List<string> Columns { get; set; } = [];
}
