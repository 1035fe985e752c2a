using GovPlatform.Grid.Services;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Map;

/// <summary>
/// <see cref="IGridMaps"/> over the grid snapshot: the children of the requested unit (or of the top units) as
/// unlinked outlines, the pins on top, the area fitted to include both.
/// </summary>
internal sealed class GridPinMaps(GridTreeCache cache) : IGridMaps
{
    public async Task<string> RenderPinsAsync(PinMapRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tree = await cache.GetAsync(cancellationToken);
        IEnumerable<GridNode> shown = request.UnitCode is { } code
            ? tree.Find(code) is { } unit ? (unit.Children.Count > 0 ? unit.Children : [unit]) : []
            : tree.Roots.SelectMany(r => r.Children.Count > 0 ? r.Children : [r]);
        var shapes = shown.Where(n => n.Boundary is not null && n.Unit.Kind == GridUnitKind.Territorial)
            .Select(n => new MapShape(n.Code, n.Unit.Name, n.Boundary!, "", null, n.Unit.Name))
            .ToList();
        var marker = request.Marker is { } m ? new Coordinate(m.Longitude, m.Latitude) : null;
        return SvgMap.Render(shapes, new MapOptions(
            AriaLabel: request.AriaLabel, Marker: marker, Pickable: request.Pickable, SubmitOnPick: request.Pickable, Pins: request.Pins,
            // Labels of the units would compete with the pins' own tooltips on a directory's map.
            Labels: shapes.Count <= 30));
    }
}
