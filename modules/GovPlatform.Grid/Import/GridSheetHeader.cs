namespace GovPlatform.Grid.Import;

/// <summary>The header row of a CSV file or sheet, mapped to the file's columns.</summary>
internal sealed class GridSheetHeader
{
    private readonly Dictionary<GridColumn, int> _indexes;

    private GridSheetHeader(Dictionary<GridColumn, int> indexes) => _indexes = indexes;

    /// <summary>
    /// The header's columns; null after an error of row 0 for each unknown (a typo would otherwise drop a column's
    /// values without a word), repeated or missing required column.
    /// </summary>
    public static GridSheetHeader? Read(GridSheetRow header, IReadOnlyList<GridColumn> columns, List<GridImportError> errors)
    {
        var count = errors.Count;
        var indexes = new Dictionary<GridColumn, int>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var name = header.Cells[i]?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var column = columns.FirstOrDefault(c => c.Matches(name));
            if (column is null)
            {
                var known = string.Join(", ", columns.Select(c => $"{c.Name} ({c.ChineseName})"));
                errors.Add(new GridImportError(0, name, new($"未知的列“{name}”；可用的列：{known}", $"unknown column \"{name}\"; the columns are: {known}")));
            }
            else if (!indexes.TryAdd(column, i))
            {
                errors.Add(new GridImportError(0, column.Name, new(
                    $"列“{column.ChineseName}”（{column.Name}）出现了两次",
                    $"the column {column.Name} ({column.ChineseName}) appears twice")));
            }
        }

        foreach (var column in columns.Where(c => c.Required && !indexes.ContainsKey(c)))
        {
            errors.Add(new GridImportError(0, column.Name, new(
                $"缺少必需的列“{column.ChineseName}”（{column.Name}）",
                $"the required column {column.Name} ({column.ChineseName}) is missing")));
        }

        return errors.Count == count ? new GridSheetHeader(indexes) : null;
    }

    /// <summary>The fields of a data row; a value in a column without a header is an error, since it would be lost.</summary>
    public GridRowValues Values(GridSheetRow row, List<GridImportError> errors)
    {
        for (var i = 0; i < row.Cells.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(row.Cells[i]) && !_indexes.ContainsValue(i))
            {
                errors.Add(new GridImportError(row.Row, null, new(
                    $"第 {i + 1} 列有值“{row.Cells[i]!.Trim()}”，但没有列名",
                    $"column {i + 1} has a value (\"{row.Cells[i]!.Trim()}\") but no header")));
            }
        }

        return new GridRowValues(row.Row, column => _indexes.TryGetValue(column, out var i) && i < row.Cells.Count ? row.Cells[i] : null, errors);
    }
}
