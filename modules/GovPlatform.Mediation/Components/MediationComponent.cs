using System.Globalization;
using GovPlatform.Localization;
using GovPlatform.Themes;

namespace GovPlatform.Mediation.Components;

/// <summary>The mediation pages' base: the tenant's base path, texts in the reader's language, dates in the tenant's zone.</summary>
public abstract class MediationComponent : PageComponent
{
    /// <summary>The module's stylesheet.</summary>
    protected const string Stylesheet = "/_content/GovPlatform.Mediation/mediation.css";

    /// <summary>The tenant's time zone id, for dates shown on the page.</summary>
    [Microsoft.AspNetCore.Components.Parameter]
    public string TimeZoneId { get; set; } = "Asia/Shanghai";

    /// <summary>A bilingual text in the reader's language.</summary>
    protected static string T(BilingualText text) => English ? text.English : text.Chinese;

    /// <summary>A UTC time as the tenant's local date and time (<c>2026-11-26 14:30</c>).</summary>
    protected string Local(DateTime? utc)
    {
        if (utc is not { } value)
        {
            return "";
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The dispute's page.</summary>
    protected string DisputeUrl(long id) => Url($"admin/mediation/disputes/{id}");
}
