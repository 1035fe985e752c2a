namespace GovPlatform.Grid.Models;

/// <summary>A unit of the grid (网格): a piece of territory or a department's professional grid.</summary>
public sealed class GridUnit
{
    public long Id { get; set; }

    /// <summary>Hierarchical code, unique in the tenant: a child's code starts with its parent's.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? EnglishName { get; set; }

    public int LevelId { get; set; }

    public long? ParentId { get; set; }

    /// <summary>The ids from the top unit down to this one, <c>/1/5/23/</c>: a subtree is every path that starts with its root's.</summary>
    public string Path { get; set; } = "/";

    public GridUnitKind Kind { get; set; }

    /// <summary>The department of a professional grid (公安, 司法, 民政…).</summary>
    public string? Department { get; set; }

    /// <summary>The boundary as a GeoJSON Polygon or MultiPolygon geometry in WGS84, or null.</summary>
    public string? Boundary { get; set; }

    /// <summary>The boundary's bounding box, for finding the units around a point without reading every boundary.</summary>
    public double? MinLongitude { get; set; }

    public double? MinLatitude { get; set; }

    public double? MaxLongitude { get; set; }

    public double? MaxLatitude { get; set; }

    public int Households { get; set; }

    public int Residents { get; set; }

    public int Buildings { get; set; }

    public string? Notes { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>Incremented by every update: an editor's stale form is refused instead of overwriting a newer change.</summary>
    public int Version { get; set; }
}
