using System.Globalization;

namespace GovPlatform.Petitions.Ledger;

/// <summary>
/// The counts of one group of the ledger (or its total). Every figure is a count of petitions of the selection, read
/// in their current state; the rates are quotients of these counts (see docs/admin.md, "ledger and statistics"):
/// <list type="bullet">
/// <item><see cref="Received"/> = <see cref="Completed"/> + <see cref="Open"/> + <see cref="Rejected"/> + <see cref="Merged"/>, always.</item>
/// <item>on-time rate = <see cref="OnTime"/> / (<see cref="OnTime"/> + <see cref="Late"/>): of the completed petitions that had a due time.</item>
/// <item>satisfaction rate = <see cref="Satisfied"/> / <see cref="Rated"/>; average satisfaction = <see cref="SatisfactionSum"/> / <see cref="Rated"/>.</item>
/// <item>resolution rate = <see cref="Resolved"/> / <see cref="ResolvedAnswered"/>: of the rated petitions whose citizen said whether it was solved.</item>
/// </list>
/// </summary>
public sealed record LedgerFigures
{
    public static readonly LedgerFigures Zero = new();

    /// <summary>Petitions received in the period.</summary>
    public long Received { get; init; }

    /// <summary>Closed by evaluation (考核评价): rated, or closed when the rating period ran out.</summary>
    public long Evaluated { get; init; }

    /// <summary>Handling finished (reached feedback) and not reopened since; neither rejected nor merged.</summary>
    public long Completed { get; init; }

    /// <summary>Completed, with a due time, no later than it.</summary>
    public long OnTime { get; init; }

    /// <summary>Completed, with a due time, after it.</summary>
    public long Late { get; init; }

    /// <summary>Still open (not completed, not rejected, not merged), with a due time already past.</summary>
    public long OpenOverdue { get; init; }

    /// <summary>Refused (不予受理).</summary>
    public long Rejected { get; init; }

    /// <summary>Merged into another petition as a duplicate.</summary>
    public long Merged { get; init; }

    /// <summary>Rated by the citizen (a satisfaction of 1 to 5).</summary>
    public long Rated { get; init; }

    /// <summary>Rated 4 or 5.</summary>
    public long Satisfied { get; init; }

    /// <summary>The sum of the ratings.</summary>
    public long SatisfactionSum { get; init; }

    /// <summary>Rated, with the citizen's answer whether the matter was solved.</summary>
    public long ResolvedAnswered { get; init; }

    /// <summary>Rated, and the citizen said the matter was solved.</summary>
    public long Resolved { get; init; }

    /// <summary>Not completed, not rejected, not merged: still being handled (在办).</summary>
    public long Open => Received - Completed - Rejected - Merged;

    /// <summary>Completed late, or open past the due time.</summary>
    public long Overdue => Late + OpenOverdue;

    public LedgerRatio OnTimeRate => new(OnTime, OnTime + Late);

    public LedgerRatio SatisfactionRate => new(Satisfied, Rated);

    public LedgerRatio ResolutionRate => new(Resolved, ResolvedAnswered);

    /// <summary>The average rating, rounded half away from zero to two decimals; null when nothing was rated.</summary>
    public decimal? AverageSatisfaction => Rated == 0 ? null : Math.Round((decimal)SatisfactionSum / Rated, 2, MidpointRounding.AwayFromZero);

    /// <summary>The average rating as shown (<c>4.33</c>), or <c>—</c> when nothing was rated.</summary>
    public string AverageText => AverageSatisfaction is { } average ? average.ToString("0.00", CultureInfo.InvariantCulture) : LedgerRatio.None;

    public static LedgerFigures operator +(LedgerFigures a, LedgerFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new()
        {
            Received = a.Received + b.Received,
            Evaluated = a.Evaluated + b.Evaluated,
            Completed = a.Completed + b.Completed,
            OnTime = a.OnTime + b.OnTime,
            Late = a.Late + b.Late,
            OpenOverdue = a.OpenOverdue + b.OpenOverdue,
            Rejected = a.Rejected + b.Rejected,
            Merged = a.Merged + b.Merged,
            Rated = a.Rated + b.Rated,
            Satisfied = a.Satisfied + b.Satisfied,
            SatisfactionSum = a.SatisfactionSum + b.SatisfactionSum,
            ResolvedAnswered = a.ResolvedAnswered + b.ResolvedAnswered,
            Resolved = a.Resolved + b.Resolved,
        };
    }

    public static LedgerFigures Add(LedgerFigures a, LedgerFigures b) => a + b;
}

/// <summary>A rate as its two counts, so that nothing is lost to rounding before it is shown.</summary>
public readonly record struct LedgerRatio(long Numerator, long Denominator)
{
    /// <summary>What an empty denominator shows: no rate, rather than 0 %.</summary>
    public const string None = "—";

    /// <summary>The rate in per cent, rounded half away from zero to one decimal; null when the denominator is 0.</summary>
    public decimal? Percent => Denominator == 0 ? null : Math.Round(100m * Numerator / Denominator, 1, MidpointRounding.AwayFromZero);

    /// <summary>The rate as shown: <c>66.7%</c>, or <c>—</c>.</summary>
    public override string ToString() => Percent is { } percent ? percent.ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;
}
