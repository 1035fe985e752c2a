namespace GovPlatform.Grid.Import;

/// <summary>Checks shared by the unit and worker planners.</summary>
internal static class GridImportChecks
{
    /// <summary>A text must fit its database column: better an error naming the row than a failed transaction.</summary>
    public static void Length(List<GridImportError> errors, int row, GridColumn column, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(new GridImportError(row, column.Name, new(
                $"{column.ChineseName}（{column.Name}）最多 {max} 个字符，这里有 {value.Length} 个",
                $"{column.Name} is at most {max} characters; this one has {value.Length}")));
        }
    }

    /// <summary>Errors by row (stable), as the user goes through the file; some are found out of order (at a parent, at a second row).</summary>
    public static List<GridImportError> InRowOrder(List<GridImportError> errors) => [.. errors.OrderBy(e => e.Row)];
}
