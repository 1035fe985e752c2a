using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Rules;

/// <summary>
/// With full coverage required (万源), the territorial children of a territorial unit with a boundary leave none of it
/// uncovered. A unit whose children have no boundaries yet is not judged: it has not been divided on the map.
/// </summary>
internal static class GapRule
{
    public static IEnumerable<GridFinding> Check(RuleContext context)
    {
        if (!context.Settings.RequireFullCoverage)
        {
            return [];
        }

        // A child's edit can open or close a gap in its parent.
        var parents = context.Around is null
            ? context.Units
            : context.AroundUnits().SelectMany(unit => new[] { unit, context.Find(unit.ParentCode) }).OfType<RuleUnit>().DistinctBy(unit => unit.Code, StringComparer.Ordinal);
        return parents.SelectMany(parent => Check(context, parent));
    }

    private static List<GridFinding> Check(RuleContext context, RuleUnit parent)
    {
        if (parent.Kind != GridUnitKind.Territorial || context.Metric(parent) is not { } whole)
        {
            return [];
        }

        var covered = context.ChildrenOf(parent.Code)
            .Where(child => child.Kind == GridUnitKind.Territorial)
            .Select(context.Metric)
            .OfType<Geometry>()
            .ToList();
        if (covered.Count == 0)
        {
            return [];
        }

        var remainder = SafeOverlay.Difference(whole, SafeOverlay.Union(covered, whole.Factory));
        var findings = new List<GridFinding>();
        for (var i = 0; i < remainder.NumGeometries; i++)
        {
            // Each hole in the cover is its own finding, to be drawn and fixed on its own.
            var gap = remainder.GetGeometryN(i);
            if (!context.Tolerance.Survives(gap))
            {
                continue;
            }

            var area = gap.Area;
            findings.Add(new GridFinding(
                GridFindingKind.Gap,
                GridFindingSeverity.Warning,
                parent.Code,
                null,
                area,
                context.Projection.ToWgs84(gap),
                GridFindingMessages.Gap(parent.Code, area)));
        }

        return findings;
    }
}
