using GovPlatform.Calendars;
using GovPlatform.Localization;

namespace GovPlatform.Mediation.Statistics;

/// <summary>
/// The statistics' query string as typed: <c>unit</c>, <c>period</c> (<c>this-month</c>, <c>last-month</c>,
/// <c>this-year</c>, <c>custom</c>), <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>, both included) and <c>group</c>
/// (<c>unit</c>, <c>mediator</c>, <c>type</c>, <c>source</c>). The page and the export read the same.
/// </summary>
public sealed record StatisticsForm(string? Unit, string? Period, string? From, string? To, string? Group)
{
    public const string ThisMonth = ReportPeriod.ThisMonth;
    public const string LastMonth = ReportPeriod.LastMonth;
    public const string ThisYear = ReportPeriod.ThisYear;
    public const string Custom = ReportPeriod.Custom;

    /// <summary>The longest period (ten years and a few days).</summary>
    public const int MaxDays = 3660;

    public static IReadOnlyList<(string Value, BilingualText Name)> Periods => ReportPeriod.Presets;

    public static IReadOnlyList<(StatisticsGrouping Value, BilingualText Name)> Groupings { get; } =
    [
        (StatisticsGrouping.Unit, new("按下级单元", "By unit below")),
        (StatisticsGrouping.Mediator, new("按调解员", "By mediator")),
        (StatisticsGrouping.Type, new("按纠纷类型", "By dispute type")),
        (StatisticsGrouping.Source, new("按来源", "By source")),
    ];

    /// <summary>The preset chosen: the one named, else custom when dates are given, else this month.</summary>
    public string PeriodOrDefault => ReportPeriod.Choose(Period, From, To);

    /// <summary>The request this form asks for, with <paramref name="today"/> the tenant's local date; or what is wrong, by field.</summary>
    public (StatisticsRequest? Request, Dictionary<string, BilingualText> Errors) Parse(DateOnly today)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        StatisticsGrouping? grouping = Group?.Trim().ToLowerInvariant() switch
        {
            null or "" or "unit" => StatisticsGrouping.Unit,
            "mediator" => StatisticsGrouping.Mediator,
            "type" => StatisticsGrouping.Type,
            "source" => StatisticsGrouping.Source,
            _ => null,
        };
        if (grouping is null)
        {
            errors["group"] = new("请选择统计方式：按下级单元、调解员、纠纷类型或来源。", "Choose a grouping: by unit, mediator, dispute type or source.");
        }

        var (from, to) = ReportPeriod.Resolve(PeriodOrDefault, From, To, today, errors);

        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (to < from)
            {
                errors["to"] = new("结束日期不能早于开始日期。", "The end date cannot be before the start date.");
            }
            else if (to.DayNumber - from.DayNumber >= MaxDays)
            {
                errors["to"] = new("统计期间不能超过 10 年。", "The period can be at most 10 years.");
            }
        }

        return errors.Count > 0 ? (null, errors) : (new StatisticsRequest(string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim(), from, to, grouping!.Value), errors);
    }

    /// <summary>The query string of a request (<c>unit=…&amp;period=custom&amp;from=…</c>), for links.</summary>
    public static string Query(string? unit, DateOnly from, DateOnly to, StatisticsGrouping grouping) =>
        $"{ReportPeriod.CustomQuery(unit, from, to)}&group={grouping.ToString().ToLowerInvariant()}";

    public static string Iso(DateOnly date) => ReportPeriod.Iso(date);

}
