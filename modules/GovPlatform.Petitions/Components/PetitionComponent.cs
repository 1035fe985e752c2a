using System.Globalization;
using GovPlatform.Localization;
using GovPlatform.Themes;

namespace GovPlatform.Petitions.Components;

/// <summary>The petitions hall's pages' base: the tenant's base path, texts in the reader's language, dates in the tenant's zone.</summary>
public abstract class PetitionComponent : PageComponent
{
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

    protected string CaseUrl(long id) => Url($"admin/petitions/{id}");
}
