using System.Globalization;
using GovPlatform.Localization;

namespace GovPlatform.Mediation.Statistics;

/// <summary>How the mediation statistics are broken down.</summary>
public enum StatisticsGrouping
{
    /// <summary>By the units directly below the chosen unit, by where the dispute is (its location's subtree).</summary>
    Unit = 0,

    /// <summary>By the current lead mediator and the body mediating.</summary>
    Mediator = 1,

    /// <summary>By dispute type.</summary>
    Type = 2,

    /// <summary>By how the dispute came to the ledger.</summary>
    Source = 3,
}

/// <summary>
/// What the statistics cover: the tenant-local days <paramref name="From"/> to <paramref name="To"/> (both included, so
/// the instants [<paramref name="From"/> 00:00, <paramref name="To"/> + 1 day 00:00) in the tenant's zone), the disputes
/// located in the grid subtree of <paramref name="Unit"/> (null: all the user may see), broken down by <paramref name="Grouping"/>.
/// </summary>
public sealed record StatisticsRequest(string? Unit, DateOnly From, DateOnly To, StatisticsGrouping Grouping);

/// <summary>
/// The figures of one row of the statistics (or their total). With P = [period start, period end) in the tenant's zone
/// and the disputes in the user's scope and the chosen unit's subtree (by location):
/// <list type="bullet">
/// <item><see cref="Found"/>: registered in P.</item>
/// <item><see cref="Mediated"/>: closed in P as settled or failed (a withdrawn dispute was not mediated to an end);
/// whenever it was registered.</item>
/// <item><see cref="Settled"/>: closed in P as settled. <see cref="Failed"/> = <see cref="Mediated"/> − <see cref="Settled"/>.</item>
/// <item><see cref="Withdrawn"/>: closed in P as withdrawn (shown for completeness; in no rate).</item>
/// <item><see cref="SettlementRate"/> = <see cref="Settled"/> / <see cref="Mediated"/>, null (shown "—") when nothing was mediated.</item>
/// <item><see cref="Open"/>: registered before the end of P and not closed by then (open at the end of P).</item>
/// <item><see cref="HighRisk"/>: found in P whose risk is now high; <see cref="Escalated"/>: found in P and escalated
/// at least once since (EscalationCount &gt; 0).</item>
/// </list>
/// Every figure is a count, so a total is the sum of its rows.
/// </summary>
public sealed record MediationFigures
{
    public static readonly MediationFigures Zero = new();

    public long Found { get; init; }

    public long Settled { get; init; }

    public long Failed { get; init; }

    public long Withdrawn { get; init; }

    public long Open { get; init; }

    public long HighRisk { get; init; }

    public long Escalated { get; init; }

    /// <summary>Closed in the period as settled or failed.</summary>
    public long Mediated => Settled + Failed;

    /// <summary>Settled ÷ mediated in per cent, rounded half away from zero to one decimal; null when nothing was mediated.</summary>
    public decimal? SettlementRate => Mediated == 0 ? null : Math.Round(100m * Settled / Mediated, 1, MidpointRounding.AwayFromZero);

    /// <summary>The rate as shown: <c>66.7%</c>, or <c>—</c>.</summary>
    public string SettlementRateText => SettlementRate is { } rate ? rate.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Whether every figure is zero.</summary>
    public bool IsEmpty => this == Zero;

    public static MediationFigures operator +(MediationFigures a, MediationFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new()
        {
            Found = a.Found + b.Found,
            Settled = a.Settled + b.Settled,
            Failed = a.Failed + b.Failed,
            Withdrawn = a.Withdrawn + b.Withdrawn,
            Open = a.Open + b.Open,
            HighRisk = a.HighRisk + b.HighRisk,
            Escalated = a.Escalated + b.Escalated,
        };
    }

    public static MediationFigures Add(MediationFigures a, MediationFigures b) => a + b;
}

/// <summary>One row of the statistics.</summary>
/// <param name="Key">The unit code, <c>body:mediator</c> ids, type or source name; <c>""</c> for what falls in no group.</param>
/// <param name="Name">What the row is called.</param>
/// <param name="Figures">Its counts.</param>
/// <param name="DrillUnit">The unit whose own statistics break this row down further, or null.</param>
public sealed record StatisticsRow(string Key, BilingualText Name, MediationFigures Figures, string? DrillUnit = null);

/// <summary>The statistics of a request: a row per group, and the total (every dispute of the selection in exactly one row).</summary>
public sealed record StatisticsReport(StatisticsRequest Request, BilingualText? UnitName, IReadOnlyList<StatisticsRow> Rows, MediationFigures Total);
