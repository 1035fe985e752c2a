using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Map;

/// <summary>
/// One shape of an <see cref="SvgMap"/>: a boundary in WGS84 (longitude, latitude), drawn as a single path.
/// </summary>
/// <param name="Code">The unit's code, written as <c>data-code</c> on the path.</param>
/// <param name="Label">The text drawn at the shape's interior point (when it fits) and its tooltip by default.</param>
/// <param name="Geometry">Polygons (holes and parts in one path); lines are drawn open, points are ignored.</param>
/// <param name="CssClass">The path's class attribute, e.g. <c>grid-unit is-selected</c>.</param>
/// <param name="Href">When set, the path is wrapped in a link.</param>
/// <param name="Title">The tooltip; <paramref name="Label"/> without one.</param>
internal sealed record MapShape(string Code, string Label, Geometry Geometry, string CssClass, string? Href = null, string? Title = null);
