using System.Globalization;
using GovPlatform.Localization;
using Microsoft.AspNetCore.Components;

namespace GovPlatform.Themes;

/// <summary>
/// A base for a module's page components: the tenant's base path (set by <see cref="ComponentPage.Render{TPage}"/>),
/// links under it, and inline texts in the reader's language — <c>L("中文", "English")</c> gives the English text for an
/// English UI culture and the Chinese otherwise.
/// </summary>
public abstract class PageComponent : ComponentBase
{
    /// <summary>The request's path base (<c>/lianhu</c>, or empty).</summary>
    [Parameter]
    public string BasePath { get; set; } = "";

    /// <summary>The tenant's time zone id, for dates shown on the page (pages that show times pass the tenant's).</summary>
    [Parameter]
    public string TimeZoneId { get; set; } = "Asia/Shanghai";

    /// <summary>Whether the reader reads English.</summary>
    protected static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the reader's language.</summary>
    protected static string L(string chinese, string english) => English ? english : chinese;

    /// <summary>A bilingual text in the reader's language.</summary>
    protected static string T(BilingualText text) => English ? text.English : text.Chinese;

    /// <summary>A UTC time as the tenant's local date and time (<c>2026-11-26 14:30</c>); empty for none.</summary>
    protected string Local(DateTime? utc)
    {
        if (utc is not { } value)
        {
            return "";
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The request being rendered (cascaded by the framework): its path base stands in for <see cref="BasePath"/> in
    /// components a page nests without passing it on, so that their links stay in the tenant.
    /// </summary>
    [CascadingParameter]
    public Microsoft.AspNetCore.Http.HttpContext? CurrentRequest { get; set; }

    /// <summary>A path of the tenant's site (<c>admin/grid</c>) as a link.</summary>
    protected string Url(string path) => $"{(BasePath.Length > 0 ? BasePath : CurrentRequest?.Request.PathBase.Value)}/{path}";
}
