using GovPlatform.Calendars;
using GovPlatform.Localization;

namespace GovPlatform.Points.Reports;

/// <summary>
/// The report's query string as typed: <c>unit</c>, <c>period</c> (<c>this-month</c>, <c>last-month</c>,
/// <c>this-year</c>, <c>custom</c>), <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>, both included). The page and the
/// export read the same.
/// </summary>
public sealed record PointsReportForm(string? Unit, string? Period, string? From, string? To)
{
    public const string ThisMonth = ReportPeriod.ThisMonth;
    public const string LastMonth = ReportPeriod.LastMonth;
    public const string ThisYear = ReportPeriod.ThisYear;
    public const string Custom = ReportPeriod.Custom;

    /// <summary>The longest period (ten years and a few days).</summary>
    public const int MaxDays = 3660;

    public static IReadOnlyList<(string Value, BilingualText Name)> Periods => ReportPeriod.Presets;

    /// <summary>The preset chosen: the one named, else custom when dates are given, else this month.</summary>
    public string PeriodOrDefault => ReportPeriod.Choose(Period, From, To);

    /// <summary>The request this form asks for, with <paramref name="today"/> the tenant's local date; or what is wrong, by field.</summary>
    public (PointsReportRequest? Request, Dictionary<string, BilingualText> Errors) Parse(DateOnly today)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var (from, to) = ReportPeriod.Resolve(PeriodOrDefault, From, To, today, errors);

        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (to < from)
            {
                errors["to"] = new("结束日期不能早于开始日期。", "The end date cannot be before the start date.");
            }
            else if (to.DayNumber - from.DayNumber >= MaxDays)
            {
                errors["to"] = new("统计期间最长十年。", "The period is at most ten years.");
            }
        }

        return errors.Count > 0 ? (null, errors) : (new PointsReportRequest(string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim(), from, to), errors);
    }

    /// <summary>The query string of a request (custom dates, so that a link shows the same period later).</summary>
    public static string Query(string? unit, DateOnly from, DateOnly to) =>
        ReportPeriod.CustomQuery(unit, from, to);

    public static string Iso(DateOnly date) => ReportPeriod.Iso(date);

}
