using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace GovPlatform.Grid.Services;

/// <summary>Reads and writes boundaries as GeoJSON geometries (WGS84, longitude first), the form they are stored in.</summary>
internal static class GeoJson
{
    /// <summary>The factory of every boundary: WGS84 (SRID 4326), floating precision.</summary>
    public static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);

    /// <summary>Options that (de)serialise NTS geometries, features and feature collections.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>
    /// The boundary in <paramref name="json"/>: a Polygon or MultiPolygon with longitudes in [-180, 180] and latitudes
    /// in [-90, 90]. Throws <see cref="FormatException"/> with a reason for anything else, an invalid ring included.
    /// </summary>
    public static Geometry ReadBoundary(string json)
    {
        Geometry? geometry;
        try
        {
            geometry = JsonSerializer.Deserialize<Geometry>(json, Options);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new FormatException($"not a GeoJSON geometry ({ex.Message})", ex);
        }

        return CheckBoundary(geometry);
    }

    /// <summary>Checks a boundary read some other way (a feature's geometry), as <see cref="ReadBoundary"/> does.</summary>
    public static Geometry CheckBoundary(Geometry? geometry)
    {
        if (geometry is not (Polygon or MultiPolygon))
        {
            throw new FormatException($"a boundary must be a Polygon or MultiPolygon, not {geometry?.GeometryType ?? "nothing"}");
        }

        if (geometry.IsEmpty)
        {
            throw new FormatException("the boundary is empty");
        }

        var envelope = geometry.EnvelopeInternal;
        if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
        {
            throw new FormatException("coordinates must be WGS84 longitude, latitude (longitude first)");
        }

        if (!geometry.IsValid)
        {
            var error = new NetTopologySuite.Operation.Valid.IsValidOp(geometry).ValidationError;
            throw new FormatException($"the boundary is not a valid polygon: {error?.Message} at {error?.Coordinate}");
        }

        geometry.SRID = 4326;
        return geometry;
    }

    /// <summary>The geometry as compact GeoJSON.</summary>
    public static string Write(Geometry geometry) => JsonSerializer.Serialize(geometry, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(Factory));
        return options;
    }
}
