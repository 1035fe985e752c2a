namespace GovPlatform.Grid.Import;

/// <summary>A column of an import file: its English name (written by exports) and the Chinese name accepted in its place.</summary>
internal sealed record GridColumn(string Name, string ChineseName, bool Required = false)
{
    /// <summary>Whether a header cell names this column: case-insensitive and trimmed, so hand-made sheets need not match exactly.</summary>
    public bool Matches(string header)
    {
        var trimmed = header.Trim();
        return string.Equals(trimmed, Name, StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, ChineseName, StringComparison.Ordinal);
    }
}
