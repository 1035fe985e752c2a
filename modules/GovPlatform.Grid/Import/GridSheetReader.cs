namespace GovPlatform.Grid.Import;

/// <summary>Reads a CSV or xlsx file into its header and its non-blank data rows.</summary>
internal static class GridSheetReader
{
    /// <summary>The header (the first non-blank row) and the data rows; null after an error of row 0 when the file cannot be used.</summary>
    public static (GridSheetHeader Header, List<GridSheetRow> Rows)? Read(
        Stream stream, GridFileFormat format, IReadOnlyList<GridColumn> columns, List<GridImportError> errors)
    {
        var rows = format switch
        {
            GridFileFormat.Csv => GridCsvSheet.Read(stream, errors),
            GridFileFormat.Xlsx => GridXlsxSheet.Read(stream, errors),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a sheet format"),
        };
        if (rows is null)
        {
            return null;
        }

        var nonBlank = rows.Where(r => !r.IsBlank).ToList();
        if (nonBlank.Count == 0)
        {
            errors.Add(new GridImportError(0, null, new("文件是空的：第一行应为列名", "the file is empty: its first row should be the column names")));
            return null;
        }

        var header = GridSheetHeader.Read(nonBlank[0], columns, errors);
        return header is null ? null : (header, nonBlank[1..]);
    }
}
