using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace GovPlatform.Grid.Import;

/// <summary>Writes rows as CSV in the import's format: English headers, comma, UTF-8 with a byte order mark.</summary>
internal static class GridCsvWriter
{
    // The byte order mark is what makes Excel in China open the file as UTF-8 rather than as GBK.
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        // A name starting with '=' must not run as a formula when the file is opened in Excel; the reader undoes the escape.
        InjectionOptions = InjectionOptions.Escape,
    };

    public static async Task WriteAsync(Stream stream, IReadOnlyList<GridColumn> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(stream, Utf8WithBom, leaveOpen: true);
        await using var csv = new CsvWriter(text, Configuration);
        foreach (var column in columns)
        {
            csv.WriteField(column.Name);
        }

        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var cell in row)
            {
                csv.WriteField(cell switch
                {
                    null => "",
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => cell.ToString(),
                });
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }
}
