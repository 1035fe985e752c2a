using System.Globalization;
using GovPlatform.Contents.Media;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Components;

namespace GovPlatform.Contents.Components.Media;

/// <summary>The media pages' base: the tenant's base path, links, and texts in the reader's language (Chinese by default, English for <c>en</c>).</summary>
public abstract class MediaComponent : ComponentBase
{
    [Parameter]
    public string BasePath { get; set; } = "";

    [Inject]
    private ITenant Tenant { get; set; } = default!;

    protected static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    protected static string L(string chinese, string english) => English ? english : chinese;

    protected string Url(string path) => $"{BasePath}/{path}";

    protected string AdminUrl(string path = "") => Url(path.Length == 0 ? MediaEndpoints.AdminPath : $"{MediaEndpoints.AdminPath}/{path}");

    protected string FileUrl(MediaAsset asset) => MediaPaths.Url(BasePath, asset.Path);

    protected static string Size(long bytes) => MediaChecks.Size(bytes);

    protected static string Extension(MediaAsset asset) => MediaChecks.Extension(asset.Path).ToUpperInvariant();

    /// <summary>The upload time in the tenant's time zone.</summary>
    protected string Local(DateTime utc)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(Tenant.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
