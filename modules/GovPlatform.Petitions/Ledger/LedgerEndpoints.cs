using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Files;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions.Components.Ledger;
using GovPlatform.Petitions.Security;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Petitions.Ledger;

/// <summary>
/// <c>admin/petitions/ledger</c>: the ledger's figures for a unit, a period and a grouping; <c>…/ledger/export</c>:
/// the same selection as an Excel workbook. Both need <see cref="PetitionPermissions.Ledger"/>; the unit must be in
/// the user's area.
/// </summary>
internal static class LedgerEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/admin/petitions/ledger", PageAsync).RequirePermission(PetitionPermissions.Ledger);
        endpoints.MapGetShared("/admin/petitions/ledger/export", ExportAsync).RequirePermission(PetitionPermissions.Ledger);
    }

    private static async Task<IResult> PageAsync(
        string? unit, string? period, string? from, string? to, string? group,
        HttpContext context, PetitionStatistics statistics, IGridDirectory grid, IGridScopeFilter scopeFilter,
        IWorkingCalendarStore calendars, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var form = new LedgerForm(unit, period, from, to, group);
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var (selection, errors, status) = await SelectAsync(form, context.User, statistics, calendars, clock, ct);
        var report = selection is { IsValid: true } ? await statistics.ComputeAsync(selection, ct) : null;
        return ComponentPage.Render<LedgerPage>(context, new
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
        HttpContext context, PetitionStatistics statistics, LedgerExport export, IAuthorizationService authorization, IAuditLog audit,
        IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var form = new LedgerForm(unit, period, from, to, group);
        var (selection, errors, status) = await SelectAsync(form, context.User, statistics, calendars, clock, ct);
        if (selection is not { IsValid: true })
        {
            return Results.Problem(
                statusCode: status,
                title: status == StatusCodes.Status403Forbidden ? "This grid unit is outside your area." : "The ledger's request is not valid.",
                detail: string.Join(" ", errors.Values.Select(e => e.English)),
                extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => (object?)e.Value.English) });
        }

        var report = await statistics.ComputeAsync(selection, ct);
        if (report.Total.Received > LedgerExport.MaxRows)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Too many petitions for one workbook.",
                detail: $"The selection has {report.Total.Received} petitions; Excel takes at most {LedgerExport.MaxRows}. Choose a shorter period or a smaller unit.");
        }

        // Citizens' phone numbers in full only for those who may open the cases themselves.
        var showPhone = await authorization.HasPermissionAsync(context.User, PetitionPermissions.View);
        var request = report.Request;
        return await WorkbookDownload.FileAsync(LedgerExport.FileName(request), async file =>
        {
            await export.WriteAsync(file, selection, report, showPhone, CultureInfo.CurrentUICulture, ct);
            await audit.RecordAsync(new AuditEvent("petitions", "export", request.Unit ?? "*",
                $"Ledger {LedgerForm.Iso(request.From)}..{LedgerForm.Iso(request.To)}, by {request.Grouping.ToString().ToLowerInvariant()}: {report.Total.Received} petitions"), ct);
        });
    }

    /// <summary>The form's request checked against the user's area; the errors by field and the status to answer with.</summary>
    private static async Task<(LedgerSelection? Selection, IReadOnlyDictionary<string, BilingualText> Errors, int Status)> SelectAsync(
        LedgerForm form, ClaimsPrincipal user, PetitionStatistics statistics, IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
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
