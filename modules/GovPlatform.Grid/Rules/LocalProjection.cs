using GovPlatform.Grid.Services;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace GovPlatform.Grid.Rules;

/// <summary>
/// An equirectangular plane in metres around a centre. A district is under 200 km across, where this projection is
/// off by well under 1 % in area and distance: plenty to judge slivers of a metre and report areas, and, unlike a real
/// projection, it needs no CRS library and maps straight edges to straight edges.
/// </summary>
internal sealed class LocalProjection
{
    private const double MetresPerDegreeLongitudeAtEquator = 111_320;
    private const double MetresPerDegreeLatitude = 110_574;

    // SRID 0: the plane is local to one check and means nothing outside it.
    private static readonly GeometryFactory MetricFactory = NtsGeometryServices.Instance.CreateGeometryFactory(0);

    private readonly AffineTransformation _toMetres;
    private readonly AffineTransformation _toWgs84;

    public LocalProjection(double centreLongitude, double centreLatitude)
    {
        var metresPerDegreeLongitude = Math.Cos(centreLatitude * Math.PI / 180) * MetresPerDegreeLongitudeAtEquator;
        _toMetres = new AffineTransformation(
            metresPerDegreeLongitude, 0, -centreLongitude * metresPerDegreeLongitude,
            0, MetresPerDegreeLatitude, -centreLatitude * MetresPerDegreeLatitude);
        _toWgs84 = _toMetres.GetInverse();
    }

    /// <summary>The projection centred on the middle of the boundaries' envelope (any centre when there are none).</summary>
    public static LocalProjection Around(IEnumerable<Geometry?> boundaries)
    {
        var envelope = new Envelope();
        foreach (var boundary in boundaries)
        {
            if (boundary is { IsEmpty: false })
            {
                envelope.ExpandToInclude(boundary.EnvelopeInternal);
            }
        }

        return envelope.IsNull ? new LocalProjection(0, 0) : new LocalProjection(envelope.Centre.X, envelope.Centre.Y);
    }

    /// <summary>A copy of a WGS84 geometry on the metric plane.</summary>
    public Geometry ToMetres(Geometry wgs84) => Transform(wgs84, MetricFactory, _toMetres);

    /// <summary>A copy of a metric geometry back in WGS84.</summary>
    public Geometry ToWgs84(Geometry metric) => Transform(metric, GeoJson.Factory, _toWgs84);

    private static Geometry Transform(Geometry geometry, GeometryFactory factory, AffineTransformation transformation)
    {
        var copy = factory.CreateGeometry(geometry);
        copy.Apply(transformation);
        return copy;
    }
}
