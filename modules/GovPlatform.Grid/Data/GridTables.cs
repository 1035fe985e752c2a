namespace GovPlatform.Grid.Data;

/// <summary>The grid module's tables.</summary>
internal static class GridTables
{
    public const string Levels = "gp_grid_levels";
    public const string Units = "gp_grid_units";
    public const string CodeChanges = "gp_grid_code_changes";
    public const string Workers = "gp_grid_workers";
    public const string Assignments = "gp_grid_assignments";
    public const string State = "gp_grid_state";
}
