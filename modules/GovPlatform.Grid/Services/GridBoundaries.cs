using System.Text.Json;
using GovPlatform.Grid.Models;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Services;

/// <summary>A unit's boundary between the editor's text, the stored GeoJSON and its bounding box.</summary>
internal static class GridBoundaries
{
    /// <summary>A boundary pasted into the editor: a GeoJSON geometry, or a Feature carrying one.</summary>
    public static Geometry Parse(string text)
    {
        var trimmed = text.Trim();
        try
        {
            using var document = JsonDocument.Parse(trimmed);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("type", out var type) && type.GetString() == "Feature")
            {
                var feature = JsonSerializer.Deserialize<IFeature>(trimmed, GeoJson.Options);
                return GeoJson.CheckBoundary(feature?.Geometry);
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not JSON ({ex.Message})", ex);
        }

        return GeoJson.ReadBoundary(trimmed);
    }

    /// <summary>Stores the boundary (or none) and its bounding box on the unit.</summary>
    public static void Store(GridUnit unit, Geometry? boundary)
    {
        unit.Boundary = boundary is null ? null : GeoJson.Write(boundary);
        var envelope = boundary?.EnvelopeInternal;
        unit.MinLongitude = envelope?.MinX;
        unit.MinLatitude = envelope?.MinY;
        unit.MaxLongitude = envelope?.MaxX;
        unit.MaxLatitude = envelope?.MaxY;
    }
}
