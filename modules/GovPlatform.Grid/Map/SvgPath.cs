using System.Text;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Map;

/// <summary>
/// Writes a geometry as the <c>d</c> of one SVG path: each polygon ring a closed subpath (so with
/// <c>fill-rule="evenodd"</c> holes stay empty and parts of a multipolygon share the path), each line an open one.
/// Coordinates are rounded to tenths of a unit and repeated points dropped.
/// </summary>
internal static class SvgPath
{
    public static StringBuilder AppendPath(this StringBuilder builder, Geometry geometry, MapProjection projection)
    {
        switch (geometry)
        {
            case Polygon polygon:
                AppendSequence(builder, polygon.ExteriorRing.CoordinateSequence, projection, closed: true);
                foreach (var hole in polygon.InteriorRings)
                {
                    AppendSequence(builder, hole.CoordinateSequence, projection, closed: true);
                }

                break;
            case LineString line:
                AppendSequence(builder, line.CoordinateSequence, projection, closed: false);
                break;
            case GeometryCollection collection:
                foreach (var part in collection.Geometries)
                {
                    AppendPath(builder, part, projection);
                }

                break;
        }

        return builder;
    }

    private static void AppendSequence(StringBuilder builder, CoordinateSequence sequence, MapProjection projection, bool closed)
    {
        if (sequence.Count == 0)
        {
            return;
        }

        var count = closed && sequence.Count > 1 && sequence.GetCoordinate(0).Equals2D(sequence.GetCoordinate(sequence.Count - 1))
            ? sequence.Count - 1
            : sequence.Count;
        long firstX = 0, firstY = 0, lastX = 0, lastY = 0;
        for (var i = 0; i < count; i++)
        {
            var x = SvgText.ToTenths(projection.X(sequence.GetX(i)));
            var y = SvgText.ToTenths(projection.Y(sequence.GetY(i)));
            if (i == 0)
            {
                (firstX, firstY) = (x, y);
                builder.Append('M');
            }
            else if ((x == lastX && y == lastY) || (closed && i == count - 1 && x == firstX && y == firstY))
            {
                continue;
            }
            else
            {
                builder.Append(' ');
            }

            builder.AppendTenths(x).Append(',').AppendTenths(y);
            (lastX, lastY) = (x, y);
        }

        if (closed)
        {
            builder.Append('Z');
        }
    }
}
