using GovPlatform.Calendars;
using GovPlatform.Localization;

namespace GovPlatform.Petitions.Ledger;

/// <summary>
/// The ledger's query string as typed: <c>unit</c>, <c>period</c> (<c>this-month</c>, <c>last-month</c>,
/// <c>this-year</c>, <c>custom</c>), <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>, for a custom period) and
/// <c>group</c> (<c>unit</c>, <c>category</c>, <c>month</c>). The page and the export read the same.
/// </summary>
public sealed record LedgerForm(string? Unit, string? Period, string? From, string? To, string? Group)
{
    public const string ThisMonth = ReportPeriod.ThisMonth;
    public const string LastMonth = ReportPeriod.LastMonth;
    public const string ThisYear = ReportPeriod.ThisYear;
    public const string Custom = ReportPeriod.Custom;

    /// <summary>The period presets, in the order the page offers them.</summary>
    public static IReadOnlyList<(string Value, BilingualText Name)> Periods => ReportPeriod.Presets;

    public static IReadOnlyList<(LedgerGrouping Value, BilingualText Name)> Groupings { get; } =
    [
        (LedgerGrouping.Unit, new("按下级单元", "By unit below")),
        (LedgerGrouping.Category, new("按诉求类别", "By category")),
        (LedgerGrouping.Month, new("按月份", "By month")),
    ];

    /// <summary>The preset chosen: the one named, else custom when dates are given, else this month.</summary>
    public string PeriodOrDefault => ReportPeriod.Choose(Period, From, To);

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

        var (from, to) = ReportPeriod.Resolve(PeriodOrDefault, From, To, today, errors);

        return errors.Count > 0 ? (null, errors) : (new LedgerRequest(string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim(), from, to, grouping), errors);
    }

    /// <summary>The query string of this form with other values (<c>unit=…&amp;period=custom&amp;from=…</c>), for links.</summary>
    public static string Query(string? unit, DateOnly from, DateOnly to, LedgerGrouping grouping) =>
        $"{ReportPeriod.CustomQuery(unit, from, to)}&group={grouping.ToString().ToLowerInvariant()}";

    public static string Iso(DateOnly date) => ReportPeriod.Iso(date);

}
