namespace GovPlatform.Grid.Models;

/// <summary>A level of the tenant's grid (网格层级), in the order of <see cref="Position"/> (1 for the top).</summary>
public sealed class GridLevel
{
    public int Id { get; set; }

    /// <summary>1 for the top level, then 2, 3…; unique in the tenant.</summary>
    public int Position { get; set; }

    public string Name { get; set; } = "";

    public string EnglishName { get; set; } = "";

    /// <summary>Fewest households a unit of this level should have; fewer is a warning.</summary>
    public int? MinHouseholds { get; set; }

    /// <summary>Most households a unit of this level should have; more is a warning.</summary>
    public int? MaxHouseholds { get; set; }
}
