using System.Globalization;
using MiniExcelLibs;

namespace GovPlatform.Grid.Import;

/// <summary>Reads the first sheet of an Excel workbook into rows of text, numbered as Excel shows them.</summary>
internal static class GridXlsxSheet
{
    /// <summary>Every row, blank ones included; null after an error of row 0 when the workbook cannot be read.</summary>
    public static List<GridSheetRow>? Read(Stream stream, List<GridImportError> errors)
    {
        try
        {
            // An xlsx is a zip, which is read by seeking; an upload stream may not seek.
            using var copy = stream.CanSeek ? null : new MemoryStream();
            if (copy is not null)
            {
                stream.CopyTo(copy);
                copy.Position = 0;
            }

            var rows = new List<GridSheetRow>();
            var number = 0;

            // MiniExcel yields empty rows for the rows a sheet leaves out, so counting gives the sheet row.
            foreach (IDictionary<string, object?> row in (copy ?? stream).Query(useHeaderRow: false))
            {
                number++;
                var cells = new List<string?>();
                foreach (var (column, value) in row)
                {
                    var index = ColumnIndex(column);
                    while (cells.Count <= index)
                    {
                        cells.Add(null);
                    }

                    cells[index] = Text(value);
                }

                rows.Add(new GridSheetRow(number, cells));
            }

            return rows;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything can be wrong in an uploaded workbook (not a zip, a missing part, bad XML): the user gets the reason.
            errors.Add(new GridImportError(0, null, new($"无法读取 Excel 文件：{ex.Message}", $"the Excel file cannot be read: {ex.Message}")));
            return null;
        }
    }

    /// <summary>A cell as the text a user sees: numbers in invariant form (<c>120</c>, not <c>120.0</c>), dates as yyyy-MM-dd.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The 0-based index of a column letter (A, B, … Z, AA…).</summary>
    private static int ColumnIndex(string column)
    {
        var index = 0;
        foreach (var letter in column)
        {
            index = (index * 26) + (char.ToUpperInvariant(letter) - 'A' + 1);
        }

        return index - 1;
    }
}
