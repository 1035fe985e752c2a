using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Points.Models;
using GovPlatform.Points.Services;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Volunteers;

/// <summary>
/// The volunteer's own pages on the tenant's public site, for signed-in accounts (anonymous visitors are sent to sign
/// in): <c>points/join</c> (registration, or where it stands) and <c>points/me</c> (balance, ledger, sign-ups, orders,
/// profile).
/// </summary>
internal static class PublicVolunteerEndpoints
{
    internal const int EntriesPerPage = 20;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/points/join", JoinAsync).RequireAuthorization();
        endpoints.MapPostShared("/points/join", RegisterAsync).RequireAuthorization();
        endpoints.MapGetShared("/points/me", MeAsync).RequireAuthorization();
        endpoints.MapPostShared("/points/me", UpdateAsync).RequireAuthorization();
    }

    private static async Task<IResult> JoinAsync(HttpContext context, VolunteerService volunteers, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        var volunteer = await volunteers.FindByUserAsync(UserName(context), ct);
        return await JoinPageAsync(context, grid, tenant, volunteer, new VolunteerForm { PublicConsent = true }, NoErrors, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> RegisterAsync([FromForm] VolunteerForm form, HttpContext context, VolunteerService volunteers, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        var result = await volunteers.RegisterAsync(UserName(context), form.ToInput(), ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath("points/join?done=registered"));
        }

        var volunteer = await volunteers.FindByUserAsync(UserName(context), ct);
        return await JoinPageAsync(context, grid, tenant, volunteer, form, Text(result.ErrorsOrEmpty), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> MeAsync(int? page, string? done, HttpContext context, VolunteerService volunteers, TenantDbContext db, PointsLedger ledger, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        var volunteer = await volunteers.FindByUserAsync(UserName(context), ct);
        if (volunteer is null)
        {
            return Results.Redirect(context.TenantPath("points/join"));
        }

        return await MePageAsync(context, db, ledger, grid, tenant, volunteer, page ?? 1, VolunteerForm.From(volunteer), NoErrors, done, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> UpdateAsync(
        [FromForm] VolunteerForm form, HttpContext context, VolunteerService volunteers, TenantDbContext db, PointsLedger ledger, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        var result = await volunteers.UpdateProfileAsync(UserName(context), form.ToInput(), form.Version, ct);
        if (result.Status == VolunteerOutcome.NotFound)
        {
            return Results.Redirect(context.TenantPath("points/join"));
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"points/me?done={(result.Volunteer!.Status == VolunteerStatus.Pending ? "pending" : "saved")}#profile"));
        }

        var volunteer = (await volunteers.FindByUserAsync(UserName(context), ct))!;
        return await MePageAsync(context, db, ledger, grid, tenant, volunteer, 1, form, Text(result.ErrorsOrEmpty), null, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> JoinPageAsync(
        HttpContext context, IGridDirectory grid, ITenant tenant, Volunteer? volunteer, VolunteerForm form, IReadOnlyDictionary<string, string> errors, int status, CancellationToken ct) =>
        ComponentPage.Render<JoinPage>(context, new
        {
            Volunteer = volunteer,
            Unit = volunteer is null ? null : await UnitNameAsync(grid, volunteer.GridUnitCode, ct),
            Form = form,
            Units = await CommunityOptionsAsync(grid, form.GridUnitCode, ct),
            Errors = errors,
            Done = context.Request.Query["done"].ToString(),
            TimeZoneId = tenant.TimeZone,
        }, status);

    private static async Task<IResult> MePageAsync(
        HttpContext context, TenantDbContext db, PointsLedger ledger, IGridDirectory grid, ITenant tenant, Volunteer volunteer, int page, VolunteerForm form,
        IReadOnlyDictionary<string, string> errors, string? done, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var english = culture.TwoLetterISOLanguageName == "en";
        // The grid first: its first load must not happen inside the queries below.
        var units = await CommunityOptionsAsync(grid, form.GridUnitCode, ct);
        var total = await db.Set<PointEntry>().CountAsync(e => e.VolunteerId == volunteer.Id, ct);
        var pages = Math.Max(1, (total + EntriesPerPage - 1) / EntriesPerPage);
        page = Math.Clamp(page, 1, pages);
        var entries = await ledger.EntriesAsync(volunteer.Id, page, EntriesPerPage, ct);
        var signUps = await (from s in db.Set<SignUp>().AsNoTracking()
                             join a in db.Set<Activity>().AsNoTracking() on s.ActivityId equals a.Id
                             where s.VolunteerId == volunteer.Id
                             orderby a.StartsUtc descending
                             select new MySignUpRow(a.Title, a.StartsUtc, s.Status)).Take(50).ToListAsync(ct);
        var orders = await (from o in db.Set<RedemptionOrder>().AsNoTracking()
                            join r in db.Set<Reward>().AsNoTracking() on o.RewardId equals r.Id
                            where o.VolunteerId == volunteer.Id
                            orderby o.PlacedUtc descending
                            select new { o, r.Name, r.EnglishName }).Take(50).ToListAsync(ct);
        return ComponentPage.Render<MyPointsPage>(context, new
        {
            Volunteer = volunteer,
            Unit = await UnitNameAsync(grid, volunteer.GridUnitCode, ct),
            Entries = entries,
            Page = page,
            Pages = pages,
            SignUps = signUps,
            Orders = orders.Select(x => new MyOrderRow(x.o.Number, english && x.EnglishName.Length > 0 ? x.EnglishName : x.Name, x.o.Quantity, x.o.Points, x.o.Status, x.o.PickUpCode, x.o.PlacedUtc)).ToList(),
            Form = form,
            Units = units,
            Errors = errors,
            Done = done,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    /// <summary>The units a volunteer may choose: every community (village) and unit below, with the choice kept when it is not one.</summary>
    internal static async Task<List<VolunteerOption>> CommunityOptionsAsync(IGridDirectory grid, string? chosen, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var options = new List<VolunteerOption>();
        foreach (var top in await grid.GetChildrenAsync(null, ct))
        {
            foreach (var unit in await grid.GetSubtreeAsync(top.Code, ct))
            {
                if (unit.Depth >= VolunteerService.CommunityDepth)
                {
                    var path = (await grid.GetAncestorsAsync(unit.Code, ct)).Where(a => a.Depth >= 2).Select(a => a.DisplayName(culture)).Append(unit.DisplayName(culture));
                    options.Add(new VolunteerOption(unit.Code, string.Join(" / ", path)));
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(chosen) && !options.Any(o => o.Value == chosen))
        {
            options.Insert(0, new VolunteerOption(chosen, await UnitNameAsync(grid, chosen, ct)));
        }

        return options;
    }

    internal static async Task<string> UnitNameAsync(IGridDirectory grid, string code, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        return await grid.FindAsync(code, ct) is { } unit ? $"{unit.DisplayName(culture)} ({unit.Code})"
            : new BilingualText($"{code}（网格中没有这个单位）", $"{code} (no such grid unit)").For(culture);
    }

    internal static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    internal static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal);

    private static string UserName(HttpContext context) => context.User.Identity?.Name ?? "";
}
