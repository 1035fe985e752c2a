using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Map;

/// <summary>How an <see cref="SvgMap"/> is drawn.</summary>
/// <param name="Width">The viewBox width, in CSS pixels at natural size.</param>
/// <param name="Height">The viewBox height.</param>
/// <param name="Labels">Whether shapes are labelled (each only when its label fits inside it on screen).</param>
/// <param name="AriaLabel">The map's accessible name; pages should pass one in the reader's language.</param>
/// <param name="Marker">A point (longitude, latitude) drawn as a circle and included in the fitted area.</param>
/// <param name="Pickable">
/// Whether <c>grid-map.js</c> turns a click into a longitude and latitude: the svg gets <c>data-pick</c> and the
/// inverse transform (see <see cref="MapProjection"/>).
/// </param>
/// <param name="SubmitOnPick">Whether the script submits the enclosing form after a pick (<c>data-submit</c>).</param>
/// <param name="LongitudeInput">The id of the input a pick writes the longitude into (<c>data-lon-input</c>).</param>
/// <param name="LatitudeInput">The id of the input a pick writes the latitude into (<c>data-lat-input</c>).</param>
/// <param name="Pins">Places drawn over the shapes as linked circles and included in the fitted area.</param>
internal sealed record MapOptions(
    int Width = 800,
    int Height = 560,
    bool Labels = true,
    string? AriaLabel = null,
    Coordinate? Marker = null,
    bool Pickable = false,
    bool SubmitOnPick = false,
    string LongitudeInput = "longitude",
    string LatitudeInput = "latitude",
    IReadOnlyList<MapPin>? Pins = null);
