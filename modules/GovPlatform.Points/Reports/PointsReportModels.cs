using System.Globalization;
using GovPlatform.Localization;

namespace GovPlatform.Points.Reports;

/// <summary>
/// What the report covers: the tenant-local days <paramref name="From"/> to <paramref name="To"/> (both included, so the
/// instants [From 00:00, To + 1 day 00:00) in the tenant's zone), in the grid subtree of <paramref name="Unit"/> (null:
/// all the user may see).
/// </summary>
public sealed record PointsReportRequest(string? Unit, DateOnly From, DateOnly To);

/// <summary>
/// The figures of one row (or the total). With P the period and the unit's subtree:
/// <list type="bullet">
/// <item><see cref="ActivitiesHeld"/>: completed activities starting in P, by the activity's unit.</item>
/// <item><see cref="VolunteersActive"/>: distinct volunteers with an earn written in P, by the earn's unit (a total counts a
/// volunteer once, so it may be less than the sum of its rows).</item>
/// <item><see cref="PointsIssued"/>: earns written in P less the reversals of earns written in P, by the entry's unit.</item>
/// <item><see cref="PointsRedeemed"/>: points spent on redemptions written in P less the points given back in P by
/// cancelled (or reversed) redemptions, by the order's unit (the volunteer's when ordering).</item>
/// <item><see cref="RedemptionValueFen"/>: the value of the orders placed in P and not cancelled, in fen.</item>
/// </list>
/// </summary>
public sealed record PointsFigures
{
    public static readonly PointsFigures Zero = new();

    public long ActivitiesHeld { get; init; }

    public long VolunteersActive { get; init; }

    public long PointsIssued { get; init; }

    public long PointsRedeemed { get; init; }

    public long RedemptionValueFen { get; init; }

    /// <summary>The value in yuan as shown: <c>¥1,250.00</c>.</summary>
    public string RedemptionValueText => "¥" + (RedemptionValueFen / 100m).ToString("N2", CultureInfo.InvariantCulture);

    public bool IsEmpty => this == Zero;
}

/// <summary>One row of the report.</summary>
/// <param name="Key">The unit code; <c>""</c> for what falls in no unit.</param>
/// <param name="Name">What the row is called.</param>
/// <param name="Figures">Its figures.</param>
/// <param name="DrillUnit">The unit whose own report breaks this row down, or null.</param>
public sealed record PointsReportRow(string Key, BilingualText Name, PointsFigures Figures, string? DrillUnit = null);

/// <summary>The report of a request: a row per unit below the chosen one (by subtree), and the total.</summary>
public sealed record PointsReportResult(PointsReportRequest Request, BilingualText? UnitName, IReadOnlyList<PointsReportRow> Rows, PointsFigures Total);
