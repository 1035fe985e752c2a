namespace GovPlatform.Grid;

/// <summary>A grid unit as other modules see it.</summary>
/// <param name="Code">The unit's hierarchical code, unique in the tenant (a child's code starts with its parent's).</param>
/// <param name="Name">The unit's name (in Chinese, as the district names it).</param>
/// <param name="EnglishName">The unit's English name, or null.</param>
/// <param name="Depth">The unit's level (1 for the top).</param>
/// <param name="ParentCode">The parent's code, or null for a top unit.</param>
/// <param name="Kind">Territorial or professional.</param>
/// <param name="Department">The department a professional grid belongs to, or null.</param>
/// <param name="Households">Households in the unit (its own figure, not a roll-up).</param>
/// <param name="Residents">Residents in the unit.</param>
/// <param name="Buildings">Buildings in the unit.</param>
/// <param name="HasBoundary">Whether the unit has a boundary.</param>
public sealed record GridUnitInfo(
    string Code,
    string Name,
    string? EnglishName,
    int Depth,
    string? ParentCode,
    GridUnitKind Kind,
    string? Department,
    int Households,
    int Residents,
    int Buildings,
    bool HasBoundary)
{
    /// <summary>The name for the culture: the English name for English when there is one, else the name.</summary>
    public string DisplayName(System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" && EnglishName is { Length: > 0 } english ? english : Name;
    }
}
