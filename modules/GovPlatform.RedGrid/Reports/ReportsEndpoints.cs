using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Files;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.RedGrid.Organisations;
using GovPlatform.RedGrid.Security;
using GovPlatform.Security;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;

namespace GovPlatform.RedGrid.Reports;

/// <summary>
/// The combined reports page (<c>admin/redgrid/reports</c>) and its workbook (<c>admin/redgrid/reports/export</c>, a
/// sheet per section, audited). Needs <see cref="RedGridPermissions.Reports"/>, on the unit asked for. The period for
/// members and projects is the chosen year unless a <see cref="ReportPeriod"/> is chosen; pairing help is by year.
/// </summary>
internal static class ReportsEndpoints
{
    /// <summary>The period value for "the whole chosen year", the page's default.</summary>
    public const string WholeYear = "year";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.Reports);
        reports.MapGetShared("/reports", PageAsync);
        reports.MapGetShared("/reports/export", ExportAsync);
    }

    private static async Task<IResult> PageAsync(string? unit, string? year, string? period, string? from, string? to, HttpContext context,
        CombinedReports reports, IGridDirectory grid, IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var (report, errors, status, preset, chosenYear) = await ComputeAsync(unit, year, period, from, to, context.User, reports, calendars, clock, ct);
        return ComponentPage.Render<ReportsPage>(context, new
        {
            Report = report,
            Units = units,
            Unit = unit,
            Year = chosenYear,
            Period = preset,
            From = from,
            To = to,
            Errors = errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal),
        }, status);
    }

    private static async Task<IResult> ExportAsync(string? unit, string? year, string? period, string? from, string? to, HttpContext context,
        CombinedReports reports, IAuditLog audit, IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var (report, errors, status, _, _) = await ComputeAsync(unit, year, period, from, to, context.User, reports, calendars, clock, ct);
        if (report is null)
        {
            return Results.Problem(statusCode: status, title: string.Join(" ", errors.Values.Select(e => e.For(CultureInfo.CurrentUICulture))));
        }

        var culture = CultureInfo.CurrentUICulture;
        var name = report.Unit?.Code ?? "all";
        return await WorkbookDownload.FileAsync($"redgrid-reports-{name}-{report.Year}.xlsx", async file =>
        {
            await file.SaveAsAsync(ReportsExport.Sheets(report, culture), cancellationToken: ct);
            await audit.RecordAsync(new AuditEvent(EditChecks.AuditCategory, "reports-export", report.Unit?.Code ?? "*",
                $"Red grid reports {ReportPeriod.Iso(report.From)}..{ReportPeriod.Iso(report.To)}, help {report.Year}, by {EditChecks.Actor(context.User)}"), ct);
        });
    }

    /// <summary>Reads the period and year (errors under their fields, 400) and computes the report (403 outside the area, 404 unknown unit).</summary>
    private static async Task<(CombinedReport? Report, Dictionary<string, BilingualText> Errors, int Status, string Preset, int Year)> ComputeAsync(
        string? unit, string? year, string? period, string? from, string? to, ClaimsPrincipal user, CombinedReports reports,
        IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(ct);
        var today = calendar.LocalDate(clock.GetUtcNow());
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var chosenYear = today.Year;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100)
            {
                chosenYear = y;
            }
            else
            {
                errors["year"] = new("年度应为 2000 到 2100 之间的四位数字。", "The year must be a number from 2000 to 2100.");
            }
        }

        var preset = period == WholeYear || (string.IsNullOrWhiteSpace(period) && string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
            ? WholeYear
            : ReportPeriod.Choose(period, from, to);
        var (start, end) = preset == WholeYear
            ? (new DateOnly(chosenYear, 1, 1), new DateOnly(chosenYear, 12, 31))
            : ReportPeriod.Resolve(preset, from, to, today, errors);
        if (errors.Count == 0 && end < start)
        {
            errors["to"] = new("结束日期不能早于开始日期。", "The end date cannot be before the start date.");
        }

        if (errors.Count > 0)
        {
            return (null, errors, StatusCodes.Status400BadRequest, preset, chosenYear);
        }

        var (report, error, forbidden) = await reports.ComputeAsync(unit, start, end, chosenYear, user, ct);
        if (report is null)
        {
            errors["unit"] = error ?? new("无法统计这个单位。", "This unit cannot be reported on.");
            return (null, errors, forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound, preset, chosenYear);
        }

        return (report, errors, StatusCodes.Status200OK, preset, chosenYear);
    }
}
