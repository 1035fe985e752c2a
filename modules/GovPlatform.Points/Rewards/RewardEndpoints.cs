using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Points.Models;
using GovPlatform.Points.Security;
using GovPlatform.Points.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Rewards;

/// <summary>
/// The reward catalogue (<c>admin/points/rewards</c>), the orders desk (<c>admin/points/orders</c>) and the volunteer's
/// rewards page on the tenant's site (<c>points/rewards</c>). Staff read with <see cref="PointsPermissions.View"/> within
/// their grid scope and change with <see cref="PointsPermissions.Rewards"/> over the reward's or order's unit.
/// </summary>
internal static partial class RewardEndpoints
{
    private const string CataloguePath = "admin/points/rewards";
    private const string OrdersPath = "admin/points/orders";
    private const string PublicPath = "points/rewards";

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/points").RequirePermission(PointsPermissions.View);
        view.MapGetShared("/rewards", ListAsync);
        view.MapGetShared("/rewards/{id:long}", RewardAsync);
        view.MapGetShared("/orders", OrdersAsync);

        var manage = endpoints.MapGroup("/admin/points").RequirePermission(PointsPermissions.Rewards);
        manage.MapGetShared("/rewards/new", NewAsync);
        manage.MapPostShared("/rewards/new", CreateAsync);
        manage.MapPostShared("/rewards/{id:long}", UpdateAsync);
        manage.MapPostShared("/rewards/{id:long}/stock", StockAsync);
        manage.MapPostShared("/rewards/{id:long}/active", ActiveAsync);
        manage.MapPostShared("/orders/{id:long}/fulfil", FulfilAsync);
        manage.MapPostShared("/orders/{id:long}/cancel", CancelAsync);

        endpoints.MapGetShared("/points/rewards", PublicAsync).RequireAuthorization();
        endpoints.MapPostShared("/points/rewards", RedeemAsync).RequireAuthorization().RequireRateLimiting(RateLimitPolicies.PublicForm);
    }

    private static async Task<IResult> ListAsync(string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, RewardCatalog catalog, IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        await grid.GetLevelsAsync(ct);
        var codes = await scope.GetScopeCodesAsync(context.User, ct);
        var rewards = (await db.Set<Reward>().AsNoTracking().OrderByDescending(r => r.Active).ThenBy(r => r.GridUnitCode).ThenBy(r => r.Id).ToListAsync(ct))
            .Where(r => codes is null || r.GridUnitCode is null || codes.Contains(r.GridUnitCode)).ToList();
        var rows = new List<RewardRow>();
        foreach (var reward in rewards)
        {
            rows.Add(new RewardRow(reward, await UnitAsync(grid, reward.GridUnitCode, culture, ct), await catalog.MayManageAsync(context.User, reward.GridUnitCode)));
        }

        return ComponentPage.Render<RewardsPage>(context, new
        {
            Rows = rows,
            Done = done,
            CanCreate = await authorization.HasPermissionAsync(context.User, PointsPermissions.Rewards),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static async Task<IResult> RewardAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, RewardCatalog catalog, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var reward = await db.Set<Reward>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reward is null || (reward.GridUnitCode is { } unit && await scope.GetScopeCodesAsync(context.User, ct) is { } codes && !codes.Contains(unit)))
        {
            return Results.NotFound();
        }

        return await EditPageAsync(context, grid, catalog, reward, RewardForm.From(reward), new StockForm { Version = reward.Version }, NoErrors, NoErrors, done, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> NewAsync(HttpContext context, IGridDirectory grid, RewardCatalog catalog, CancellationToken ct) =>
        await EditPageAsync(context, grid, catalog, null, new RewardForm { Kind = nameof(RewardKind.Goods), Value = "0.00" }, new StockForm(), NoErrors, NoErrors, null, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateAsync([FromForm] RewardForm form, HttpContext context, IGridDirectory grid, RewardCatalog catalog, CancellationToken ct)
    {
        var result = await catalog.CreateAsync(form, context.User, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath($"{CataloguePath}/{result.Reward!.Id}?done=created"))
            : await EditPageAsync(context, grid, catalog, null, form, new StockForm(), Text(result.Errors), NoErrors, null, Status(result.Status), ct);
    }

    private static async Task<IResult> UpdateAsync(long id, [FromForm] RewardForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, RewardCatalog catalog, CancellationToken ct)
    {
        var result = await catalog.UpdateAsync(id, form, form.Version, context.User, ct);
        if (result.Status == CatalogStatus.NotFound)
        {
            return Results.NotFound();
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{CataloguePath}/{id}?done=saved"));
        }

        var reward = await db.Set<Reward>().AsNoTracking().FirstAsync(r => r.Id == id, ct);
        return await EditPageAsync(context, grid, catalog, reward, form, new StockForm { Version = reward.Version }, Text(result.Errors), NoErrors, null, Status(result.Status), ct);
    }

    private static async Task<IResult> StockAsync(long id, [FromForm] StockForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, RewardCatalog catalog, CancellationToken ct)
    {
        var result = await catalog.MoveStockAsync(id, form, context.User, ct);
        if (result.Status == CatalogStatus.NotFound)
        {
            return Results.NotFound();
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{CataloguePath}/{id}?done=stock#stock"));
        }

        var reward = await db.Set<Reward>().AsNoTracking().FirstAsync(r => r.Id == id, ct);
        return await EditPageAsync(context, grid, catalog, reward, RewardForm.From(reward), form, NoErrors, Text(result.Errors), null, Status(result.Status), ct);
    }

    private static async Task<IResult> ActiveAsync(long id, [FromForm] ActiveForm form, HttpContext context, RewardCatalog catalog, CancellationToken ct) =>
        (await catalog.SetActiveAsync(id, form.Active, context.User, ct)).Status switch
        {
            CatalogStatus.Done => Results.Redirect(context.TenantPath($"{CataloguePath}/{id}?done={(form.Active ? "activated" : "deactivated")}")),
            CatalogStatus.Forbidden => Results.Forbid(),
            _ => Results.NotFound(),
        };

    private static async Task<IResult> EditPageAsync(
        HttpContext context, IGridDirectory grid, RewardCatalog catalog, Reward? reward, RewardForm form, StockForm stockForm,
        IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string> stockErrors, string? done, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var units = new List<RewardOption>();
        if (!context.User.FindAll(GovClaimTypes.GridUnit).Any(c => c.Value.Length > 0))
        {
            units.Add(new RewardOption("", new BilingualText("全区", "The whole district").For(culture)));
        }

        foreach (var unit in await grid.GetUnitsInScopeAsync(context.User, ct))
        {
            units.Add(new RewardOption(unit.Code, $"{new string('　', Math.Max(0, unit.Depth - 1))}{unit.DisplayName(culture)} ({unit.Code})"));
        }

        if (!string.IsNullOrEmpty(form.GridUnitCode) && !units.Any(u => u.Value == form.GridUnitCode))
        {
            units.Insert(0, new RewardOption(form.GridUnitCode, await UnitAsync(grid, form.GridUnitCode, culture, ct)));
        }

        return ComponentPage.Render<RewardEditPage>(context, new
        {
            Reward = reward,
            Form = form,
            StockForm = stockForm,
            Units = units,
            Errors = errors,
            StockErrors = stockErrors,
            Done = done,
            // A new reward: the route already required the permission; the unit chosen is checked when it is saved.
            CanManage = reward is null || await catalog.MayManageAsync(context.User, reward.GridUnitCode),
        }, status);
    }

    private static async Task<IResult> OrdersAsync(string? status, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, ITenant tenant, CancellationToken ct) =>
        await OrdersPageAsync(context, status, done, null, null, db, grid, scope, authorization, tenant, StatusCodes.Status200OK, ct);

    private static async Task<IResult> FulfilAsync(long id, [FromForm] FulfilForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, ITenant tenant, RedemptionDesk desk, CancellationToken ct)
    {
        var result = await desk.FulfilAsync(id, form.PickUpCode, context.User, ct);
        return result.Status switch
        {
            CatalogStatus.Done => Results.Redirect(context.TenantPath($"{OrdersPath}?done=fulfilled")),
            CatalogStatus.NotFound => Results.NotFound(),
            _ => await OrdersPageAsync(context, null, null, id, result.Message?.ToString(), db, grid, scope, authorization, tenant,
                result.Status == CatalogStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, ct),
        };
    }

    private static async Task<IResult> CancelAsync(long id, [FromForm] CancelForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        IAuthorizationService authorization, ITenant tenant, RedemptionDesk desk, CancellationToken ct)
    {
        var result = await desk.CancelAsync(id, form.Reason, context.User, ct);
        return result.Status switch
        {
            CatalogStatus.Done => Results.Redirect(context.TenantPath($"{OrdersPath}?done=cancelled")),
            CatalogStatus.NotFound => Results.NotFound(),
            _ => await OrdersPageAsync(context, null, null, id, result.Message?.ToString(), db, grid, scope, authorization, tenant,
                result.Status == CatalogStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, ct),
        };
    }

    private static async Task<IResult> OrdersPageAsync(HttpContext context, string? status, string? done, long? problemOrder, string? problem, TenantDbContext db, IGridDirectory grid,
        IGridScopeFilter scope, IAuthorizationService authorization, ITenant tenant, int httpStatus, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        await grid.GetLevelsAsync(ct);
        OrderStatus? filter = status == "all" ? null : Enum.TryParse<OrderStatus>(status, out var parsed) && Enum.IsDefined(parsed) ? parsed : OrderStatus.Placed;
        var query = await scope.ApplyAsync(db.Set<RedemptionOrder>().AsNoTracking(), o => o.GridUnitCode, context.User, ct);
        if (filter is { } f)
        {
            query = query.Where(o => o.Status == f);
        }

        var orders = await query.OrderByDescending(o => o.PlacedUtc).ThenByDescending(o => o.Id).Take(200).ToListAsync(ct);
        var volunteerIds = orders.Select(o => o.VolunteerId).Distinct().ToList();
        var rewardIds = orders.Select(o => o.RewardId).Distinct().ToList();
        var volunteers = await db.Set<Volunteer>().AsNoTracking().Where(v => volunteerIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.RealName, ct);
        var rewards = await db.Set<Reward>().AsNoTracking().Where(r => rewardIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var rows = new List<OrderRow>();
        foreach (var order in orders)
        {
            var reward = rewards.GetValueOrDefault(order.RewardId);
            rows.Add(new OrderRow(order, volunteers.GetValueOrDefault(order.VolunteerId) ?? "",
                reward is null ? "" : (culture.TwoLetterISOLanguageName == "en" && reward.EnglishName.Length > 0 ? reward.EnglishName : reward.Name),
                await UnitAsync(grid, order.GridUnitCode, culture, ct),
                await authorization.HasPermissionAsync(context.User, PointsPermissions.Rewards, new ScopedUnit(order.GridUnitCode))));
        }

        return ComponentPage.Render<OrdersPage>(context, new
        {
            Rows = rows,
            Status = filter,
            Done = done,
            Problem = problem,
            ProblemOrderId = problemOrder,
            TimeZoneId = tenant.TimeZone,
        }, httpStatus);
    }

    private static async Task<IResult> PublicAsync(HttpContext context, TenantDbContext db, RewardCatalog catalog, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        return await PublicPageAsync(context, db, catalog, tenant, await VolunteerAsync(db, context.User, ct), null, null, null, null, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> RedeemAsync([FromForm] RedeemForm form, HttpContext context, TenantDbContext db, RewardCatalog catalog, PointsLedger ledger, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var volunteer = await VolunteerAsync(db, context.User, ct);
        if (volunteer is null)
        {
            return await PublicPageAsync(context, db, catalog, tenant, null, null, null, null, null, StatusCodes.Status403Forbidden, ct);
        }

        var culture = CultureInfo.CurrentUICulture;
        BilingualText? problem = null;
        if (volunteer.Status != VolunteerStatus.Approved)
        {
            problem = new("您的志愿者登记尚未通过审核或已暂停，暂不能兑换。", "Your volunteer registration is not approved (or is suspended): you cannot redeem yet.");
        }
        else if (!int.TryParse(form.Quantity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity is < 1 or > 100)
        {
            problem = new("数量应为 1 到 100。", "The quantity is 1 to 100.");
        }
        else if (form.IdempotencyKey is not { } key || !KeyPattern().IsMatch(key))
        {
            problem = new("页面已过期，请刷新后再兑换。", "The page has expired: reload it and redeem again.");
        }
        else
        {
            // The volunteer's id in the key: a key copied from someone else's page can never answer with their order.
            var result = await ledger.RedeemAsync(volunteer.Id, form.RewardId, quantity, $"redeem:{volunteer.Id}:{key}", volunteer.UserName, catalog.OfferedInAsync, ct);
            if (result.Succeeded && result.Order is { } order)
            {
                var reward = await db.Set<Reward>().AsNoTracking().FirstAsync(r => r.Id == order.RewardId, ct);
                var fresh = await db.Set<Volunteer>().AsNoTracking().FirstAsync(v => v.Id == volunteer.Id, ct);
                return await PublicPageAsync(context, db, catalog, tenant, fresh, order, Name(reward, culture), null, null, StatusCodes.Status200OK, ct);
            }

            problem = result.Status switch
            {
                LedgerStatus.Insufficient => new($"积分不足：您的余额是 {volunteer.Balance:N0} 分。", $"Not enough points: your balance is {volunteer.Balance:N0}."),
                LedgerStatus.OutOfStock => new("这件奖品已经兑完（或库存不够这个数量）。", "This reward is out of stock (or there are not that many left)."),
                LedgerStatus.NotFound => new("没有这件奖品。", "There is no such reward."),
                _ => result.Errors?.Values.FirstOrDefault() ?? new("未能兑换，请稍后再试。", "The reward could not be redeemed; try again later."),
            };
        }

        var current = await db.Set<Volunteer>().AsNoTracking().FirstAsync(v => v.Id == volunteer.Id, ct);
        return await PublicPageAsync(context, db, catalog, tenant, current, null, null, problem?.For(culture), form, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> PublicPageAsync(HttpContext context, TenantDbContext db, RewardCatalog catalog, ITenant tenant, Volunteer? volunteer,
        RedemptionOrder? placed, string? placedReward, string? problem, RedeemForm? form, int status, CancellationToken ct)
    {
        var rewards = volunteer is null ? [] : await catalog.OfferedToAsync(volunteer.GridUnitCode, ct);
        var orders = new List<MyOrderRow>();
        if (volunteer is not null)
        {
            var mine = await db.Set<RedemptionOrder>().AsNoTracking().Where(o => o.VolunteerId == volunteer.Id).OrderByDescending(o => o.PlacedUtc).ThenByDescending(o => o.Id).Take(50).ToListAsync(ct);
            var ids = mine.Select(o => o.RewardId).Distinct().ToList();
            var names = await db.Set<Reward>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            orders.AddRange(mine.Select(o => new MyOrderRow(o, names.TryGetValue(o.RewardId, out var r) ? Name(r, CultureInfo.CurrentUICulture) : "", names.GetValueOrDefault(o.RewardId)?.PickUpPlace)));
        }

        return ComponentPage.Render<RedeemPage>(context, new
        {
            Model = new RedeemModel
            {
                Volunteer = volunteer,
                Rewards = rewards,
                Orders = orders,
                // A refused post keeps its key (nothing was written under it); a shown page gets a new one.
                IdempotencyKey = form?.IdempotencyKey is { } k && KeyPattern().IsMatch(k) ? k : Guid.NewGuid().ToString("N"),
                Placed = placed,
                PlacedReward = placedReward,
                Problem = problem,
                ProblemRewardId = form?.RewardId,
                Quantity = form?.Quantity,
            },
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static Task<Volunteer?> VolunteerAsync(TenantDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        user.Identity?.Name is { Length: > 0 } name
            ? db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.UserName == name, ct)
            : Task.FromResult<Volunteer?>(null);

    internal static string Name(Reward reward, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && reward.EnglishName.Length > 0 ? reward.EnglishName : reward.Name;

    internal static async Task<string> UnitAsync(IGridDirectory grid, string? code, CultureInfo culture, CancellationToken ct) =>
        code is null ? new BilingualText("全区", "The whole district").For(culture)
        : await grid.FindAsync(code, ct) is { } unit ? unit.DisplayName(culture)
        : code;

    private static int Status(CatalogStatus status) => status == CatalogStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText>? errors) =>
        errors?.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal) ?? [];
}
