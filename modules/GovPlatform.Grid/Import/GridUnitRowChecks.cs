using GovPlatform.Grid.Services;
using GovPlatform.Localization;

namespace GovPlatform.Grid.Import;

/// <summary>The checks of a unit row that need nothing but the row: lengths (those of the database columns), department, boundary.</summary>
internal static class GridUnitRowChecks
{
    public static void Check(GridUnitRow row, List<GridImportError> errors)
    {
        if (row.Name.Length == 0)
        {
            Add(errors, row, GridUnitColumns.Name, new("名称必填", "name is required"));
        }

        CheckLength(errors, row, GridUnitColumns.Name, row.Name, 100);
        CheckLength(errors, row, GridUnitColumns.EnglishName, row.EnglishName, 200);
        CheckLength(errors, row, GridUnitColumns.Department, row.Department, 100);
        CheckLength(errors, row, GridUnitColumns.Notes, row.Notes, 2000);
        if (row.Department is not null && row.Kind != GridUnitKind.Professional)
        {
            Add(errors, row, GridUnitColumns.Department, new(
                $"只有专业网格才有部门（“{row.Department}”）；请把类型设为 professional（专业）或清空部门",
                $"only a professional unit has a department (\"{row.Department}\"): set kind to professional or leave department empty"));
        }

        if (row.Boundary is not null)
        {
            try
            {
                GeoJson.CheckBoundary(row.Boundary);
            }
            catch (FormatException ex)
            {
                Add(errors, row, GridUnitColumns.Boundary, new($"边界无效：{ex.Message}", $"invalid boundary: {ex.Message}"));
            }
        }
    }

    private static void CheckLength(List<GridImportError> errors, GridUnitRow row, GridColumn column, string? value, int max) =>
        GridImportChecks.Length(errors, row.Row, column, value, max);

    private static void Add(List<GridImportError> errors, GridUnitRow row, GridColumn column, BilingualText message) =>
        errors.Add(new GridImportError(row.Row, column.Name, message));
}
