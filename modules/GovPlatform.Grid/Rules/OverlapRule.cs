namespace GovPlatform.Grid.Rules;

/// <summary>Territorial siblings (top units among themselves) claim no ground twice; professional grids may overlay anything.</summary>
internal static class OverlapRule
{
    public static IEnumerable<GridFinding> Check(RuleContext context)
    {
        foreach (var unit in context.AroundUnits())
        {
            if (unit.Kind != GridUnitKind.Territorial || unit.Boundary is not { IsEmpty: false } boundary)
            {
                continue;
            }

            foreach (var neighbour in context.TerritorialSiblingIndex(unit.ParentCode).Query(boundary.EnvelopeInternal))
            {
                if (IsFirstOfPair(context, unit, neighbour) && Check(context, unit, neighbour) is { } finding)
                {
                    yield return finding;
                }
            }
        }
    }

    // Each pair once: by the smaller code, unless only the larger one is being checked.
    private static bool IsFirstOfPair(RuleContext context, RuleUnit unit, RuleUnit neighbour)
    {
        var order = string.CompareOrdinal(unit.Code, neighbour.Code);
        return order < 0 || (order > 0 && !context.IsAround(neighbour.Code));
    }

    private static GridFinding? Check(RuleContext context, RuleUnit a, RuleUnit b)
    {
        if (context.Metric(a) is not { } first || context.Metric(b) is not { } second)
        {
            return null;
        }

        // Neighbours that share an edge meet in a strip of envelope no wider than the tolerance: no overlay needed.
        if (!context.Tolerance.CouldHold(first.EnvelopeInternal.Intersection(second.EnvelopeInternal)))
        {
            return null;
        }

        var common = SafeOverlay.Intersection(first, second);
        if (!context.Tolerance.Survives(common))
        {
            return null;
        }

        var (code, otherCode) = string.CompareOrdinal(a.Code, b.Code) < 0 ? (a.Code, b.Code) : (b.Code, a.Code);
        var area = common.Area;
        return new GridFinding(
            GridFindingKind.Overlap,
            GridFindingSeverity.Error,
            code,
            otherCode,
            area,
            context.Projection.ToWgs84(common),
            GridFindingMessages.Overlap(code, otherCode, area));
    }
}
