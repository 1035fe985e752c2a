using System.Globalization;
using GovPlatform.Localization;
using GovPlatform.Themes;

namespace GovPlatform.Points.Components;

/// <summary>The points pages' base: the tenant's base path, texts in the reader's language, dates in the tenant's zone.</summary>
public abstract class PointsComponent : PageComponent
{
    /// <summary>The module's stylesheet.</summary>
    protected const string Stylesheet = "/_content/GovPlatform.Points/points.css";

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

    /// <summary>Points as shown: <c>1,250</c>.</summary>
    protected static string Points(long points) => points.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An amount in fen as yuan: <c>¥12.50</c>.</summary>
    protected static string Yuan(long fen) => "¥" + (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);
}

