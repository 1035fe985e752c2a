using System.Globalization;
using GovPlatform.Localization;

namespace GovPlatform.Points.Reports;

/// <summary>
/// The report's query string as typed: <c>unit</c>, <c>period</c> (<c>this-month</c>, <c>last-month</c>,
/// <c>this-year</c>, <c>custom</c>), <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>, both included). The page and the
/// export read the same.
/// </summary>
public sealed record PointsReportForm(string? Unit, string? Period, string? From, string? To)
{
    public const string ThisMonth = "this-month";
    public const string LastMonth = "last-month";
    public const string ThisYear = "this-year";
    public const string Custom = "custom";

    /// <summary>The longest period (ten years and a few days).</summary>
    public const int MaxDays = 3660;

    public static IReadOnlyList<(string Value, BilingualText Name)> Periods { get; } =
    [
        (ThisMonth, new("本月", "This month")),
        (LastMonth, new("上月", "Last month")),
        (ThisYear, new("本年", "This year")),
        (Custom, new("自定义", "Custom")),
    ];

    /// <summary>The preset chosen: the one named, else custom when dates are given, else this month.</summary>
    public string PeriodOrDefault => Period is ThisMonth or LastMonth or ThisYear or Custom ? Period
        : !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To) ? Custom : ThisMonth;

    /// <summary>The request this form asks for, with <paramref name="today"/> the tenant's local date; or what is wrong, by field.</summary>
    public (PointsReportRequest? Request, Dictionary<string, BilingualText> Errors) Parse(DateOnly today)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var month = new DateOnly(today.Year, today.Month, 1);
        DateOnly from = month, to = today;
        switch (PeriodOrDefault)
        {
            case LastMonth:
                (from, to) = (month.AddMonths(-1), month.AddDays(-1));
                break;
            case ThisYear:
                (from, to) = (new DateOnly(today.Year, 1, 1), today);
                break;
            case Custom:
                from = Date(From, "from", errors) ?? from;
                to = Date(To, "to", errors) ?? to;
                break;
        }

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
        $"{(unit is null ? "" : $"unit={Uri.EscapeDataString(unit)}&")}period=custom&from={Iso(from)}&to={Iso(to)}";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Date(string? value, string field, Dictionary<string, BilingualText> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = new("自定义期间请填写开始和结束日期。", "A custom period needs a start and an end date.");
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = new("日期格式应为 2026-01-31。", "Write the date as 2026-01-31.");
        return null;
    }
}
