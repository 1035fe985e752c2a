using System.Data;
using MiniExcelLibs;

namespace GovPlatform.Grid.Import;

/// <summary>Writes rows as an Excel workbook of one sheet in the import's format, numbers as numbers.</summary>
internal static class GridXlsxWriter
{
    public static async Task WriteAsync(Stream stream, IReadOnlyList<GridColumn> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        // A DataTable rather than dictionaries: MiniExcel writes its header even when there are no rows.
        using var table = new DataTable();
        foreach (var column in columns)
        {
            table.Columns.Add(column.Name, typeof(object));
        }

        foreach (var row in rows)
        {
            table.Rows.Add(row);
        }

        await stream.SaveAsAsync(table, cancellationToken: cancellationToken);
    }
}
