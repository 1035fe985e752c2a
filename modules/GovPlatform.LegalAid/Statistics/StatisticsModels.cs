using System.Globalization;
using GovPlatform.Calendars;
using GovPlatform.LegalAid.Models;
using GovPlatform.Localization;

namespace GovPlatform.LegalAid.Statistics;

/// <summary>How the legal service statistics are broken down.</summary>
public enum StatisticsGrouping
{
    /// <summary>By station (records with no station — advisers' appointments, evening receptions — in a row of their own).</summary>
    Station = 0,

    /// <summary>By the units directly below the chosen unit (the record's unit in its subtree).</summary>
    Unit = 1,
}

/// <summary>What the statistics cover: the local days <paramref name="From"/>..<paramref name="To"/> (both included), the unit's subtree (null: all the user may see), the grouping.</summary>
public sealed record StatisticsRequest(string? Unit, DateOnly From, DateOnly To, StatisticsGrouping Grouping);

/// <summary>
/// The figures of one row (or the total). With P the period: consultations held in P (by channel and outcome);
/// applications submitted in P, granted / refused (decided in P, now granted, assigned or closed / refused), closed in
/// P; appointments whose slot starts in P (booked = all of them, then kept, missed, cancelled; kept rate = kept ÷
/// (kept + missed)); evening receptions starting in P and held, their matters heard and filed as petitions. Every
/// figure is a count, so a total is the sum of its rows.
/// </summary>
public sealed record LegalAidFigures
{
    public static readonly LegalAidFigures Zero = new();

    /// <summary>Consultations by <see cref="ConsultationChannel"/> (indexed by its value).</summary>
    public IReadOnlyList<long> ByChannel { get; init; } = new long[Enum.GetValues<ConsultationChannel>().Length];

    /// <summary>Consultations by <see cref="ConsultationOutcome"/> (indexed by its value).</summary>
    public IReadOnlyList<long> ByOutcome { get; init; } = new long[Enum.GetValues<ConsultationOutcome>().Length];

    public long Submitted { get; init; }

    public long Granted { get; init; }

    public long Refused { get; init; }

    public long Closed { get; init; }

    public long Booked { get; init; }

    public long Kept { get; init; }

    public long Missed { get; init; }

    public long Cancelled { get; init; }

    public long ReceptionsHeld { get; init; }

    public long MattersHeard { get; init; }

    public long PetitionsFiled { get; init; }

    public long Consultations => ByChannel.Sum();

    /// <summary>Kept ÷ (kept + missed) in per cent to one decimal; null when no appointment was marked.</summary>
    public decimal? KeptRate => Kept + Missed == 0 ? null : Math.Round(100m * Kept / (Kept + Missed), 1, MidpointRounding.AwayFromZero);

    /// <summary>The rate as shown: <c>75.0%</c>, or <c>—</c>.</summary>
    public string KeptRateText => KeptRate is { } rate ? rate.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public bool IsEmpty => Consultations == 0 && Submitted + Granted + Refused + Closed + Booked + Kept + Missed + Cancelled + ReceptionsHeld + MattersHeard + PetitionsFiled == 0
        && ByOutcome.All(o => o == 0);

    public static IReadOnlyList<ConsultationChannel> Channels { get; } = Enum.GetValues<ConsultationChannel>();

    public static IReadOnlyList<ConsultationOutcome> Outcomes { get; } = Enum.GetValues<ConsultationOutcome>();

    public long Channel(ConsultationChannel channel) => ByChannel[(int)channel];

    public long Outcome(ConsultationOutcome outcome) => ByOutcome[(int)outcome];

    public static LegalAidFigures operator +(LegalAidFigures a, LegalAidFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new()
        {
            ByChannel = [.. a.ByChannel.Zip(b.ByChannel, (x, y) => x + y)],
            ByOutcome = [.. a.ByOutcome.Zip(b.ByOutcome, (x, y) => x + y)],
            Submitted = a.Submitted + b.Submitted,
            Granted = a.Granted + b.Granted,
            Refused = a.Refused + b.Refused,
            Closed = a.Closed + b.Closed,
            Booked = a.Booked + b.Booked,
            Kept = a.Kept + b.Kept,
            Missed = a.Missed + b.Missed,
            Cancelled = a.Cancelled + b.Cancelled,
            ReceptionsHeld = a.ReceptionsHeld + b.ReceptionsHeld,
            MattersHeard = a.MattersHeard + b.MattersHeard,
            PetitionsFiled = a.PetitionsFiled + b.PetitionsFiled,
        };
    }

    public static LegalAidFigures Add(LegalAidFigures a, LegalAidFigures b) => a + b;
}

/// <summary>One row: its key (station id, unit code, <c>""</c> for what falls in no group), name, figures, and the unit to drill into.</summary>
public sealed record StatisticsRow(string Key, BilingualText Name, LegalAidFigures Figures, string? DrillUnit = null);

/// <summary>The statistics of a request: the rows and the total.</summary>
public sealed record StatisticsReport(StatisticsRequest Request, BilingualText? UnitName, IReadOnlyList<StatisticsRow> Rows, LegalAidFigures Total);

/// <summary>The query string as typed: <c>unit</c>, <c>period</c>, <c>from</c>, <c>to</c>, <c>group</c> (<c>station</c>, <c>unit</c>).</summary>
public sealed record StatisticsForm(string? Unit, string? Period, string? From, string? To, string? Group)
{
    public const int MaxDays = 3660;

    public static IReadOnlyList<(StatisticsGrouping Value, BilingualText Name)> Groupings { get; } =
    [
        (StatisticsGrouping.Station, new("按站点", "By station")),
        (StatisticsGrouping.Unit, new("按下级单元", "By unit below")),
    ];

    public string PeriodOrDefault => ReportPeriod.Choose(Period, From, To);

    /// <summary>The request, with <paramref name="today"/> the tenant's local date; or the errors by field.</summary>
    public (StatisticsRequest? Request, Dictionary<string, BilingualText> Errors) Parse(DateOnly today)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        StatisticsGrouping? grouping = Group?.Trim().ToLowerInvariant() switch
        {
            null or "" or "station" => StatisticsGrouping.Station,
            "unit" => StatisticsGrouping.Unit,
            _ => null,
        };
        if (grouping is null)
        {
            errors["group"] = new("请选择统计方式：按站点或按下级单元。", "Choose a grouping: by station or by unit.");
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

    public static string Query(string? unit, DateOnly from, DateOnly to, StatisticsGrouping grouping) =>
        $"{ReportPeriod.CustomQuery(unit, from, to)}&group={grouping.ToString().ToLowerInvariant()}";
}
