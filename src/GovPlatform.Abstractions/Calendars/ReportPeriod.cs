using System.Globalization;
using GovPlatform.Localization;

namespace GovPlatform.Calendars;

/// <summary>
/// The period of a report as its form names it — <c>this-month</c>, <c>last-month</c>, <c>this-year</c> or <c>custom</c>
/// with <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>, both included) — resolved against the tenant's local date. The
/// petitions ledger, the mediation statistics and the points report read their periods this way.
/// </summary>
public static class ReportPeriod
{
    /// <summary>From the 1st of the current month to today.</summary>
    public const string ThisMonth = "this-month";

    /// <summary>The whole previous month.</summary>
    public const string LastMonth = "last-month";

    /// <summary>From 1 January to today.</summary>
    public const string ThisYear = "this-year";

    /// <summary>The form's own from and to.</summary>
    public const string Custom = "custom";

    /// <summary>The presets, in the order the pages offer them.</summary>
    public static IReadOnlyList<(string Value, BilingualText Name)> Presets { get; } =
    [
        (ThisMonth, new("本月", "This month")),
        (LastMonth, new("上月", "Last month")),
        (ThisYear, new("本年", "This year")),
        (Custom, new("自定义", "Custom")),
    ];

    /// <summary>The preset chosen: the one named, else custom when dates are given, else this month.</summary>
    public static string Choose(string? period, string? from, string? to) => period is ThisMonth or LastMonth or ThisYear or Custom ? period
        : !string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to) ? Custom : ThisMonth;

    /// <summary>
    /// The first and last day of <paramref name="preset"/> with <paramref name="today"/> the tenant's local date; a custom
    /// date that is missing or unreadable adds its error under <c>from</c> or <c>to</c> (and this month's day stands in).
    /// </summary>
    public static (DateOnly From, DateOnly To) Resolve(string preset, string? from, string? to, DateOnly today, IDictionary<string, BilingualText> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var month = new DateOnly(today.Year, today.Month, 1);
        return preset switch
        {
            LastMonth => (month.AddMonths(-1), month.AddDays(-1)),
            ThisYear => (new DateOnly(today.Year, 1, 1), today),
            Custom => (Date(from, "from", errors) ?? month, Date(to, "to", errors) ?? today),
            _ => (month, today),
        };
    }

    /// <summary>A date as the forms write it: <c>2026-01-31</c>.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The query string of a custom period for a unit (<c>unit=…&amp;period=custom&amp;from=…&amp;to=…</c>), for links.</summary>
    public static string CustomQuery(string? unit, DateOnly from, DateOnly to) =>
        $"{(unit is null ? "" : $"unit={Uri.EscapeDataString(unit)}&")}period={Custom}&from={Iso(from)}&to={Iso(to)}";

    private static DateOnly? Date(string? value, string field, IDictionary<string, BilingualText> errors)
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
