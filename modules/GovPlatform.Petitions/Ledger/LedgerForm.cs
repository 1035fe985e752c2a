using System.Globalization;
using GovPlatform.Localization;

namespace GovPlatform.Petitions.Ledger;

/// <summary>
/// The ledger's query string as typed: <c>unit</c>, <c>period</c> (<c>this-month</c>, <c>last-month</c>,
/// <c>this-year</c>, <c>custom</c>), <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>, for a custom period) and
/// <c>group</c> (<c>unit</c>, <c>category</c>, <c>month</c>). The page and the export read the same.
/// </summary>
public sealed record LedgerForm(string? Unit, string? Period, string? From, string? To, string? Group)
{
    public const string ThisMonth = "this-month";
    public const string LastMonth = "last-month";
    public const string ThisYear = "this-year";
    public const string Custom = "custom";

    /// <summary>The period presets, in the order the page offers them.</summary>
    public static IReadOnlyList<(string Value, BilingualText Name)> Periods { get; } =
    [
        (ThisMonth, new("本月", "This month")),
        (LastMonth, new("上月", "Last month")),
        (ThisYear, new("本年", "This year")),
        (Custom, new("自定义", "Custom")),
    ];

    public static IReadOnlyList<(LedgerGrouping Value, BilingualText Name)> Groupings { get; } =
    [
        (LedgerGrouping.Unit, new("按下级单元", "By unit below")),
        (LedgerGrouping.Category, new("按诉求类别", "By category")),
        (LedgerGrouping.Month, new("按月份", "By month")),
    ];

    /// <summary>The preset chosen: the one named, else custom when dates are given, else this month.</summary>
    public string PeriodOrDefault => Period is ThisMonth or LastMonth or ThisYear or Custom ? Period
        : !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(To) ? Custom : ThisMonth;

    /// <summary>The request this form asks for, with <paramref name="today"/> the tenant's local date; or what is wrong, by field.</summary>
    public (LedgerRequest? Request, Dictionary<string, BilingualText> Errors) Parse(DateOnly today)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        LedgerGrouping grouping;
        switch (Group?.Trim().ToLowerInvariant())
        {
            case null or "" or "unit":
                grouping = LedgerGrouping.Unit;
                break;
            case "category":
                grouping = LedgerGrouping.Category;
                break;
            case "month":
                grouping = LedgerGrouping.Month;
                break;
            default:
                grouping = LedgerGrouping.Unit;
                errors["group"] = new("请选择统计方式：按下级单元、按类别或按月份。", "Choose a grouping: by unit, by category or by month.");
                break;
        }

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

        return errors.Count > 0 ? (null, errors) : (new LedgerRequest(string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim(), from, to, grouping), errors);
    }

    /// <summary>The query string of this form with other values (<c>unit=…&amp;period=custom&amp;from=…</c>), for links.</summary>
    public static string Query(string? unit, DateOnly from, DateOnly to, LedgerGrouping grouping) =>
        $"{(unit is null ? "" : $"unit={Uri.EscapeDataString(unit)}&")}period={Custom}&from={Iso(from)}&to={Iso(to)}&group={grouping.ToString().ToLowerInvariant()}";

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
