using GovPlatform.Grid.Services;

namespace GovPlatform.Grid.Import;

/// <summary>A unit of an import plan: a new unit when <paramref name="Existing"/> is null, else an update of it.</summary>
/// <param name="Row">The unit's values as read (its boundary checked).</param>
/// <param name="Existing">The unit with the row's code, or null for a new unit.</param>
/// <param name="LevelPosition">The unit's level (1 for the top), as written or, when the row leaves it out, implied.</param>
internal sealed record PlannedUnit(GridUnitRow Row, GridNode? Existing, int LevelPosition);
