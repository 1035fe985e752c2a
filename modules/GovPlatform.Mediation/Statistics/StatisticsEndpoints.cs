using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Files;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Statistics;

/// <summary>
/// <c>admin/mediation/statistics</c>: the figures for a unit, a period and a grouping; <c>…/statistics/export</c>: the
/// same selection as an Excel workbook (audited). Both need <see cref="MediationPermissions.Statistics"/>; the unit must
/// be in the user's area.
/// </summary>
internal static class StatisticsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/admin/mediation/statistics", PageAsync).RequirePermission(MediationPermissions.Statistics);
        endpoints.MapGetShared("/admin/mediation/statistics/export", ExportAsync).RequirePermission(MediationPermissions.Statistics);
    }

    private static async Task<IResult> PageAsync(
        string? unit, string? period, string? from, string? to, string? group,
        HttpContext context, MediationStatistics statistics, IGridDirectory grid, IGridScopeFilter scopeFilter,
        IWorkingCalendarStore calendars, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var form = new StatisticsForm(unit, period, from, to, group);
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var (selection, errors, status) = await SelectAsync(form, context.User, statistics, calendars, clock, ct);
        var report = selection is { IsValid: true } ? await statistics.ComputeAsync(selection, ct) : null;
        return ComponentPage.Render<StatisticsPage>(context, new
        {
            Form = form,
            Units = units,
            Report = report,
            Errors = errors,
            Scoped = await scopeFilter.GetScopeCodesAsync(context.User, ct) is not null,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static async Task<IResult> ExportAsync(
        string? unit, string? period, string? from, string? to, string? group,
        HttpContext context, MediationStatistics statistics, StatisticsExport export, IAuditLog audit,
        IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var form = new StatisticsForm(unit, period, from, to, group);
        var (selection, errors, status) = await SelectAsync(form, context.User, statistics, calendars, clock, ct);
        if (selection is not { IsValid: true })
        {
            return Results.Problem(
                statusCode: status,
                title: status == StatusCodes.Status403Forbidden ? "This grid unit is outside your area." : "The statistics' request is not valid.",
                detail: string.Join(" ", errors.Values.Select(e => e.English)),
                extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => (object?)e.Value.English) });
        }

        var count = await selection.Query.CountAsync(ct);
        if (count > StatisticsExport.MaxRows)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Too many disputes for one workbook.",
                detail: $"The selection has {count} disputes; Excel takes at most {StatisticsExport.MaxRows}. Choose a shorter period or a smaller unit.");
        }

        var report = await statistics.ComputeAsync(selection, ct);
        var request = report.Request;
        return await WorkbookDownload.FileAsync(StatisticsExport.FileName(request), async file =>
        {
            await export.WriteAsync(file, selection, report, CultureInfo.CurrentUICulture, ct);
            await audit.RecordAsync(new AuditEvent(DisputeAccess.AuditCategory, "export", request.Unit ?? "*",
                $"Mediation ledger {StatisticsForm.Iso(request.From)}..{StatisticsForm.Iso(request.To)}, by {request.Grouping.ToString().ToLowerInvariant()}: {count} disputes"), ct);
        });
    }

    /// <summary>The form's request checked against the user's area; the errors by field and the status to answer with.</summary>
    private static async Task<(StatisticsSelection? Selection, IReadOnlyDictionary<string, BilingualText> Errors, int Status)> SelectAsync(
        StatisticsForm form, ClaimsPrincipal user, MediationStatistics statistics, IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        var (request, errors) = form.Parse(calendar.LocalDate(clock.GetUtcNow()));
        if (request is null)
        {
            return (null, errors, StatusCodes.Status400BadRequest);
        }

        var selection = await statistics.SelectAsync(request, user, ct);
        return (selection, selection.Errors,
            selection.IsValid ? StatusCodes.Status200OK : selection.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }

}
