using GovPlatform.Grid.Services;

namespace GovPlatform.Grid.Import;

/// <summary>The planner's working state for a row whose code is usable (well formed, first in the file, not a former code).</summary>
internal sealed class GridUnitPlanEntry(GridUnitRow row, GridNode? existing)
{
    public GridUnitRow Row { get; } = row;

    public GridNode? Existing { get; } = existing;

    /// <summary>The parent when it is (also) a row of the file: its level may come from the file.</summary>
    public GridUnitPlanEntry? FileParent { get; set; }

    /// <summary>The parent in the grid, or null when it is new.</summary>
    public GridNode? TreeParent { get; set; }

    /// <summary>Whether the unit is at the top or its parent was found and its code fits the parent's.</summary>
    public bool ParentResolved { get; set; }

    public bool IsTop => Row.ParentCode is null;

    /// <summary>The level, or null when it could not be told (an error says why, here or at the parent).</summary>
    public int? Level { get; set; }

    public bool LevelResolved { get; set; }
}
