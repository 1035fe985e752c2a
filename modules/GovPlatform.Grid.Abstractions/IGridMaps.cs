namespace GovPlatform.Grid;

/// <summary>A place drawn on a grid map: a station, a service centre.</summary>
/// <param name="Longitude">WGS84 longitude.</param>
/// <param name="Latitude">WGS84 latitude.</param>
/// <param name="Label">Its name, shown as the pin's tooltip and accessible name.</param>
/// <param name="Href">Where the pin links to, or null.</param>
/// <param name="CssClass">An extra class for the pin (its kind), or null.</param>
public sealed record MapPin(double Longitude, double Latitude, string Label, string? Href = null, string? CssClass = null);

/// <summary>What a pin map shows.</summary>
/// <param name="Pins">The places.</param>
/// <param name="AriaLabel">The map's accessible name, in the reader's language.</param>
/// <param name="UnitCode">The unit whose children are drawn under the pins; null for the tenant's top units' children.</param>
/// <param name="Marker">A point (longitude, latitude) to mark, such as "you are here", or null.</param>
/// <param name="Pickable">Whether a click on the map writes its longitude and latitude into the inputs <c>longitude</c>/<c>latitude</c> and submits the enclosing form.</param>
public sealed record PinMapRequest(IReadOnlyList<MapPin> Pins, string AriaLabel, string? UnitCode = null, (double Longitude, double Latitude)? Marker = null, bool Pickable = false);

/// <summary>
/// Draws places over the tenant's grid boundaries as an inline SVG (server side, no tiles), for modules' public
/// directories. The page includes the grid's <c>grid.css</c> (and <c>grid-map.js</c> when the map is pickable).
/// </summary>
public interface IGridMaps
{
    /// <summary>The map as an <c>&lt;svg&gt;</c> element; empty when neither a boundary nor a pin can be drawn.</summary>
    Task<string> RenderPinsAsync(PinMapRequest request, CancellationToken cancellationToken = default);
}
