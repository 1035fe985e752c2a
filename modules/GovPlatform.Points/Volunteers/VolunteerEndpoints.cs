using System.Globalization;
using System.Text.RegularExpressions;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Identifiers;
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

namespace GovPlatform.Points.Volunteers;

/// <summary>
/// The staff's volunteer pages (<c>admin/points/volunteers</c>): the list of the reader's grid scope, and a volunteer's
/// profile and ledger. Reading needs <see cref="PointsPermissions.View"/> over the volunteer's unit (the full ID number
/// <see cref="PointsPermissions.Volunteers"/>); decisions need <see cref="PointsPermissions.Volunteers"/>, adjustments
/// and reversals <see cref="PointsPermissions.Approve"/>, both over the volunteer's unit.
/// </summary>
internal static partial class VolunteerEndpoints
{
    internal const int PageSize = 20;
    private const string Path = "admin/points/volunteers";

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/points/volunteers").RequirePermission(PointsPermissions.View);
        view.MapGetShared("", ListAsync);
        view.MapGetShared("/{id:long}", VolunteerAsync);
        view.MapPostShared("/{id:long}/approve", (long id, [FromForm] VolunteerStatusForm form, HttpContext context, VolunteerService volunteers, VolunteerPageLoader pages, CancellationToken ct) =>
            DecideAsync(id, "approve", form, context, volunteers, pages, ct));
        view.MapPostShared("/{id:long}/reject", (long id, [FromForm] VolunteerStatusForm form, HttpContext context, VolunteerService volunteers, VolunteerPageLoader pages, CancellationToken ct) =>
            DecideAsync(id, "reject", form, context, volunteers, pages, ct));
        view.MapPostShared("/{id:long}/suspend", (long id, [FromForm] VolunteerStatusForm form, HttpContext context, VolunteerService volunteers, VolunteerPageLoader pages, CancellationToken ct) =>
            DecideAsync(id, "suspend", form, context, volunteers, pages, ct));
        view.MapPostShared("/{id:long}/reinstate", (long id, [FromForm] VolunteerStatusForm form, HttpContext context, VolunteerService volunteers, VolunteerPageLoader pages, CancellationToken ct) =>
            DecideAsync(id, "reinstate", form, context, volunteers, pages, ct));

        var approve = endpoints.MapGroup("/admin/points/volunteers").RequirePermission(PointsPermissions.Approve);
        approve.MapPostShared("/{id:long}/adjust", AdjustAsync);
        approve.MapPostShared("/{id:long}/reverse", ReverseAsync);

        // The teams' and the volunteer's own pages, so that the module's startup maps this area in one line.
        TeamEndpoints.Map(endpoints);
        PublicVolunteerEndpoints.Map(endpoints);
    }

    private static async Task<IResult> ListAsync(
        string? status, string? q, int? page, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, ITenant tenant, CancellationToken ct)
    {
        // The grid first: its first load opens its own transaction.
        await grid.GetLevelsAsync(ct);
        var query = await scope.ApplyAsync(db.Set<Volunteer>().AsNoTracking(), v => v.GridUnitCode, context.User, ct);
        VolunteerStatus? filter = Enum.TryParse<VolunteerStatus>(status, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        if (filter is { } s)
        {
            query = query.Where(v => v.Status == s);
        }

        var search = q?.Trim() ?? "";
        if (search.Length > 0)
        {
            query = query.Where(v => v.RealName.Contains(search) || v.Phone.Contains(search) || v.UserName.Contains(search));
        }

        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var current = Math.Clamp(page ?? 1, 1, pages);
        var volunteers = await query.OrderBy(v => v.Status).ThenByDescending(v => v.RegisteredUtc).ThenByDescending(v => v.Id)
            .Skip((current - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in volunteers.Select(v => v.GridUnitCode).Distinct())
        {
            units[code] = await PublicVolunteerEndpoints.UnitNameAsync(grid, code, ct);
        }

        return ComponentPage.Render<VolunteersPage>(context, new
        {
            Rows = volunteers.Select(v => new VolunteerRow(v.Id, v.RealName, v.UserName, IdNumber.Mask(v.IdNumber), v.Phone, units[v.GridUnitCode], v.Status, v.Balance, v.RegisteredUtc)).ToList(),
            Status = filter,
            Query = search,
            Page = current,
            Pages = pages,
            Total = total,
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static async Task<IResult> VolunteerAsync(long id, int? page, string? done, HttpContext context, VolunteerPageLoader pages, CancellationToken ct) =>
        await pages.RenderAsync(context, id, page ?? 1, new VolunteerPageState { Done = done }, StatusCodes.Status200OK, ct) ?? Results.NotFound();

    private static async Task<IResult> DecideAsync(long id, string action, VolunteerStatusForm form, HttpContext context, VolunteerService volunteers, VolunteerPageLoader pages, CancellationToken ct)
    {
        if (!await pages.CanViewAsync(context.User, id, ct))
        {
            return Results.NotFound();
        }

        var result = action switch
        {
            "approve" => await volunteers.ApproveAsync(id, form.Version, context.User, ct),
            "reject" => await volunteers.RejectAsync(id, form.Reason, form.Version, context.User, ct),
            "suspend" => await volunteers.SuspendAsync(id, form.Reason, form.Version, context.User, ct),
            _ => await volunteers.ReinstateAsync(id, form.Version, context.User, ct),
        };
        switch (result.Status)
        {
            case VolunteerOutcome.Done:
                return Results.Redirect(context.TenantPath($"{Path}/{id}?done={action}"));
            case VolunteerOutcome.NotFound:
                return Results.NotFound();
            case VolunteerOutcome.Forbidden:
                return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var state = new VolunteerPageState { StatusForm = form, StatusErrors = PublicVolunteerEndpoints.Text(result.ErrorsOrEmpty) };
        return await pages.RenderAsync(context, id, 1, state, StatusCodes.Status400BadRequest, ct) ?? Results.NotFound();
    }

    private static async Task<IResult> AdjustAsync(long id, [FromForm] AdjustForm form, HttpContext context, VolunteerPageLoader pages, PointsLedger ledger, CancellationToken ct)
    {
        if (await pages.LedgerAccessAsync(context.User, id, ct) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        if (!long.TryParse(form.Amount?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            errors["amount"] = new("请填写整数，扣减用负数，例如 -20。", "Enter a whole number; negative to deduct, e.g. -20.");
        }

        if (!KeyPattern().IsMatch(form.Key ?? ""))
        {
            errors["form"] = new("页面已过期，请刷新后再提交。", "The page has expired; reload it and submit again.");
        }

        if (errors.Count == 0)
        {
            var result = await ledger.AdjustAsync(id, amount, form.Reason ?? "", $"adjust:{id}:{form.Key}", context.User.Identity?.Name ?? "", ct);
            if (result.Succeeded)
            {
                return Results.Redirect(context.TenantPath($"{Path}/{id}?done=adjusted#ledger"));
            }

            foreach (var (field, message) in result.Errors ?? new Dictionary<string, BilingualText>())
            {
                errors[field is "amount" or "reason" ? field : "form"] = message;
            }
        }

        var state = new VolunteerPageState { AdjustForm = form, AdjustErrors = Prefixed("adjust-", errors) };
        return await pages.RenderAsync(context, id, 1, state, StatusCodes.Status400BadRequest, ct) ?? Results.NotFound();
    }

    private static async Task<IResult> ReverseAsync(long id, [FromForm] ReverseForm form, HttpContext context, TenantDbContext db, VolunteerPageLoader pages, PointsLedger ledger, CancellationToken ct)
    {
        if (await pages.LedgerAccessAsync(context.User, id, ct) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        // Only an entry of this volunteer: the id in the form must not reach another volunteer's ledger.
        if (form.EntryId is not { } entryId || !await db.Set<PointEntry>().AnyAsync(e => e.Id == entryId && e.VolunteerId == id, ct))
        {
            errors["entryId"] = new("请选择这位志愿者的一条积分记录。", "Choose one of this volunteer's entries.");
        }

        if (!KeyPattern().IsMatch(form.Key ?? ""))
        {
            errors["form"] = new("页面已过期，请刷新后再提交。", "The page has expired; reload it and submit again.");
        }

        if (errors.Count == 0)
        {
            var result = await ledger.ReverseAsync(form.EntryId!.Value, form.Reason ?? "", $"reverse:{id}:{form.Key}", context.User.Identity?.Name ?? "", ct);
            if (result.Succeeded)
            {
                return Results.Redirect(context.TenantPath($"{Path}/{id}?done=reversed#ledger"));
            }

            foreach (var (field, message) in result.Errors ?? new Dictionary<string, BilingualText>())
            {
                errors[field is "entryId" or "reason" ? field : "form"] = message;
            }
        }

        var state = new VolunteerPageState { ReverseForm = form, ReverseErrors = Prefixed("reverse-", errors) };
        return await pages.RenderAsync(context, id, 1, state, StatusCodes.Status400BadRequest, ct) ?? Results.NotFound();
    }

    private static Dictionary<string, string> Prefixed(string prefix, Dictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => prefix + e.Key, e => e.Value.ToString(), StringComparer.Ordinal);
}

/// <summary>What a volunteer's page shows besides the record: the forms as posted and their errors, the notice.</summary>
internal sealed class VolunteerPageState
{
    public string? Done { get; init; }

    public VolunteerStatusForm? StatusForm { get; init; }

    public IReadOnlyDictionary<string, string> StatusErrors { get; init; } = PublicVolunteerEndpoints.NoErrors;

    public AdjustForm? AdjustForm { get; init; }

    public IReadOnlyDictionary<string, string> AdjustErrors { get; init; } = PublicVolunteerEndpoints.NoErrors;

    public ReverseForm? ReverseForm { get; init; }

    public IReadOnlyDictionary<string, string> ReverseErrors { get; init; } = PublicVolunteerEndpoints.NoErrors;
}

/// <summary>Loads and renders a volunteer's staff page (scoped service so the endpoints stay small).</summary>
internal sealed class VolunteerPageLoader(TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, PointsLedger ledger, ITenant tenant)
{
    /// <summary>Whether the user may read volunteer <paramref name="id"/> (View over its unit); false for none.</summary>
    public async Task<bool> CanViewAsync(System.Security.Claims.ClaimsPrincipal user, long id, CancellationToken ct) =>
        await db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) is { } volunteer
        && await authorization.HasPermissionAsync(user, PointsPermissions.View, volunteer);

    /// <summary>Null when the user may adjust and reverse volunteer <paramref name="id"/>'s entries; else the 404 or 403 to answer.</summary>
    public async Task<IResult?> LedgerAccessAsync(System.Security.Claims.ClaimsPrincipal user, long id, CancellationToken ct)
    {
        var volunteer = await db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (volunteer is null || !await authorization.HasPermissionAsync(user, PointsPermissions.View, volunteer))
        {
            return Results.NotFound();
        }

        return await authorization.HasPermissionAsync(user, PointsPermissions.Approve, volunteer) ? null : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>The page, or null when there is no such volunteer in the user's scope.</summary>
    public async Task<IResult?> RenderAsync(HttpContext context, long id, int page, VolunteerPageState state, int status, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var volunteer = await db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (volunteer is null || !await authorization.HasPermissionAsync(context.User, PointsPermissions.View, volunteer))
        {
            return null;
        }

        var canManage = await authorization.HasPermissionAsync(context.User, PointsPermissions.Volunteers, volunteer);
        var canAdjust = await authorization.HasPermissionAsync(context.User, PointsPermissions.Approve, volunteer);
        var total = await db.Set<PointEntry>().CountAsync(e => e.VolunteerId == id, ct);
        var pages = Math.Max(1, (total + VolunteerEndpoints.PageSize - 1) / VolunteerEndpoints.PageSize);
        page = Math.Clamp(page, 1, pages);
        var entries = await ledger.EntriesAsync(id, page, VolunteerEndpoints.PageSize, ct);
        var ids = entries.Select(e => e.Id).ToList();
        var reversed = await db.Set<PointEntry>().Where(e => e.ReversesId != null && ids.Contains(e.ReversesId.Value)).Select(e => e.ReversesId!.Value).ToListAsync(ct);
        var teams = await (from m in db.Set<TeamMember>().AsNoTracking()
                           join t in db.Set<VolunteerTeam>().AsNoTracking() on m.TeamId equals t.Id
                           where m.VolunteerId == id
                           orderby t.Code
                           select t).ToListAsync(ct);
        return ComponentPage.Render<VolunteerPage>(context, new
        {
            Volunteer = volunteer,
            IdNumberShown = canManage ? volunteer.IdNumber ?? "" : IdNumber.Mask(volunteer.IdNumber),
            Unit = await PublicVolunteerEndpoints.UnitNameAsync(grid, volunteer.GridUnitCode, ct),
            Teams = teams,
            Entries = entries,
            Reversed = reversed.ToHashSet(),
            Page = page,
            Pages = pages,
            CanManage = canManage,
            CanAdjust = canAdjust,
            StatusForm = state.StatusForm ?? new VolunteerStatusForm { Version = volunteer.Version },
            StatusErrors = state.StatusErrors,
            AdjustForm = state.AdjustForm ?? new AdjustForm { Key = Guid.NewGuid().ToString("N") },
            AdjustErrors = state.AdjustErrors,
            ReverseForm = state.ReverseForm ?? new ReverseForm { Key = Guid.NewGuid().ToString("N") },
            ReverseErrors = state.ReverseErrors,
            Done = state.Done,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }
}
