namespace GovPlatform.Grid.Rules;

/// <summary>A unit's boundary stays within its parent's (professional units too: a department's grid still lies in its parent).</summary>
internal static class OutsideParentRule
{
    public static IEnumerable<GridFinding> Check(RuleContext context)
    {
        // An edit to a unit moves its own edges and its children's container: both are re-checked.
        var candidates = context.Around is null
            ? context.Units
            : context.AroundUnits().SelectMany(unit => context.ChildrenOf(unit.Code).Prepend(unit)).DistinctBy(unit => unit.Code, StringComparer.Ordinal);
        foreach (var child in candidates)
        {
            if (Check(context, child) is { } finding)
            {
                yield return finding;
            }
        }
    }

    private static GridFinding? Check(RuleContext context, RuleUnit child)
    {
        if (context.Find(child.ParentCode) is not { } parent
            || context.Metric(child) is not { } inner
            || context.Prepared(parent) is not { } outer)
        {
            return null;
        }

        // Most children lie well inside: a prepared predicate settles them without an overlay.
        if (outer.Covers(inner))
        {
            return null;
        }

        var outside = SafeOverlay.Difference(inner, outer.Geometry);
        if (!context.Tolerance.Survives(outside))
        {
            return null;
        }

        var area = outside.Area;
        return new GridFinding(
            GridFindingKind.OutsideParent,
            GridFindingSeverity.Error,
            child.Code,
            parent.Code,
            area,
            context.Projection.ToWgs84(outside),
            GridFindingMessages.OutsideParent(child.Code, parent.Code, area));
    }
}
