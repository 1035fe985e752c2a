using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Rules;

/// <summary>A unit as the rules see it: its place in the tree, its boundary in WGS84 (longitude, latitude) and its households.</summary>
/// <param name="Code">The unit's code, unique among the units checked together.</param>
/// <param name="Name">The unit's name, for the household messages.</param>
/// <param name="ParentCode">The parent's code, or null for a top unit.</param>
/// <param name="Depth">The unit's level (1 for the top).</param>
/// <param name="Kind">Territorial or professional: only territorial units are held to the overlap, gap and household rules.</param>
/// <param name="Boundary">The boundary (Polygon or MultiPolygon, WGS84), or null.</param>
/// <param name="Households">The unit's own household figure; 0 when not recorded.</param>
internal sealed record RuleUnit(string Code, string Name, string? ParentCode, int Depth, GridUnitKind Kind, Geometry? Boundary, int Households);
