using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace GovPlatform.Grid.Rules;

/// <summary>Overlay operations on metric geometries that do not throw on awkward input.</summary>
internal static class SafeOverlay
{
    // Snap-rounding to a fixed grid cannot fail; a millimetre is far below anything a grid rule reports.
    private static readonly PrecisionModel Millimetres = new(1000);

    public static Geometry Difference(Geometry a, Geometry b) => Overlay(a, b, SpatialFunction.Difference);

    public static Geometry Intersection(Geometry a, Geometry b) => Overlay(a, b, SpatialFunction.Intersection);

    /// <summary>The union of the parts (a cascaded unary union).</summary>
    public static Geometry Union(IReadOnlyCollection<Geometry> parts, GeometryFactory factory)
    {
        try
        {
            return OverlayNGRobust.Union(parts, factory);
        }
        catch (TopologyException)
        {
            return UnaryUnionNG.Union(parts.Select(part => part.Buffer(0)), factory, Millimetres);
        }
    }

    /// <summary>
    /// The polygonal part of a boundary, made valid: a self-intersecting ring from an import must not stop the check.
    /// Null when nothing of an area is left.
    /// </summary>
    public static Geometry? Repair(Geometry geometry)
    {
        if (geometry.IsEmpty)
        {
            return null;
        }

        if (geometry is Polygon or MultiPolygon && geometry.IsValid)
        {
            return geometry;
        }

        var polygons = PolygonExtracter.GetPolygons(GeometryFixer.Fix(geometry));
        if (polygons.Count == 0)
        {
            return null;
        }

        // The parts of a collection may overlap one another: the unit claims their union.
        var area = polygons.Count == 1 ? polygons[0] : Union([.. polygons], geometry.Factory);
        return area.IsEmpty ? null : area;
    }

    private static Geometry Overlay(Geometry a, Geometry b, SpatialFunction operation)
    {
        try
        {
            return OverlayNGRobust.Overlay(a, b, operation);
        }
        catch (TopologyException)
        {
            return OverlayNG.Overlay(a.Buffer(0), b.Buffer(0), operation, Millimetres);
        }
    }
}
