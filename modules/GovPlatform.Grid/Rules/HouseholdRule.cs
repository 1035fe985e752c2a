namespace GovPlatform.Grid.Rules;

/// <summary>A territorial unit's households lie in its level's range; 0 means the figure is not recorded yet.</summary>
internal static class HouseholdRule
{
    public static IEnumerable<GridFinding> Check(RuleContext context)
    {
        foreach (var unit in context.AroundUnits())
        {
            if (unit.Kind != GridUnitKind.Territorial || unit.Households <= 0 || context.LevelAt(unit.Depth) is not { } level)
            {
                continue;
            }

            if (level.MinHouseholds is { } minimum && unit.Households < minimum)
            {
                yield return new GridFinding(
                    GridFindingKind.TooFewHouseholds,
                    GridFindingSeverity.Warning,
                    unit.Code,
                    null,
                    0,
                    null,
                    GridFindingMessages.TooFewHouseholds(unit, minimum, level.MaxHouseholds));
            }
            else if (level.MaxHouseholds is { } maximum && unit.Households > maximum)
            {
                yield return new GridFinding(
                    GridFindingKind.TooManyHouseholds,
                    GridFindingSeverity.Warning,
                    unit.Code,
                    null,
                    0,
                    null,
                    GridFindingMessages.TooManyHouseholds(unit, level.MinHouseholds, maximum));
            }
        }
    }
}
