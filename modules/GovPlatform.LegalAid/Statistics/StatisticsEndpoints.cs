using System.Globalization;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Files;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Security;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.LegalAid.Statistics;

/// <summary>
/// <c>admin/legal/statistics</c> (the figures for a unit, a period and a grouping) and <c>…/statistics/export</c> (the
/// same as an Excel workbook, audited). Both need <see cref="LegalAidPermissions.Statistics"/>; the unit must be in the
/// user's area.
/// </summary>
internal static class StatisticsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/admin/legal/statistics", PageAsync).RequirePermission(LegalAidPermissions.Statistics);
        endpoints.MapGetShared("/admin/legal/statistics/export", ExportAsync).RequirePermission(LegalAidPermissions.Statistics);
    }

    private static async Task<IResult> PageAsync(
        string? unit, string? period, string? from, string? to, string? group, HttpContext context, LegalAidStatistics statistics,
        IGridDirectory grid, IGridScopeFilter scopeFilter, IWorkingCalendarStore calendars, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var form = new StatisticsForm(unit, period, from, to, group);
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var (report, errors, status) = await ComputeAsync(form, context, statistics, calendars, clock, ct);
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
        string? unit, string? period, string? from, string? to, string? group, HttpContext context, LegalAidStatistics statistics,
        IAuditLog audit, IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var form = new StatisticsForm(unit, period, from, to, group);
        var (report, errors, status) = await ComputeAsync(form, context, statistics, calendars, clock, ct);
        if (report is null)
        {
            return Results.Problem(statusCode: status,
                title: status == StatusCodes.Status403Forbidden ? "This grid unit is outside your area." : "The statistics' request is not valid.",
                detail: string.Join(" ", errors.Values.Select(e => e.English)),
                extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => (object?)e.Value.English) });
        }

        var request = report.Request;
        return await WorkbookDownload.FileAsync(StatisticsExport.FileName(request), async file =>
        {
            await StatisticsExport.WriteAsync(file, report, CultureInfo.CurrentUICulture, ct);
            await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "statistics-export", request.Unit ?? "*",
                $"Legal service statistics {ReportPeriod.Iso(request.From)}..{ReportPeriod.Iso(request.To)}, by {request.Grouping.ToString().ToLowerInvariant()}"), ct);
        });
    }

    private static async Task<(StatisticsReport? Report, IReadOnlyDictionary<string, BilingualText> Errors, int Status)> ComputeAsync(
        StatisticsForm form, HttpContext context, LegalAidStatistics statistics, IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        var (request, errors) = form.Parse(calendar.LocalDate(clock.GetUtcNow()));
        if (request is null)
        {
            return (null, errors, StatusCodes.Status400BadRequest);
        }

        var (report, unitErrors, forbidden) = await statistics.ComputeAsync(request, context.User, ct);
        return (report, unitErrors, report is not null ? StatusCodes.Status200OK : forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }
}
