using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Files;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Points.Security;
using GovPlatform.Points.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Reports;

/// <summary>
/// <c>admin/points/reports</c>: the figures for a unit and a period; <c>…/reports/export</c>: the same as an Excel
/// workbook with the period's entries (audited). Both need <see cref="PointsPermissions.Reports"/>; the unit must be in
/// the user's area.
/// </summary>
internal static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/admin/points/reports", PageAsync).RequirePermission(PointsPermissions.Reports);
        endpoints.MapGetShared("/admin/points/reports/export", ExportAsync).RequirePermission(PointsPermissions.Reports);
    }

    private static async Task<IResult> PageAsync(
        string? unit, string? period, string? from, string? to,
        HttpContext context, PointsReport report, IGridDirectory grid, IGridScopeFilter scopeFilter, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var form = new PointsReportForm(unit, period, from, to);
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var (selection, errors, status) = await SelectAsync(form, context.User, report, tenant, clock, ct);
        var result = selection is { IsValid: true } ? await report.ComputeAsync(selection, ct) : null;
        return ComponentPage.Render<ReportPage>(context, new
        {
            Form = form,
            Units = units,
            Report = result,
            Errors = errors,
            Scoped = await scopeFilter.GetScopeCodesAsync(context.User, ct) is not null,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static async Task<IResult> ExportAsync(
        string? unit, string? period, string? from, string? to,
        HttpContext context, PointsReport report, PointsReportExport export, IAuditLog audit, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var form = new PointsReportForm(unit, period, from, to);
        var (selection, errors, status) = await SelectAsync(form, context.User, report, tenant, clock, ct);
        if (selection is not { IsValid: true })
        {
            return Results.Problem(
                statusCode: status,
                title: status == StatusCodes.Status403Forbidden ? "This grid unit is outside your area." : "The report's request is not valid.",
                detail: string.Join(" ", errors.Values.Select(e => e.English)),
                extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => (object?)e.Value.English) });
        }

        var count = await export.Entries(selection).CountAsync(ct);
        if (count > PointsReportExport.MaxRows)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Too many entries for one workbook.",
                detail: $"The period has {count} entries; Excel takes at most {PointsReportExport.MaxRows}. Choose a shorter period or a smaller unit.");
        }

        var result = await report.ComputeAsync(selection, ct);
        var request = result.Request;
        return await WorkbookDownload.FileAsync(PointsReportExport.FileName(request), async file =>
        {
            await export.WriteAsync(file, selection, result, CultureInfo.CurrentUICulture, ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "export", request.Unit ?? "*",
                $"Points report {PointsReportForm.Iso(request.From)}..{PointsReportForm.Iso(request.To)}: {count} entries"), ct);
        });
    }

    private static async Task<(PointsReportSelection? Selection, IReadOnlyDictionary<string, BilingualText> Errors, int Status)> SelectAsync(
        PointsReportForm form, ClaimsPrincipal user, PointsReport report, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var (request, errors) = form.Parse(today);
        if (request is null)
        {
            return (null, errors, StatusCodes.Status400BadRequest);
        }

        var selection = await report.SelectAsync(request, user, ct);
        return (selection, selection.Errors,
            selection.IsValid ? StatusCodes.Status200OK : selection.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }
}
