namespace GovPlatform.Grid;

/// <summary>The totals of a unit's subtree (the unit and everything below it).</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Households">Households of the unit's leaves (or of the unit itself when it has no children with figures).</param>
/// <param name="Residents">Residents, summed the same way.</param>
/// <param name="Buildings">Buildings, summed the same way.</param>
/// <param name="Units">Units in the subtree below the unit, by depth.</param>
/// <param name="Workers">Grid workers currently assigned anywhere in the subtree (each counted once).</param>
/// <param name="Counts">The counts of each <see cref="IGridCountContributor"/>, by its key, summed over the subtree.</param>
public sealed record GridRollUp(
    GridUnitInfo Unit,
    long Households,
    long Residents,
    long Buildings,
    IReadOnlyDictionary<int, int> Units,
    int Workers,
    IReadOnlyDictionary<string, long> Counts);
