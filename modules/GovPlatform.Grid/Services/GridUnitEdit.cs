namespace GovPlatform.Grid.Services;

/// <summary>A unit as the admin's editor posts it.</summary>
public sealed class GridUnitEdit
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? EnglishName { get; set; }

    /// <summary>The level's position (1 for the top).</summary>
    public int Level { get; set; }

    public string? ParentCode { get; set; }

    public GridUnitKind Kind { get; set; }

    public string? Department { get; set; }

    public int Households { get; set; }

    public int Residents { get; set; }

    public int Buildings { get; set; }

    public string? Notes { get; set; }

    /// <summary>The boundary as a GeoJSON geometry (or a Feature with one); empty for none.</summary>
    public string? Boundary { get; set; }

    /// <summary>The version the editor was opened at; a newer stored version refuses the save.</summary>
    public int Version { get; set; }
}
