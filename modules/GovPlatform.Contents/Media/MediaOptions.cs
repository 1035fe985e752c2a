namespace GovPlatform.Contents.Media;

/// <summary>
/// Limits of the media library, read from the tenant's configuration section <c>Contents:Media</c>: host-wide with
/// <c>GovPlatform:TenantDefaults:Contents:Media:…</c>, for one tenant with <c>GovPlatform:Tenants:&lt;name&gt;:Contents:Media:…</c>
/// (or <c>Contents.Media</c> in its definition).
/// </summary>
public sealed class MediaOptions
{
    public const string Section = "Contents:Media";

    /// <summary>The largest image accepted, in bytes (10 MB).</summary>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest document accepted, in bytes (20 MB).</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The longest side of an image accepted, in pixels.</summary>
    public int MaxImageSide { get; set; } = 12_000;

    /// <summary>How many files one post of the upload form may carry.</summary>
    public int MaxFilesPerUpload { get; set; } = 20;

    /// <summary>The largest request body of an upload: every file at the larger limit, and room for the form.</summary>
    public long MaxRequestBytes => (Math.Max(1, MaxFilesPerUpload) * Math.Max(MaxImageBytes, MaxFileBytes)) + (1024 * 1024);
}
