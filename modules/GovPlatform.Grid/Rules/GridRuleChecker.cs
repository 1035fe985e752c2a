using GovPlatform.Grid.Models;

namespace GovPlatform.Grid.Rules;

/// <summary>
/// Checks a tenant's grid against its rules: children within parents, no overlapping territorial siblings, full
/// coverage when required, and household figures within their level's range. Overlays run on a local metric plane so
/// that areas and the tolerance are in metres.
/// </summary>
internal static class GridRuleChecker
{
    /// <summary>The findings, errors first, then by unit code and other code.</summary>
    /// <param name="units">Every unit of the tenant (codes unique), boundaries in WGS84.</param>
    /// <param name="levels">The tenant's levels, for the household ranges.</param>
    /// <param name="settings">The tolerance and whether full coverage is required.</param>
    /// <param name="around">
    /// The codes an edit or an import changed, to report (and compute) only the findings that involve them; null for
    /// the whole grid. A removed unit is not in <paramref name="units"/>: pass its parent's code to re-check the gap it leaves.
    /// </param>
    public static IReadOnlyList<GridFinding> Check(
        IReadOnlyList<RuleUnit> units,
        IReadOnlyList<GridLevelInfo> levels,
        GridRuleSettings settings,
        IReadOnlySet<string>? around = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(settings);

        var context = new RuleContext(units, levels, settings, around);
        return
        [
            .. OutsideParentRule.Check(context)
                .Concat(OverlapRule.Check(context))
                .Concat(GapRule.Check(context))
                .Concat(HouseholdRule.Check(context))
                .OrderBy(f => f.Severity)
                .ThenBy(f => f.UnitCode, StringComparer.Ordinal)
                .ThenBy(f => f.OtherCode, StringComparer.Ordinal)
                .ThenBy(f => f.Kind)
                .ThenByDescending(f => f.AreaSquareMeters),
        ];
    }
}
