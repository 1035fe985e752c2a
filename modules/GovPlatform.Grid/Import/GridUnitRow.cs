using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Import;

/// <summary>
/// A unit as read from an import file, before it is checked against the grid. Text is trimmed and empty text is null
/// (except <see cref="Code"/> and <see cref="Name"/>, which are empty when missing so the planner can say so).
/// </summary>
/// <param name="Row">The sheet row or the feature's 1-based index.</param>
/// <param name="Level">The level as written: a position (<c>2</c>) or a level's Chinese or English name; null when not given.</param>
/// <param name="Boundary">The boundary as read, not yet checked for validity; null when none.</param>
internal sealed record GridUnitRow(
    int Row,
    string Code,
    string Name,
    string? EnglishName,
    string? Level,
    string? ParentCode,
    GridUnitKind Kind,
    string? Department,
    int Households,
    int Residents,
    int Buildings,
    string? Notes,
    Geometry? Boundary);
