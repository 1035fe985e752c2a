using GovPlatform.Grid.Models;
using GovPlatform.Grid.Services;

namespace GovPlatform.Grid.Import;

/// <summary>An assignment of an import plan.</summary>
/// <param name="Row">The row it comes from.</param>
/// <param name="Unit">The unit, found by its current or a former code.</param>
/// <param name="StartDate">The start date; the day of the import when the row leaves it empty.</param>
internal sealed record PlannedAssignment(int Row, GridNode Unit, GridRole Role, DateOnly StartDate, DateOnly? EndDate);
