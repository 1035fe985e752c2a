using GovPlatform.Grid.Components.Admin;
using GovPlatform.Grid.Import;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Security;
using GovPlatform.Grid.Services;
using GovPlatform.Modules;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Grid.Endpoints;

/// <summary>
/// Import and export: <c>admin/grid/import</c> takes a units file (GeoJSON, CSV, Excel) or a workers file (CSV, Excel),
/// checks all of it, and applies it in one transaction only when every row is right and no rule is broken.
/// </summary>
internal static class GridImportEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGetShared("/import", PageAsync);
        group.MapPostShared("/import", ImportAsync);
        group.MapGetShared("/export/units.{format}", ExportUnitsAsync);
        group.MapGetShared("/export/workers.{format}", ExportWorkersAsync);
    }

    private static async Task<IResult> PageAsync(HttpContext context, GridDirectory directory, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        return await access.CanManageAllAsync() ? Render(context, new ImportOutcome()) : Results.Forbid();
    }

    private static async Task<IResult> ImportAsync(
        [FromForm] string? kind, IFormFile? file, HttpContext context, GridDirectory directory, GridUnitEditor units, GridPeopleEditor people, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        var workers = kind == "workers";
        if (!await access.CanManageAllAsync() || (workers && !await access.CanAsync(GridPermissions.ManageWorkers, null)))
        {
            return Results.Forbid();
        }

        var outcome = new ImportOutcome { Kind = workers ? "workers" : "units", FileName = file?.FileName };
        if (file is null || file.Length == 0)
        {
            outcome.Problem = GridAdminEndpoints.Text(new("请选择要导入的文件。", "Choose a file to import."));
            return Render(context, outcome, StatusCodes.Status400BadRequest);
        }

        if (file.Length > GridAdminEndpoints.MaxUploadBytes)
        {
            outcome.Problem = GridAdminEndpoints.Text(new("文件超过 20 MB。", "The file is larger than 20 MB."));
            return Render(context, outcome, StatusCodes.Status400BadRequest);
        }

        var format = GridFileFormats.FromFileName(file.FileName);
        if (format is null || (workers && format == GridFileFormat.GeoJson))
        {
            outcome.Problem = GridAdminEndpoints.Text(workers
                ? new("网格员文件须为 .csv 或 .xlsx。", "A workers file must be .csv or .xlsx.")
                : new("网格文件须为 .geojson、.csv 或 .xlsx。", "A units file must be .geojson, .csv or .xlsx."));
            return Render(context, outcome, StatusCodes.Status400BadRequest);
        }

        await using var stream = file.OpenReadStream();
        if (workers)
        {
            var (rows, readErrors) = GridImportReader.ReadWorkers(stream, format.Value);
            var plan = GridWorkerImportPlanner.Plan(access.Tree, rows, readErrors, await people.ExistingAsync(ct), people.Today);
            outcome.Errors = plan.Errors;
            outcome.Rows = rows.Count;
            if (plan.IsValid)
            {
                try
                {
                    var (count, posts) = await people.ImportAsync(plan, file.FileName, ct);
                    outcome.Applied = true;
                    outcome.Summary = GridAdminEndpoints.Text(new($"已导入 {count} 名人员，新增 {posts} 条任职。", $"Imported {count} people and {posts} new posts."));
                }
                catch (GridImportException ex)
                {
                    outcome.Problem = ex.Reason.ToString();
                }
            }
        }
        else
        {
            var (rows, readErrors) = GridImportReader.ReadUnits(stream, format.Value);
            var plan = GridUnitImportPlanner.Plan(access.Tree, rows, readErrors);
            outcome.Errors = plan.Errors;
            outcome.Rows = rows.Count;
            if (plan.IsValid)
            {
                var (created, updated, findings) = await units.ImportAsync(access.Tree, plan, file.FileName, ct);
                outcome.Findings = findings;
                outcome.RowOfCode = rows.GroupBy(r => r.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Row, StringComparer.Ordinal);
                outcome.Applied = !findings.Any(f => f.Severity == GridFindingSeverity.Error);
                outcome.Summary = outcome.Applied
                    ? GridAdminEndpoints.Text(new($"已导入：新增 {created} 个网格，更新 {updated} 个。", $"Imported: {created} units created, {updated} updated."))
                    : null;
                var drawn = rows.Where(r => r.Boundary is not null).GroupBy(r => r.Code, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (g.First().Name, g.First().Boundary!), StringComparer.Ordinal);
                outcome.Map = findings.Count > 0 ? GridMaps.Findings(context, access.Tree, findings, drawn) : null;
            }
        }

        return Render(context, outcome, outcome.Applied ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ExportUnitsAsync(string format, HttpContext context, GridDirectory directory, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        if (!await access.CanManageAllAsync())
        {
            return Results.Forbid();
        }

        var stream = new MemoryStream();
        switch (format)
        {
            case "geojson":
                await GridExporter.UnitsGeoJsonAsync(access.Tree, stream, ct);
                break;
            case "csv":
                await GridExporter.UnitsCsvAsync(access.Tree, stream, ct);
                break;
            case "xlsx":
                await GridExporter.UnitsXlsxAsync(access.Tree, stream, ct);
                break;
            default:
                return Results.NotFound();
        }

        stream.Position = 0;
        return Results.File(stream, ContentType(format), $"grid-units.{format}");
    }

    private static async Task<IResult> ExportWorkersAsync(string format, HttpContext context, GridDirectory directory, GridQueries queries, CancellationToken ct)
    {
        var access = await GridAdminEndpoints.AccessAsync(context, directory, ct);
        if (!await access.CanManageAllAsync() || !await access.CanAsync(GridPermissions.ManageWorkers, null))
        {
            return Results.Forbid();
        }

        var rows = (await queries.AllPostsAsync(ct)).Select(p => new WorkerExportRow(
            p.WorkerName, p.Phone, p.Kind, p.Team, p.UnitCode, p.Role, p.StartDate, p.EndDate, null, p.Note)).ToList();
        var stream = new MemoryStream();
        switch (format)
        {
            case "csv":
                await GridExporter.WorkersCsvAsync(rows, stream, ct);
                break;
            case "xlsx":
                await GridExporter.WorkersXlsxAsync(rows, stream, ct);
                break;
            default:
                return Results.NotFound();
        }

        stream.Position = 0;
        return Results.File(stream, ContentType(format), $"grid-workers.{format}");
    }

    private static string ContentType(string format) => format switch
    {
        "geojson" => "application/geo+json",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    private static RazorComponentResult<GridImportPage> Render(HttpContext context, ImportOutcome outcome, int status = StatusCodes.Status200OK) =>
        ComponentPage.Render<GridImportPage>(context, new { Outcome = outcome }, status);
}

/// <summary>What an import did, for its page.</summary>
public sealed class ImportOutcome
{
    public string Kind { get; set; } = "units";

    public string? FileName { get; set; }

    public int Rows { get; set; }

    public bool Applied { get; set; }

    public string? Summary { get; set; }

    public string? Problem { get; set; }

    public IReadOnlyList<GridImportError> Errors { get; set; } = [];

    public IReadOnlyList<GridFinding> Findings { get; set; } = [];

    public IReadOnlyDictionary<string, int> RowOfCode { get; set; } = new Dictionary<string, int>();

    public string? Map { get; set; }

    public bool Posted => FileName is not null || Problem is not null;
}
