using NetTopologySuite;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace GovPlatform.Tools.GridSeed;

/// <summary>Geometry factories and small helpers shared by the generator and the checks.</summary>
internal static class Geo
{
    /// <summary>Planar metres (the local projection) and WGS84 degrees, both with OverlayNG.</summary>
    public static readonly GeometryFactory Metric = new NtsGeometryServices(GeometryOverlay.NG).CreateGeometryFactory(0);

    public static readonly GeometryFactory Wgs84 = new NtsGeometryServices(GeometryOverlay.NG).CreateGeometryFactory(4326);

    public static Geometry Intersection(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);

    public static Geometry Difference(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Difference);

    public static Geometry Union(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Union);

    public static Geometry Union(IEnumerable<Geometry> geometries) => OverlayNGRobust.Union(geometries.ToList(), Metric);

    /// <summary>The polygons of a polygonal geometry (nothing for anything else).</summary>
    public static IEnumerable<Polygon> Polygons(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon { IsEmpty: false } polygon)
            {
                yield return polygon;
            }
        }
    }

    /// <summary>The geometry's polygons as one Polygon or MultiPolygon.</summary>
    public static Geometry Polygonal(IEnumerable<Polygon> polygons, GeometryFactory factory)
    {
        var list = polygons.ToArray();
        return list.Length == 1 ? list[0] : factory.CreateMultiPolygon(list);
    }

    /// <summary>A polygonal geometry with every coordinate mapped, ring by ring.</summary>
    public static Geometry Map(Geometry geometry, Func<Coordinate, Coordinate> map, GeometryFactory factory) =>
        Polygonal(Polygons(geometry).Select(p => MapPolygon(p, ring => ring.Select(map).ToArray(), factory)), factory);

    /// <summary>A polygon rebuilt from its rings, each ring's coordinates rewritten by <paramref name="rewrite"/>.</summary>
    public static Polygon MapPolygon(Polygon polygon, Func<Coordinate[], Coordinate[]> rewrite, GeometryFactory factory)
    {
        var shell = factory.CreateLinearRing(rewrite(polygon.Shell.Coordinates));
        var holes = polygon.Holes.Select(h => factory.CreateLinearRing(rewrite(h.Coordinates))).ToArray();
        return factory.CreatePolygon(shell, holes);
    }

    /// <summary>The coordinates without consecutive repeats (the ring stays closed).</summary>
    public static Coordinate[] WithoutRepeats(IEnumerable<Coordinate> coordinates)
    {
        var list = new List<Coordinate>();
        foreach (var c in coordinates)
        {
            if (list.Count == 0 || !list[^1].Equals2D(c))
            {
                list.Add(c);
            }
        }

        return [.. list];
    }
}

/// <summary>
/// A local equirectangular projection around a district's centre: metres east and north. Good to a few tenths of a per
/// cent over a district, which is all the generator (shapes) and the checks (areas of slivers) need.
/// </summary>
internal sealed class LocalProjection(double lon0, double lat0)
{
    private readonly double _mx = (111412.84 * Math.Cos(lat0 * Math.PI / 180)) - (93.5 * Math.Cos(3 * lat0 * Math.PI / 180));
    private readonly double _my = 111132.92 - (559.82 * Math.Cos(2 * lat0 * Math.PI / 180)) + (1.175 * Math.Cos(4 * lat0 * Math.PI / 180));

    public Coordinate ToMetric(double lon, double lat) => new((lon - lon0) * _mx, (lat - lat0) * _my);

    public Coordinate ToMetric(Coordinate lonLat) => ToMetric(lonLat.X, lonLat.Y);

    /// <summary>Longitude and latitude rounded to 6 decimals (about 0.1 m).</summary>
    public Coordinate ToLonLat(Coordinate metric) =>
        new(Math.Round(lon0 + (metric.X / _mx), 6), Math.Round(lat0 + (metric.Y / _my), 6));

    public Geometry ToMetric(Geometry lonLat) => Geo.Map(lonLat, ToMetric, Geo.Metric);
}

/// <summary>
/// Splits a polygon into Voronoi cells of random points inside it, after Lloyd relaxation, each cell cut to the
/// polygon: the cells tile the polygon exactly. An optional density (per square metre, relative) makes cells smaller
/// where it is higher: points are drawn from it and the relaxation moves them to density-weighted centroids.
/// </summary>
internal sealed class Tessellator(Random random, Func<Coordinate, double>? density = null, double densityMax = 1)
{
    public int LloydRounds { get; init; } = 2;

    /// <summary><paramref name="count"/> cells of <paramref name="parent"/>, in reading order (north to south in bands, serpentine).</summary>
    public List<Geometry> Split(Geometry parent, int count)
    {
        if (count == 1)
        {
            return [parent];
        }

        var parentLocator = new IndexedPointInAreaLocator(parent);
        var seeds = Seeds(parent, parentLocator, count);
        for (var round = 0; round < LloydRounds; round++)
        {
            var cells = Cells(parent, seeds);
            for (var i = 0; i < count; i++)
            {
                var centre = Centroid(cells[i]);
                seeds[i] = parentLocator.Locate(centre) == Location.Interior ? centre : cells[i].InteriorPoint.Coordinate;
            }
        }

        var pieces = Cells(parent, seeds);
        var result = MergeOrphans(pieces, seeds);
        return Order(result, parent.EnvelopeInternal);
    }

    private List<Coordinate> Seeds(Geometry parent, IndexedPointInAreaLocator locator, int count)
    {
        var envelope = parent.EnvelopeInternal;
        var seeds = new List<Coordinate>(count);
        var taken = new HashSet<Coordinate>();
        var tries = 0;
        while (seeds.Count < count)
        {
            if (++tries > 10_000_000)
            {
                throw new InvalidOperationException("could not place the seed points");
            }

            var c = new Coordinate(envelope.MinX + (random.NextDouble() * envelope.Width), envelope.MinY + (random.NextDouble() * envelope.Height));
            if (locator.Locate(c) != Location.Interior)
            {
                continue;
            }

            if (density is not null && random.NextDouble() * densityMax > density(c))
            {
                continue;
            }

            if (taken.Add(c))
            {
                seeds.Add(c);
            }
        }

        return seeds;
    }

    /// <summary>The Voronoi cell of each seed (in the seeds' order), cut to the parent; a cell may be in pieces.</summary>
    private static List<Geometry> Cells(Geometry parent, List<Coordinate> seeds)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(seeds);
        var clip = new Envelope(parent.EnvelopeInternal);
        clip.ExpandBy(Math.Max(clip.Width, clip.Height));
        builder.ClipEnvelope = clip;
        var cells = builder.GetSubdivision().GetVoronoiCellPolygons(Geo.Metric);
        var bySeed = new Dictionary<Coordinate, Geometry>();
        foreach (var cell in cells)
        {
            bySeed[(Coordinate)cell.UserData] = cell;
        }

        return [.. seeds.Select(s => Geo.Intersection(bySeed[s], parent))];
    }

    private Coordinate Centroid(Geometry cell)
    {
        if (density is null)
        {
            return cell.Centroid.Coordinate;
        }

        const int Steps = 16;
        var envelope = cell.EnvelopeInternal;
        var locator = new IndexedPointInAreaLocator(cell);
        double sx = 0, sy = 0, sw = 0;
        for (var i = 0; i < Steps; i++)
        {
            for (var j = 0; j < Steps; j++)
            {
                var p = new Coordinate(envelope.MinX + ((i + 0.5) * envelope.Width / Steps), envelope.MinY + ((j + 0.5) * envelope.Height / Steps));
                if (locator.Locate(p) == Location.Interior)
                {
                    var w = density(p);
                    sx += w * p.X;
                    sy += w * p.Y;
                    sw += w;
                }
            }
        }

        return sw > 0 ? new Coordinate(sx / sw, sy / sw) : cell.Centroid.Coordinate;
    }

    /// <summary>
    /// A cell cut by a concave parent can fall in pieces: each cell keeps the piece holding its seed, and every other
    /// piece joins the neighbouring cell it shares the longest border with, so every unit is one polygon.
    /// </summary>
    private static List<Geometry> MergeOrphans(List<Geometry> cells, List<Coordinate> seeds)
    {
        var result = new List<Geometry>(cells.Count);
        var orphans = new List<Polygon>();
        for (var i = 0; i < cells.Count; i++)
        {
            var polygons = Geo.Polygons(cells[i]).ToList();
            if (polygons.Count == 1)
            {
                result.Add(polygons[0]);
                continue;
            }

            var point = Geo.Metric.CreatePoint(seeds[i]);
            var main = polygons.FirstOrDefault(p => p.Covers(point)) ?? polygons.MaxBy(p => p.Area)!;
            result.Add(main);
            orphans.AddRange(polygons.Where(p => !ReferenceEquals(p, main)));
        }

        for (var pass = 0; orphans.Count > 0 && pass < 10; pass++)
        {
            var left = new List<Polygon>();
            foreach (var orphan in orphans)
            {
                var best = -1;
                var bestLength = 0.0;
                for (var i = 0; i < result.Count; i++)
                {
                    if (!result[i].EnvelopeInternal.Intersects(orphan.EnvelopeInternal))
                    {
                        continue;
                    }

                    var length = Geo.Intersection(result[i].Boundary, orphan.Boundary).Length;
                    if (length > bestLength)
                    {
                        best = i;
                        bestLength = length;
                    }
                }

                var merged = best >= 0 ? Geo.Union(result[best], orphan) : null;
                if (merged is Polygon)
                {
                    result[best] = merged;
                }
                else
                {
                    left.Add(orphan);
                }
            }

            orphans = left;
        }

        if (orphans.Count > 0)
        {
            throw new InvalidOperationException("a piece of a cell could not be joined to a neighbour");
        }

        return result;
    }

    /// <summary>Cells in reading order: bands from north to south, west to east and back again.</summary>
    private static List<Geometry> Order(List<Geometry> cells, Envelope envelope)
    {
        var bands = Math.Max(1, (int)Math.Round(Math.Sqrt(cells.Count * envelope.Height / Math.Max(envelope.Width, 1))));
        var bandHeight = envelope.Height / bands;
        return
        [
            .. cells
                .Select(c => (Cell: c, Centre: c.InteriorPoint.Coordinate))
                .Select(x => (x.Cell, x.Centre, Band: Math.Min(bands - 1, (int)((envelope.MaxY - x.Centre.Y) / bandHeight))))
                .OrderBy(x => x.Band)
                .ThenBy(x => x.Band % 2 == 0 ? x.Centre.X : -x.Centre.X)
                .Select(x => x.Cell),
        ];
    }
}

/// <summary>
/// Rounds a district's shapes to 6-decimal longitudes and latitudes without opening gaps: first every vertex that lies on
/// another shape's edge (a child's corner on its parent's border, a cousin's corner on a shared border) is inserted
/// into that edge, so that neighbours and parents share every vertex; then each vertex is rounded the same way
/// wherever it appears.
/// </summary>
internal sealed class Rounder(LocalProjection projection)
{
    private const double Epsilon = 1e-4;

    /// <summary>The rounded WGS84 boundary of each metric shape, in order.</summary>
    public List<Geometry> Round(IReadOnlyList<Geometry> shapes, out List<(int Index, string Reason)> fixedShapes)
    {
        var tree = new STRtree<Coordinate>();
        var seen = new HashSet<Coordinate>();
        foreach (var shape in shapes)
        {
            foreach (var c in shape.Coordinates)
            {
                if (seen.Add(c))
                {
                    tree.Insert(new Envelope(c), c);
                }
            }
        }

        tree.Build();
        fixedShapes = [];
        var result = new List<Geometry>(shapes.Count);
        foreach (var shape in shapes)
        {
            var polygons = Geo.Polygons(shape)
                .Select(p => Geo.MapPolygon(p, ring => Geo.WithoutRepeats(Node(ring, tree).Select(projection.ToLonLat)), Geo.Wgs84))
                .ToList();
            Geometry rounded = Geo.Polygonal(polygons, Geo.Wgs84);
            if (!rounded.IsValid)
            {
                var reason = new NetTopologySuite.Operation.Valid.IsValidOp(rounded).ValidationError?.ToString() ?? "invalid";
                rounded = GeometryFixer.Fix(rounded);
                fixedShapes.Add((result.Count, reason));
            }

            result.Add(rounded);
        }

        return result;
    }

    private static List<Coordinate> Node(Coordinate[] ring, STRtree<Coordinate> tree)
    {
        var output = new List<Coordinate>(ring.Length);
        for (var i = 0; i < ring.Length - 1; i++)
        {
            var p = ring[i];
            var q = ring[i + 1];
            output.Add(p);
            var envelope = new Envelope(p, q);
            envelope.ExpandBy(Epsilon);
            var segment = new LineSegment(p, q);
            var inserted = tree.Query(envelope)
                .Where(v => !v.Equals2D(p) && !v.Equals2D(q) && DistanceComputer.PointToSegment(v, p, q) < Epsilon)
                .Select(v => (Vertex: v, Fraction: segment.ProjectionFactor(v)))
                .Where(x => x.Fraction > 0 && x.Fraction < 1)
                .OrderBy(x => x.Fraction)
                .ThenBy(x => x.Vertex.X)
                .ThenBy(x => x.Vertex.Y);
            output.AddRange(inserted.Select(x => x.Vertex));
        }

        output.Add(ring[^1]);
        return output;
    }
}
