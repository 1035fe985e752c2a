namespace GovPlatform.Grid.Import;

/// <summary>
/// What a units file would do, with every problem found in it. Apply it only when valid, all of it in one
/// transaction: an import is all or nothing. <see cref="Units"/> lists parents before their children.
/// </summary>
internal sealed record GridUnitImportPlan(IReadOnlyList<PlannedUnit> Units, IReadOnlyList<GridImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
