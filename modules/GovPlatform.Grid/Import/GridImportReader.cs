using GovPlatform.Grid.Models;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Import;

/// <summary>
/// Reads units and workers from an uploaded file. Never throws for a bad file: whatever is wrong is an error (of row 0
/// when the file as a whole cannot be read), and rows with bad values are still returned (the value defaulted) so
/// that the planner checks the rest of them too.
/// </summary>
internal static class GridImportReader
{
    public static (IReadOnlyList<GridUnitRow> Rows, IReadOnlyList<GridImportError> Errors) ReadUnits(Stream stream, GridFileFormat format)
    {
        var errors = new List<GridImportError>();
        if (format == GridFileFormat.GeoJson)
        {
            return (GridGeoJsonUnitReader.Read(stream, errors), errors);
        }

        var rows = new List<GridUnitRow>();
        if (GridSheetReader.Read(stream, format, GridUnitColumns.All, errors) is { } sheet)
        {
            foreach (var sheetRow in sheet.Rows)
            {
                var values = sheet.Header.Values(sheetRow, errors);
                rows.Add(UnitRow(values, values.Geometry(GridUnitColumns.Boundary)));
            }
        }

        return (rows, errors);
    }

    public static (IReadOnlyList<GridWorkerRow> Rows, IReadOnlyList<GridImportError> Errors) ReadWorkers(Stream stream, GridFileFormat format)
    {
        var errors = new List<GridImportError>();
        var rows = new List<GridWorkerRow>();
        if (format == GridFileFormat.GeoJson)
        {
            errors.Add(new GridImportError(0, null, new("网格人员只能从 CSV 或 Excel（.xlsx）文件导入", "grid workers are imported from a CSV or Excel (.xlsx) file")));
            return (rows, errors);
        }

        if (GridSheetReader.Read(stream, format, GridWorkerColumns.All, errors) is { } sheet)
        {
            foreach (var sheetRow in sheet.Rows)
            {
                rows.Add(WorkerRow(sheet.Header.Values(sheetRow, errors)));
            }
        }

        return (rows, errors);
    }

    internal static GridUnitRow UnitRow(GridRowValues values, Geometry? boundary) => new(
        values.Row,
        values.Text(GridUnitColumns.Code) ?? "",
        values.Text(GridUnitColumns.Name) ?? "",
        values.Text(GridUnitColumns.EnglishName),
        values.Text(GridUnitColumns.Level),
        values.Text(GridUnitColumns.Parent),
        values.Choice(GridUnitColumns.Kind, GridImportNames.UnitKind, GridUnitKind.Territorial),
        values.Text(GridUnitColumns.Department),
        values.Count(GridUnitColumns.Households),
        values.Count(GridUnitColumns.Residents),
        values.Count(GridUnitColumns.Buildings),
        values.Text(GridUnitColumns.Notes),
        boundary);

    private static GridWorkerRow WorkerRow(GridRowValues values) => new(
        values.Row,
        values.Text(GridWorkerColumns.Name) ?? "",
        values.Text(GridWorkerColumns.Phone),
        values.Choice(GridWorkerColumns.Kind, GridImportNames.WorkerKind, GridWorkerKind.FullTime),
        values.Choice(GridWorkerColumns.Team, GridImportNames.Team, GridTeam.None),
        values.Text(GridWorkerColumns.Unit) ?? "",
        values.Choice(GridWorkerColumns.Role, GridImportNames.Role, GridRole.Worker),
        values.Date(GridWorkerColumns.StartDate),
        values.Date(GridWorkerColumns.EndDate),
        values.Text(GridWorkerColumns.UserName),
        values.Text(GridWorkerColumns.Notes));
}
