using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using GovPlatform.Grid.Services;

namespace GovPlatform.Grid.Import;

/// <summary>
/// Writes the grid's units and workers in the import's formats (FORMAT.md), so that an export edited and uploaded
/// again is an import. Units are written in the tree's pre-order, parents first. The methods are asynchronous because
/// the server does not allow synchronous writes to a response.
/// </summary>
internal static class GridExporter
{
    private const int FlushBytes = 64 * 1024;

    // Chinese names stay readable in the file; HTML-sensitive characters are still escaped.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static async Task UnitsGeoJsonAsync(GridTree tree, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = new Utf8JsonWriter(stream, JsonOptions);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        foreach (var node in tree.PreOrder)
        {
            var unit = node.Unit;
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteStartObject("properties");
            writer.WriteString(GridUnitColumns.Code.Name, unit.Code);
            writer.WriteString(GridUnitColumns.Name.Name, unit.Name);
            writer.WriteString(GridUnitColumns.EnglishName.Name, unit.EnglishName);
            writer.WriteNumber(GridUnitColumns.Level.Name, node.Depth);
            writer.WriteString(GridUnitColumns.Parent.Name, node.Parent?.Code);
            writer.WriteString(GridUnitColumns.Kind.Name, GridImportNames.UnitKind.English(unit.Kind));
            writer.WriteString(GridUnitColumns.Department.Name, unit.Department);
            writer.WriteNumber(GridUnitColumns.Households.Name, unit.Households);
            writer.WriteNumber(GridUnitColumns.Residents.Name, unit.Residents);
            writer.WriteNumber(GridUnitColumns.Buildings.Name, unit.Buildings);
            writer.WriteString(GridUnitColumns.Notes.Name, unit.Notes);
            writer.WriteEndObject();
            writer.WritePropertyName("geometry");
            if (node.Boundary is { } boundary)
            {
                JsonSerializer.Serialize(writer, boundary, GeoJson.Options);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
            if (writer.BytesPending > FlushBytes)
            {
                // Big boundaries add up: the file goes out in pieces instead of being held in memory whole.
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    public static Task UnitsCsvAsync(GridTree tree, Stream stream, CancellationToken cancellationToken = default) =>
        GridCsvWriter.WriteAsync(stream, GridUnitColumns.All, tree.PreOrder.Select(UnitCells), cancellationToken);

    public static Task UnitsXlsxAsync(GridTree tree, Stream stream, CancellationToken cancellationToken = default) =>
        GridXlsxWriter.WriteAsync(stream, GridUnitColumns.All, tree.PreOrder.Select(UnitCells), cancellationToken);

    public static Task WorkersCsvAsync(IEnumerable<WorkerExportRow> workers, Stream stream, CancellationToken cancellationToken = default) =>
        GridCsvWriter.WriteAsync(stream, GridWorkerColumns.All, workers.Select(WorkerCells), cancellationToken);

    public static Task WorkersXlsxAsync(IEnumerable<WorkerExportRow> workers, Stream stream, CancellationToken cancellationToken = default) =>
        GridXlsxWriter.WriteAsync(stream, GridWorkerColumns.All, workers.Select(WorkerCells), cancellationToken);

    /// <summary>A unit's cells in the order of <see cref="GridUnitColumns.All"/>.</summary>
    private static object?[] UnitCells(GridNode node) =>
    [
        node.Unit.Code,
        node.Unit.Name,
        node.Unit.EnglishName,
        node.Depth,
        node.Parent?.Code,
        GridImportNames.UnitKind.English(node.Unit.Kind),
        node.Unit.Department,
        node.Unit.Households,
        node.Unit.Residents,
        node.Unit.Buildings,
        node.Unit.Notes,
        node.Boundary is { } boundary ? GeoJson.Write(boundary) : null,
    ];

    /// <summary>A worker row's cells in the order of <see cref="GridWorkerColumns.All"/>; dates as text, so Excel shows them as written.</summary>
    private static object?[] WorkerCells(WorkerExportRow row) =>
    [
        row.Name,
        row.Phone,
        GridImportNames.WorkerKind.English(row.Kind),
        GridImportNames.Team.English(row.Team),
        row.UnitCode,
        GridImportNames.Role.English(row.Role),
        row.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.UserName,
        row.Notes,
    ];
}
