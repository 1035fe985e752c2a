using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GovPlatform.Grid.Map;
using GovPlatform.Grid.Services;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Tests.Map;

public sealed partial class SvgMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Kilometres per degree of latitude on the sphere the projection assumes (only ratios matter).</summary>
    private const double KmPerDegree = 111.195;

    [Fact]
    public void Output_is_xml_with_one_path_per_shape_with_its_class_and_link()
    {
        var shapes = new[]
        {
            new MapShape("A", "Unit A", Box(116.0, 39.9, 116.1, 40.0), "grid-unit is-selected", Href: "/admin/grid/A?x=1&y=2"),
            new MapShape("B", "Unit B", Box(116.1, 39.9, 116.2, 40.0), "grid-unit"),
        };

        var doc = XDocument.Parse(SvgMap.Render(shapes, new MapOptions(AriaLabel: "Grid")));

        var root = doc.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("0 0 800 560", (string?)root.Attribute("viewBox"));
        Assert.Equal("grid-map", (string?)root.Attribute("class"));
        Assert.Equal("Grid", (string?)root.Attribute("aria-label"));
        var paths = root.Descendants(Svg + "path").ToList();
        Assert.Equal(2, paths.Count);
        Assert.Equal("grid-unit is-selected", (string?)paths[0].Attribute("class"));
        Assert.Equal("evenodd", (string?)paths[0].Attribute("fill-rule"));
        Assert.Equal(Svg + "a", paths[0].Parent!.Name);
        Assert.Equal("/admin/grid/A?x=1&y=2", (string?)paths[0].Parent!.Attribute("href"));
        Assert.Equal("grid-unit", (string?)paths[1].Attribute("class"));
        Assert.NotEqual(Svg + "a", paths[1].Parent!.Name);
        Assert.Equal("Unit B", paths[1].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void User_text_is_escaped_everywhere()
    {
        const string Evil = "<script>alert(\"x\")</script> & 'quoted'";
        var shape = new MapShape("C\"<", Evil, Box(116.0, 39.0, 117.0, 40.0), "grid-unit\" onclick=\"x", Href: "/u?a=\"b\"", Title: Evil);

        var svg = SvgMap.Render([shape], new MapOptions(AriaLabel: Evil, Pickable: true, LongitudeInput: "a\"b"));

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onclick", svg, StringComparison.Ordinal);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Evil, (string?)root.Attribute("aria-label"));
        Assert.Equal("a\"b", (string?)root.Attribute("data-lon-input"));
        var path = root.Descendants(Svg + "path").Single();
        Assert.Equal("grid-unit\" onclick=\"x", (string?)path.Attribute("class"));
        Assert.Null(path.Attribute("onclick"));
        Assert.Equal(Evil, path.Element(Svg + "title")!.Value);
        Assert.Equal(Evil, root.Descendants(Svg + "text").Single().Value);
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_dropped()
    {
        var shape = new MapShape("A", "a\u0001b\uD800c", Box(116.0, 39.0, 117.0, 40.0), "grid-unit");

        var root = XDocument.Parse(SvgMap.Render([shape], new MapOptions())).Root!;

        Assert.Equal("abc", root.Descendants(Svg + "title").Single().Value);
    }

    [Fact]
    public void Proportions_are_kept_at_the_shapes_latitude()
    {
        // 2 km wide and 1 km tall at latitude 40.
        var height = 1 / KmPerDegree;
        var width = 2 / (KmPerDegree * Math.Cos(40 * Math.PI / 180));
        var shape = new MapShape("A", "A", Box(116, 40 - height / 2, 116 + width, 40 + height / 2), "grid-unit");

        var points = Points(Path(SvgMap.Render([shape], new MapOptions())));

        var renderedWidth = points.Max(p => p.X) - points.Min(p => p.X);
        var renderedHeight = points.Max(p => p.Y) - points.Min(p => p.Y);
        Assert.InRange(renderedWidth / renderedHeight, 1.98, 2.02);
        Assert.InRange(renderedWidth, 700, 800);
    }

    [Fact]
    public void North_is_up()
    {
        var shapes = new[]
        {
            new MapShape("N", "N", Box(116.0, 40.1, 116.1, 40.2), "grid-unit"),
            new MapShape("S", "S", Box(116.0, 39.9, 116.1, 40.0), "grid-unit"),
        };

        var paths = XDocument.Parse(SvgMap.Render(shapes, new MapOptions())).Root!.Descendants(Svg + "path").ToList();

        var north = Points((string)paths[0].Attribute("d")!);
        var south = Points((string)paths[1].Attribute("d")!);
        Assert.True(north.Max(p => p.Y) <= south.Min(p => p.Y), "the northern square is drawn above the southern one");
    }

    [Fact]
    public void A_hole_is_a_second_subpath_of_the_same_path()
    {
        var factory = GeoJson.Factory;
        var shell = factory.CreateLinearRing(Ring(116.0, 39.0, 117.0, 40.0));
        var hole = factory.CreateLinearRing(Ring(116.4, 39.4, 116.6, 39.6));
        var shape = new MapShape("A", "A", factory.CreatePolygon(shell, [hole]), "grid-unit");

        var d = Path(SvgMap.Render([shape], new MapOptions()));

        Assert.Equal(2, d.Count(c => c == 'M'));
        Assert.Equal(2, d.Count(c => c == 'Z'));
    }

    [Fact]
    public void Pick_attributes_invert_the_drawn_projection()
    {
        var shape = new MapShape("A", "A", Box(116.30, 39.95, 116.42, 40.03), "grid-unit");
        var marker = new Coordinate(116.351234, 39.987654);

        var root = XDocument.Parse(SvgMap.Render([shape], new MapOptions(Marker: marker, Pickable: true))).Root!;

        Assert.NotNull(root.Attribute("data-pick"));
        var lon0 = Number(root, "data-lon0");
        var lat0 = Number(root, "data-lat0");
        var kx = Number(root, "data-kx");
        var ky = Number(root, "data-ky");

        // The declared transform is the one the shapes were drawn with: the box's north-west corner lands where projected.
        var corner = Points(Path(root.ToString())).OrderBy(p => p.X + p.Y).First();
        Assert.Equal((116.30 - lon0) * kx, corner.X, 0.06);
        Assert.Equal((lat0 - 40.03) * ky, corner.Y, 0.06);

        // And it inverts: project a known point with the declared numbers, then turn it back.
        var x = (marker.X - lon0) * kx;
        var y = (lat0 - marker.Y) * ky;
        Assert.Equal(marker.X, lon0 + x / kx, 1e-6);
        Assert.Equal(marker.Y, lat0 - y / ky, 1e-6);

        // The drawn marker (rounded to a tenth of a unit) maps back to within that tenth.
        var circle = root.Element(Svg + "circle")!;
        Assert.Equal(marker.X, lon0 + Number(circle, "cx") / kx, 0.05 / kx);
        Assert.Equal(marker.Y, lat0 - Number(circle, "cy") / ky, 0.05 / ky);
        Assert.Equal("longitude", (string?)root.Attribute("data-lon-input"));
        Assert.Null(root.Attribute("data-submit"));
    }

    [Fact]
    public void Without_picking_there_are_no_pick_attributes()
    {
        var root = XDocument.Parse(SvgMap.Render([new MapShape("A", "A", Box(0, 0, 1, 1), "u")], new MapOptions())).Root!;

        Assert.Null(root.Attribute("data-pick"));
        Assert.Null(root.Attribute("data-kx"));
    }

    [Fact]
    public void Marker_is_drawn_and_fitted_into_the_view()
    {
        var shape = new MapShape("A", "A", Box(116.0, 39.9, 116.1, 40.0), "grid-unit");

        var root = XDocument.Parse(SvgMap.Render([shape], new MapOptions(Marker: new Coordinate(116.3, 39.95)))).Root!;

        var circle = root.Element(Svg + "circle")!;
        Assert.Equal("grid-map-marker", (string?)circle.Attribute("class"));
        Assert.InRange(Number(circle, "cx"), 0, 800);
        Assert.InRange(Number(circle, "cy"), 0, 560);
        Assert.True(Number(circle, "cx") > Points(Path(root.ToString())).Max(p => p.X), "the marker east of the shape is drawn right of it");
    }

    [Fact]
    public void A_dense_circle_is_simplified_to_a_few_hundred_points()
    {
        var center = new Coordinate(116.4, 39.9);
        var coordinates = new Coordinate[10_001];
        for (var i = 0; i < 10_000; i++)
        {
            var angle = 2 * Math.PI * i / 10_000;
            coordinates[i] = new Coordinate(center.X + 0.05 * Math.Cos(angle), center.Y + 0.04 * Math.Sin(angle));
        }

        coordinates[10_000] = coordinates[0];
        var circle = GeoJson.Factory.CreatePolygon(coordinates);

        var svg = SvgMap.Render([new MapShape("C", "C", circle, "grid-unit")], new MapOptions());

        var points = Points(Path(svg));
        Assert.InRange(points.Count, 16, 300);
        Assert.True(svg.Length < 4000, $"{svg.Length} characters");
    }

    [Fact]
    public void Coordinates_have_at_most_one_decimal()
    {
        var shape = new MapShape("A", "A", Box(116.0123, 39.9456, 116.1789, 40.0321), "grid-unit");

        var d = Path(SvgMap.Render([shape], new MapOptions(Width: 333, Height: 217)));

        Assert.Matches(@"^(M-?\d+(\.\d)?,-?\d+(\.\d)?( -?\d+(\.\d)?,-?\d+(\.\d)?)*Z)+$", d);
    }

    [Fact]
    public void Labels_appear_only_where_they_fit()
    {
        var shapes = new[]
        {
            new MapShape("BIG", "大社区", Box(116.0, 39.0, 117.0, 40.0), "grid-unit"),
            new MapShape("TINY", "一个很长的网格名称", Box(116.5, 40.0, 116.501, 40.001), "grid-unit"),
        };

        var root = XDocument.Parse(SvgMap.Render(shapes, new MapOptions())).Root!;
        var unlabelled = XDocument.Parse(SvgMap.Render(shapes, new MapOptions(Labels: false))).Root!;

        Assert.Equal(["大社区"], root.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Empty(unlabelled.Descendants(Svg + "text"));
    }

    [Fact]
    public void No_shapes_render_nothing()
    {
        Assert.Equal(string.Empty, SvgMap.Render([], new MapOptions()));
        Assert.Equal(string.Empty, SvgMap.Render([new MapShape("E", "E", Polygon.Empty, "u")], new MapOptions(Marker: new Coordinate(1, 1))));
    }

    [Fact]
    public void Numbers_are_culture_invariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var svg = SvgMap.Render([new MapShape("A", "A", Box(116.0123, 39.9, 116.1, 40.0), "u")], new MapOptions(Pickable: true));
            var root = XDocument.Parse(svg).Root!;

            Assert.DoesNotContain(',', (string)root.Attribute("data-lon0")!);
            Assert.True(double.IsFinite(Number(root, "data-lon0")));
            Assert.Matches(@"^M\d+(\.\d)?,", Path(svg));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static Polygon Box(double x0, double y0, double x1, double y1) => GeoJson.Factory.CreatePolygon(Ring(x0, y0, x1, y1));

    private static Coordinate[] Ring(double x0, double y0, double x1, double y1) =>
        [new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)];

    private static string Path(string svg) => (string)XDocument.Parse(svg).Root!.Descendants(Svg + "path").First().Attribute("d")!;

    private static List<(double X, double Y)> Points(string d) =>
        [.. PointPattern().Matches(d).Select(m => (Parse(m.Groups[1].Value), Parse(m.Groups[2].Value)))];

    private static double Number(XElement element, string attribute) => Parse((string)element.Attribute(attribute)!);

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")]
    private static partial Regex PointPattern();
}
