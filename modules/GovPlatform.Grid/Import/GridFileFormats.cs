namespace GovPlatform.Grid.Import;

/// <summary>Tells the format of an uploaded file by its name, the only hint a browser upload reliably gives.</summary>
internal static class GridFileFormats
{
    /// <summary>The format for <c>.geojson</c>/<c>.json</c>, <c>.csv</c> or <c>.xlsx</c> (any case), or null for anything else.</summary>
    public static GridFileFormat? FromFileName(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (Is(extension, ".geojson") || Is(extension, ".json"))
        {
            return GridFileFormat.GeoJson;
        }

        if (Is(extension, ".csv"))
        {
            return GridFileFormat.Csv;
        }

        return Is(extension, ".xlsx") ? GridFileFormat.Xlsx : null;
    }

    private static bool Is(string extension, string expected) => string.Equals(extension, expected, StringComparison.OrdinalIgnoreCase);
}
