using GovPlatform.Localization;

namespace GovPlatform.Grid.Import;

/// <summary>A problem in an import file, shown to the user who uploaded it.</summary>
/// <param name="Row">The sheet row (header is row 1) or the feature's 1-based index; 0 for the file as a whole (unreadable, bad header).</param>
/// <param name="Column">The column (its English name) the problem is in, or null.</param>
/// <param name="Message">What is wrong, naming the value.</param>
public sealed record GridImportError(int Row, string? Column, BilingualText Message);
