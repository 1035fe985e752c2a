using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace GovPlatform.Grid.Import;

/// <summary>Reads a comma-separated UTF-8 file (with or without a byte order mark) into rows numbered as Excel shows them.</summary>
internal static class GridCsvSheet
{
    /// <summary>CsvHelper's default injection characters: exports prefix a field that starts with one with an apostrophe.</summary>
    private const string InjectionCharacters = "=@+-\t\r";

    // Throws on invalid bytes: a file saved as GBK ("CSV (逗号分隔)" in a Chinese Excel) must be refused, not read as mojibake.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every row, blank ones included (so numbering stays right); null after an error of row 0 when unreadable.</summary>
    public static List<GridSheetRow>? Read(Stream stream, List<GridImportError> errors)
    {
        var rows = new List<GridSheetRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Blank lines are kept so that CsvParser.Row stays the sheet row; the caller skips them.
            IgnoreBlankLines = false,
            BadDataFound = args => errors.Add(new GridImportError(args.Context.Parser?.Row ?? 0, null, new(
                $"引号使用有误：{args.RawRecord.Trim()}",
                $"badly placed quote: {args.RawRecord.Trim()}"))),
        };
        try
        {
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            using var parser = new CsvParser(reader, config);
            while (parser.Read())
            {
                // Row counts records, not lines: a quoted field with a line break is still one row, as in Excel.
                rows.Add(new GridSheetRow(parser.Row, [.. parser.Record!.Select(Unescape)]));
            }
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new GridImportError(0, null, new(
                "文件不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                "the file is not UTF-8: save it from Excel as \"CSV UTF-8 (Comma delimited)\"")));
            return null;
        }
        catch (CsvHelperException ex)
        {
            errors.Add(new GridImportError(0, null, new($"无法读取 CSV 文件：{ex.Message}", $"the CSV file cannot be read: {ex.Message}")));
            return null;
        }

        return rows;
    }

    /// <summary>Undoes the export's formula-injection escape (<c>'+86…</c> back to <c>+86…</c>) so exports read back unchanged.</summary>
    private static string? Unescape(string field) =>
        field.Length == 0 ? null
        : field.Length > 1 && field[0] == '\'' && InjectionCharacters.Contains(field[1], StringComparison.Ordinal) ? field[1..]
        : field;
}
