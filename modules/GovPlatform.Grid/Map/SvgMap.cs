using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace GovPlatform.Grid.Map;

/// <summary>
/// Renders boundaries as an inline SVG map, server side and without tiles: an equirectangular projection scaled by the
/// cosine of the mid-latitude (see <see cref="MapProjection"/>), fitted into the viewBox, north up. Each geometry is
/// simplified to about half a unit first, so a map of hundreds of units stays small. Styles are in <c>grid.css</c>;
/// picking a point on a pickable map is done by <c>grid-map.js</c>.
/// </summary>
internal static class SvgMap
{
    /// <summary>The label font size in viewBox units, written on the labels' group and used to decide what fits.</summary>
    public const double LabelFontSize = 12;

    /// <summary>The marker circle's radius in viewBox units (<c>grid-map.js</c> draws a moved marker the same size).</summary>
    public const double MarkerRadius = 6;

    /// <summary>A pin's radius in viewBox units.</summary>
    public const double PinRadius = 7;

    /// <summary>Distance kept free at each edge of the viewBox.</summary>
    private const double Padding = 10;

    /// <summary>How far (in viewBox units) simplification may move a boundary.</summary>
    private const double SimplifyTolerance = 0.5;

    /// <summary>
    /// The map as an <c>&lt;svg&gt;</c> element, or an empty string when no shape has a geometry (the page says so in its
    /// own words). Every text and attribute value is escaped.
    /// </summary>
    public static string Render(IReadOnlyList<MapShape> shapes, MapOptions options)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Height, 1);

        var drawn = shapes.Where(s => s.Geometry is { IsEmpty: false }).ToList();
        var pins = (options.Pins ?? []).Where(p => double.IsFinite(p.Longitude) && double.IsFinite(p.Latitude)).ToList();
        if (drawn.Count == 0 && pins.Count == 0)
        {
            return string.Empty;
        }

        var area = new Envelope();
        foreach (var shape in drawn)
        {
            area.ExpandToInclude(shape.Geometry.EnvelopeInternal);
        }

        foreach (var pin in pins)
        {
            area.ExpandToInclude(pin.Longitude, pin.Latitude);
        }

        if (options.Marker is { } marker && double.IsFinite(marker.X) && double.IsFinite(marker.Y))
        {
            area.ExpandToInclude(marker);
        }

        // Pins are circles around their point: the padding keeps a whole circle inside the box.
        var padding = Math.Min(pins.Count > 0 ? Padding + PinRadius : Padding, Math.Min(options.Width, options.Height) / 4.0);
        var projection = MapProjection.Fit(area, options.Width, options.Height, padding);
        var tolerance = SimplifyTolerance / Math.Max(projection.Kx, projection.Ky);

        var svg = new StringBuilder(1024 + drawn.Count * 512);
        var labels = new StringBuilder();
        AppendOpening(svg, drawn, pins, options, projection);
        svg.Append("<g class=\"grid-map-shapes\">");
        foreach (var shape in drawn)
        {
            var geometry = TopologyPreservingSimplifier.Simplify(shape.Geometry, tolerance);
            AppendShape(svg, shape, geometry, projection);
            if (options.Labels)
            {
                AppendLabel(labels, shape, geometry, projection);
            }
        }

        svg.Append("</g>");
        if (labels.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"grid-map-labels\" font-size=\"{LabelFontSize}\">").Append(labels).Append("</g>");
        }

        if (pins.Count > 0)
        {
            svg.Append("<g class=\"grid-map-pins\">");
            foreach (var pin in pins)
            {
                AppendPin(svg, pin, projection);
            }

            svg.Append("</g>");
        }

        if (options.Marker is { } point && double.IsFinite(point.X) && double.IsFinite(point.Y))
        {
            svg.Append("<circle class=\"grid-map-marker\" cx=\"").AppendNumber(projection.X(point.X))
                .Append("\" cy=\"").AppendNumber(projection.Y(point.Y))
                .Append("\" r=\"").AppendNumber(MarkerRadius).Append("\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static void AppendPin(StringBuilder svg, MapPin pin, MapProjection projection)
    {
        if (pin.Href is not null)
        {
            svg.Append("<a href=\"").AppendEscaped(pin.Href).Append("\">");
        }

        svg.Append("<circle class=\"grid-map-pin");
        if (!string.IsNullOrWhiteSpace(pin.CssClass))
        {
            svg.Append(' ').AppendEscaped(pin.CssClass);
        }

        svg.Append("\" cx=\"").AppendNumber(projection.X(pin.Longitude))
            .Append("\" cy=\"").AppendNumber(projection.Y(pin.Latitude))
            .Append("\" r=\"").AppendNumber(PinRadius)
            .Append("\"><title>").AppendEscaped(pin.Label).Append("</title></circle>");
        if (pin.Href is not null)
        {
            svg.Append("</a>");
        }
    }

    private static void AppendOpening(StringBuilder svg, List<MapShape> shapes, List<MapPin> pins, MapOptions options, MapProjection projection)
    {
        // With links inside, role="img" would hide them from assistive technology; a named group keeps them reachable.
        var role = shapes.Any(s => s.Href is not null) || pins.Any(p => p.Href is not null) ? "group" : "img";
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {options.Width} {options.Height}\" role=\"{role}\"");
        if (options.AriaLabel is not null)
        {
            svg.Append(" aria-label=\"").AppendEscaped(options.AriaLabel).Append('"');
        }

        svg.Append(" class=\"grid-map\"");
        if (options.Pickable)
        {
            // Round-trip formatting: the script must invert exactly the transform the paths were drawn with.
            svg.Append(CultureInfo.InvariantCulture, $" data-pick=\"\" data-lon0=\"{projection.Lon0:R}\" data-lat0=\"{projection.Lat0:R}\" data-kx=\"{projection.Kx:R}\" data-ky=\"{projection.Ky:R}\"");
            svg.Append(" data-lon-input=\"").AppendEscaped(options.LongitudeInput)
                .Append("\" data-lat-input=\"").AppendEscaped(options.LatitudeInput).Append('"');
            if (options.SubmitOnPick)
            {
                svg.Append(" data-submit=\"\"");
            }
        }

        svg.Append('>');
    }

    private static void AppendShape(StringBuilder svg, MapShape shape, Geometry geometry, MapProjection projection)
    {
        if (shape.Href is not null)
        {
            svg.Append("<a href=\"").AppendEscaped(shape.Href).Append("\">");
        }

        svg.Append("<path d=\"").AppendPath(geometry, projection)
            .Append("\" class=\"").AppendEscaped(shape.CssClass)
            .Append("\" fill-rule=\"evenodd\" data-code=\"").AppendEscaped(shape.Code)
            .Append("\"><title>").AppendEscaped(shape.Title ?? shape.Label).Append("</title></path>");
        if (shape.Href is not null)
        {
            svg.Append("</a>");
        }
    }

    private static void AppendLabel(StringBuilder labels, MapShape shape, Geometry geometry, MapProjection projection)
    {
        if (string.IsNullOrWhiteSpace(shape.Label))
        {
            return;
        }

        var envelope = geometry.EnvelopeInternal;
        if (envelope.Width * projection.Kx < EstimateWidth(shape.Label) || envelope.Height * projection.Ky < LabelFontSize * 1.2)
        {
            return;
        }

        var point = geometry.InteriorPoint;
        if (point.IsEmpty)
        {
            return;
        }

        labels.Append("<text x=\"").AppendNumber(projection.X(point.X))
            .Append("\" y=\"").AppendNumber(projection.Y(point.Y))
            .Append("\">").AppendEscaped(shape.Label).Append("</text>");
    }

    /// <summary>A generous estimate of the label's width: a full em per wide (CJK) character, 0.6 em per other one.</summary>
    private static double EstimateWidth(string label)
    {
        var ems = 0.0;
        foreach (var c in label)
        {
            ems += c >= '\u2E80' ? 1.0 : 0.6;
        }

        return ems * LabelFontSize;
    }
}
