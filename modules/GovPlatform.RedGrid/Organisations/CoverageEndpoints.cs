using System.Globalization;
using GovPlatform.Auditing;
using GovPlatform.Files;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.RedGrid.Security;
using GovPlatform.RedGrid.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;

namespace GovPlatform.RedGrid.Organisations;

/// <summary>
/// The coverage page (<c>admin/redgrid</c>, and <c>admin/redgrid/coverage.xlsx</c>): for a unit in the reader's grid
/// scope (their top unit by default; a unit outside it is refused with 403), each child's grids with a branch and
/// courtyards with a group, with links down, and the paged lists of what lacks one. Needs <see cref="RedGridPermissions.View"/>.
/// </summary>
internal static class CoverageEndpoints
{
    public const int PageSize = 50;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.View);
        view.MapGetShared("", PageAsync);
        view.MapGetShared("/coverage.xlsx", ExportAsync);
    }

    private static async Task<IResult> PageAsync(string? unit, int? gp, int? cp, HttpContext context, IGridDirectory grid, CoverageService coverage, ITenant tenant, CancellationToken ct)
    {
        var (report, status) = await ReportAsync(unit, context, grid, coverage, ct);
        if (report is null)
        {
            return Refusal(status);
        }

        var ancestors = await grid.GetAncestorsAsync(report.Root.Code, ct);
        var scope = await grid.GetUnitsInScopeAsync(context.User, ct);
        var inScope = scope.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        return ComponentPage.Render<CoveragePage>(context, new
        {
            Report = report,
            Ancestors = ancestors.Where(a => inScope.Contains(a.Code)).ToList(),
            GridsPage = Math.Max(1, gp ?? 1),
            CourtyardsPage = Math.Max(1, cp ?? 1),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static async Task<IResult> ExportAsync(string? unit, HttpContext context, IGridDirectory grid, CoverageService coverage, IAuditLog audit, CancellationToken ct)
    {
        var (report, status) = await ReportAsync(unit, context, grid, coverage, ct);
        if (report is null)
        {
            return Refusal(status);
        }

        var culture = CultureInfo.CurrentUICulture;
        return await WorkbookDownload.FileAsync($"redgrid-coverage-{report.Root.Code}.xlsx", async file =>
        {
            await file.SaveAsAsync(CoverageExport.Sheets(report, culture), cancellationToken: ct);
            await audit.RecordAsync(new AuditEvent(EditChecks.AuditCategory, "coverage-export", report.Root.Code,
                $"Coverage of {report.Root.Name}: {report.Total.GridsCovered}/{report.Total.Grids} grids, {report.Total.CourtyardsCovered}/{report.Total.Courtyards} courtyards, by {EditChecks.Actor(context.User)}"), ct);
        });
    }

    /// <summary>The report for the unit asked for, or the reader's top unit; 403 outside the reader's scope, 404 for an unknown unit.</summary>
    internal static async Task<(CoverageReport? Report, int Status)> ReportAsync(string? unit, HttpContext context, IGridDirectory grid, CoverageService coverage, CancellationToken ct)
    {
        var scope = await grid.GetUnitsInScopeAsync(context.User, ct);
        if (scope.Count == 0)
        {
            return (null, StatusCodes.Status403Forbidden);
        }

        string code;
        if (string.IsNullOrWhiteSpace(unit))
        {
            code = scope.MinBy(u => u.Depth)!.Code;
        }
        else if (await grid.FindAsync(unit.Trim(), ct) is not { } found)
        {
            return (null, StatusCodes.Status404NotFound);
        }
        else if (!scope.Any(u => u.Code == found.Code))
        {
            return (null, StatusCodes.Status403Forbidden);
        }
        else
        {
            code = found.Code;
        }

        return (await coverage.ComputeAsync(code, ct), StatusCodes.Status200OK);
    }

    private static IResult Refusal(int status) => Results.Problem(
        statusCode: status,
        title: status == StatusCodes.Status403Forbidden
            ? Text(new("这个单位不在您的管辖范围内。", "This grid unit is outside your area."))
            : Text(new("没有这个单位。", "There is no such grid unit.")));

    private static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);
}

/// <summary>The coverage workbook: the rows per child unit (and the total), the grids without a branch, the courtyards without a group.</summary>
internal static class CoverageExport
{
    public static Dictionary<string, object> Sheets(CoverageReport report, CultureInfo culture)
    {
        var en = culture.TwoLetterISOLanguageName == "en";
        string T(string zh, string english) => en ? english : zh;
        Dictionary<string, object> Row(CoverageRow row) => new(StringComparer.Ordinal)
        {
            [T("编码", "Code")] = row.Unit.Code,
            [T("单位", "Unit")] = row.Unit.DisplayName(culture),
            [T("网格数", "Grids")] = row.Grids,
            [T("已建支部", "With a branch")] = row.GridsCovered,
            [T("支部覆盖率", "Branch coverage")] = Share(row.GridsCovered, row.Grids),
            [T("楼院数", "Courtyards")] = row.Courtyards,
            [T("已建小组", "With a group")] = row.CourtyardsCovered,
            [T("小组覆盖率", "Group coverage")] = Share(row.CourtyardsCovered, row.Courtyards),
            [T("党员中心户", "Member households")] = row.Households,
        };
        var rows = report.Rows.Select(Row).ToList();
        var total = Row(report.Total);
        total[T("单位", "Unit")] = T("合计：", "Total: ") + report.Root.DisplayName(culture);
        rows.Add(total);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [T("覆盖情况", "Coverage")] = rows,
            [T("未建支部的网格", "Grids without a branch")] = report.GridsWithoutBranch.Select(g => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [T("编码", "Code")] = g.Code,
                [T("网格", "Grid")] = g.DisplayName(culture),
            }).ToList() is { Count: > 0 } grids ? grids : [new Dictionary<string, object>(StringComparer.Ordinal) { [T("编码", "Code")] = "", [T("网格", "Grid")] = "" }],
            [T("未建小组的楼院", "Courtyards without a group")] = report.CourtyardsWithoutGroup.Select(c => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [T("网格编码", "Grid code")] = c.Grid.Code,
                [T("网格", "Grid")] = c.Grid.DisplayName(culture),
                [T("楼院", "Courtyard")] = c.Courtyard.Name,
                [T("户数", "Households")] = c.Courtyard.Households,
            }).ToList() is { Count: > 0 } yards ? yards : [new Dictionary<string, object>(StringComparer.Ordinal) { [T("网格编码", "Grid code")] = "", [T("网格", "Grid")] = "", [T("楼院", "Courtyard")] = "", [T("户数", "Households")] = "" }],
        };
    }

    /// <summary>A share as a number of percent with one decimal (blank when there is nothing to divide by).</summary>
    private static object Share(int part, int whole) => whole == 0 ? "" : Math.Round(100.0 * part / whole, 1);
}
