namespace GovPlatform.Grid.Import;

/// <summary>A row of a CSV file or sheet: its number as the user sees it in Excel, and its cells as text (null when empty).</summary>
internal sealed record GridSheetRow(int Row, IReadOnlyList<string?> Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}
