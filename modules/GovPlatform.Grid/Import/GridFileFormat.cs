namespace GovPlatform.Grid.Import;

/// <summary>The file formats grid units and workers are imported from and exported to.</summary>
internal enum GridFileFormat
{
    /// <summary>A GeoJSON FeatureCollection (units only).</summary>
    GeoJson,

    /// <summary>UTF-8 comma-separated values with a header row.</summary>
    Csv,

    /// <summary>An Excel workbook; its first sheet is read.</summary>
    Xlsx,
}
