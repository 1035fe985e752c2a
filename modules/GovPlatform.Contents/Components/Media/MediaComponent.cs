using System.Globalization;
using GovPlatform.Contents.Media;
using GovPlatform.Contents.Services;
using Microsoft.AspNetCore.Components;

namespace GovPlatform.Contents.Components.Media;

/// <summary>The media pages' base: the tenant's base path, links, and texts in the reader's language (Chinese by default, English for <c>en</c>).</summary>
public abstract class MediaComponent : ContentComponent
{
    [Inject]
    private ContentTimeZone Zone { get; set; } = default!;

    protected string AdminUrl(string path = "") => Url(path.Length == 0 ? MediaEndpoints.AdminPath : $"{MediaEndpoints.AdminPath}/{path}");

    protected string FileUrl(MediaAsset asset) => MediaPaths.Url(BasePath, asset.Path);

    protected static string Size(long bytes) => MediaChecks.Size(bytes);

    protected static string Extension(MediaAsset asset) => MediaChecks.Extension(asset.Path).ToUpperInvariant();

    /// <summary>The upload time in the tenant's time zone.</summary>
    protected string Local(DateTime utc) => Zone.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
