using System.Globalization;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Points.Rewards;
using GovPlatform.Points.Security;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Points.Honours;

/// <summary>
/// The public honour roll (<c>points/honour</c>, anyone may read it) and the staff's roll with the commendation of the top
/// ten (<c>admin/points/honours</c>, <see cref="PointsPermissions.Reports"/>).
/// </summary>
internal static class HonourEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/points/honour", (string? unit, string? period, HttpContext context, HonourRoll roll, IGridDirectory grid, CancellationToken ct) =>
            PageAsync<HonourPage>(unit, period, null, null, context, roll, grid, ct));
        var reports = endpoints.MapGroup("/admin/points").RequirePermission(PointsPermissions.Reports);
        reports.MapGetShared("/honours", (string? unit, string? period, string? done, HttpContext context, HonourRoll roll, IGridDirectory grid, CancellationToken ct) =>
            PageAsync<HonourAdminPage>(unit, period, done, null, context, roll, grid, ct));
        reports.MapPostShared("/honours", CommendAsync);
    }

    private static async Task<IResult> CommendAsync([FromForm] CommendForm form, HttpContext context, HonourRoll roll, IGridDirectory grid, CancellationToken ct)
    {
        var (status, message, _) = await roll.CommendTopTenAsync(form.Unit, form.Period, context.User, ct);
        if (status == CatalogStatus.Done)
        {
            var unit = await roll.UnitAsync(form.Unit, ct);
            return Results.Redirect(context.TenantPath($"admin/points/honours?unit={Uri.EscapeDataString(unit!.Code)}&period={Uri.EscapeDataString(form.Period!.Trim())}&done=commended"));
        }

        return await PageAsync<HonourAdminPage>(form.Unit, form.Period, null, message?.ToString(), context, roll, grid, ct,
            status == CatalogStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> PageAsync<TPage>(string? unitCode, string? periodKey, string? done, string? problem, HttpContext context, HonourRoll roll, IGridDirectory grid,
        CancellationToken ct, int status = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var culture = CultureInfo.CurrentUICulture;
        var key = string.IsNullOrWhiteSpace(periodKey) ? roll.ThisMonth() : periodKey.Trim();
        var unit = await roll.UnitAsync(unitCode, ct);
        var period = roll.Period(key);
        Leaderboard? board = null;
        if (unit is null)
        {
            problem ??= new BilingualText("网格中没有这个单位。", "The grid has no such unit.").For(culture);
            status = StatusCodes.Status404NotFound;
        }
        else if (period is null)
        {
            problem ??= new BilingualText("期间应写成 2026-11（月）或 2026（年）。", "The period reads 2026-11 (a month) or 2026 (a year).").For(culture);
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            board = await roll.LeaderboardAsync(unit, period, HonourRoll.TopTen, ct);
        }

        var units = new List<RewardOption>();
        foreach (var top in await grid.GetChildrenAsync(null, ct))
        {
            foreach (var u in await grid.GetSubtreeAsync(top.Code, ct))
            {
                if (u.Depth <= 3)
                {
                    units.Add(new RewardOption(u.Code, $"{new string('　', Math.Max(0, u.Depth - 1))}{u.DisplayName(culture)}"));
                }
            }
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in board?.Lines.Select(l => l.GridUnitCode).Distinct() ?? [])
        {
            names[code] = await grid.FindAsync(code, ct) is { } found ? found.DisplayName(culture) : code;
        }

        return ComponentPage.Render<TPage>(context, new
        {
            Board = board,
            UnitCode = unit?.Code ?? unitCode,
            UnitName = unit?.DisplayName(culture),
            Period = key,
            Units = units,
            UnitNames = names,
            Done = done,
            Problem = problem,
        }, status);
    }
}

/// <summary>The commendation button's form.</summary>
public sealed class CommendForm
{
    public string? Unit { get; set; }

    public string? Period { get; set; }
}
