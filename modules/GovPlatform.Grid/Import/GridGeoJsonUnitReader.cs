using System.Text.Json;
using GovPlatform.Grid.Services;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Import;

/// <summary>
/// Reads units from a GeoJSON FeatureCollection. Features are read one by one (not with NTS's collection converter)
/// so that one bad geometry is an error of its feature instead of failing the whole file.
/// </summary>
internal static class GridGeoJsonUnitReader
{
    public static List<GridUnitRow> Read(Stream stream, List<GridImportError> errors)
    {
        var rows = new List<GridUnitRow>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            errors.Add(new GridImportError(0, null, new($"文件不是有效的 JSON：{ex.Message}", $"the file is not valid JSON: {ex.Message}")));
            return rows;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !IsType(root, "FeatureCollection")
                || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new GridImportError(0, null, new(
                    "文件不是 GeoJSON FeatureCollection（需要 \"type\": \"FeatureCollection\" 和 \"features\" 数组）",
                    "the file is not a GeoJSON FeatureCollection (it needs \"type\": \"FeatureCollection\" and a \"features\" array)")));
                return rows;
            }

            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                index++;
                if (ReadFeature(feature, index, errors) is { } row)
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    private static GridUnitRow? ReadFeature(JsonElement feature, int index, List<GridImportError> errors)
    {
        if (feature.ValueKind != JsonValueKind.Object || !IsType(feature, "Feature"))
        {
            errors.Add(new GridImportError(index, null, new("不是 GeoJSON Feature", "not a GeoJSON Feature")));
            return null;
        }

        var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
        var values = new GridRowValues(index, column => properties is { } props ? PropertyText(props, column, index, errors) : null, errors);
        return GridImportReader.UnitRow(values, ReadGeometry(feature, index, errors));
    }

    private static Geometry? ReadGeometry(JsonElement feature, int index, List<GridImportError> errors)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            return geometry.Deserialize<Geometry>(GeoJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            errors.Add(new GridImportError(index, GridUnitColumns.Boundary.Name, new($"geometry 不是 GeoJSON 几何对象：{ex.Message}", $"the geometry is not a GeoJSON geometry: {ex.Message}")));
            return null;
        }
    }

    /// <summary>A property by its English or Chinese name as text: numbers as written (<c>2</c>), so they parse like sheet cells.</summary>
    private static string? PropertyText(JsonElement properties, GridColumn column, int index, List<GridImportError> errors)
    {
        foreach (var property in properties.EnumerateObject())
        {
            if (!column.Matches(property.Name))
            {
                continue;
            }

            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number:
                    return value.GetRawText();
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return value.GetRawText();
                case JsonValueKind.Null:
                    return null;
                default:
                    errors.Add(new GridImportError(index, column.Name, new(
                        $"属性“{property.Name}”应为文本或数字",
                        $"the property \"{property.Name}\" must be text or a number")));
                    return null;
            }
        }

        return null;
    }

    private static bool IsType(JsonElement element, string type) =>
        element.TryGetProperty("type", out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(type);
}
