namespace GovPlatform.Grid.Services;

/// <summary>A level as the admin's level editor or the recipe gives it; <see cref="Id"/> null for a new level.</summary>
public sealed record GridLevelEdit(int? Id, string Name, string EnglishName, int? MinHouseholds, int? MaxHouseholds)
{
    /// <summary>A stored level as the editor's row.</summary>
    public static GridLevelEdit From(Models.GridLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return new(level.Id, level.Name, level.EnglishName, level.MinHouseholds, level.MaxHouseholds);
    }
}
