using System.Globalization;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Security;
using GovPlatform.RedGrid.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Pairings;

/// <summary>
/// <c>admin/redgrid/pairings</c>: the pairings in the reader's scope with their help sums (View), a new pairing
/// (Pairing), a pairing's page with its help and the form to record more (Pairing over the pairing's community).
/// A paired household's name is shown only with MemberData over the pairing (the read is audited), masked otherwise.
/// </summary>
internal static class PairingEndpoints
{
    private const string AdminPath = "admin/redgrid/pairings";
    private const int PageSize = 50;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.View);
        view.MapGetShared("/pairings", ListAsync);
        view.MapGetShared("/pairings/{id:long}", ShowAsync);
        var manage = endpoints.MapGroup("/admin/redgrid").RequirePermission(RedGridPermissions.Pairing);
        manage.MapGetShared("/pairings/new", NewAsync);
        manage.MapPostShared("/pairings/new", CreateAsync);
        manage.MapPostShared("/pairings/{id:long}/help", AddHelpAsync);
    }

    private static async Task<IResult> ListAsync(
        string? kind, string? unit, int? page, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope,
        PairingService pairings, IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var query = await scope.ApplyAsync(db.Set<Models.Pairing>().AsNoTracking(), p => p.GridUnitCode, context.User, ct);
        PairingKind? kindFilter = Enum.TryParse<PairingKind>(kind, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null;
        if (kindFilter is { } kf)
        {
            query = query.Where(p => p.Kind == kf);
        }

        var unitFilter = units.FirstOrDefault(u => u.Code == unit)?.Code;
        if (unitFilter is not null)
        {
            var codes = await scope.GetSubtreeCodesAsync(unitFilter, ct);
            query = query.Where(p => codes.Contains(p.GridUnitCode));
        }

        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var rows = await query.OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = rows.Select(p => p.Id).ToList();
        var sums = (await pairings.SumsAsync(null, ids, null, ct)).GroupBy(r => r.PairingId)
            .ToDictionary(g => g.Key, g => g.Aggregate(HelpSums.Zero, (a, r) => a + r.Sums));
        var names = await PartiesAsync(db, rows, ct);
        var households = new Dictionary<long, string>();
        foreach (var row in rows.Where(p => p.Household is not null))
        {
            households[row.Id] = await authorization.HasPermissionAsync(context.User, RedGridPermissions.MemberData, row) ? row.Household! : PairingService.Mask(row.Household);
        }

        // The per-year sums of everything in the reader's scope (and filter): one grouped query.
        var scoped = await scope.GetScopeCodesAsync(context.User, ct);
        var filterCodes = unitFilter is null ? scoped?.ToList() : [.. await scope.GetSubtreeCodesAsync(unitFilter, ct)];
        var byYear = (await pairings.SumsAsync(filterCodes, null, null, ct)).GroupBy(r => r.Year).OrderByDescending(g => g.Key)
            .Select(g => (g.Key, g.Aggregate(HelpSums.Zero, (a, r) => a + r.Sums))).ToList();
        return ComponentPage.Render<PairingsPage>(context, new
        {
            Pairings = rows,
            Sums = sums,
            Names = names,
            Households = households,
            ByYear = byYear,
            Units = units,
            Kind = kindFilter,
            Unit = unitFilter,
            Page = number,
            Pages = Math.Max(1, (total + PageSize - 1) / PageSize),
            Done = done,
            CanManage = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Pairing),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static async Task<IResult> NewAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, RedGridSettingsStore settings, CancellationToken ct) =>
        await EditorAsync(context, db, grid, settings, new PairingForm { Kind = nameof(PairingKind.BranchCommunity) }, [], StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateAsync([FromForm] PairingForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, RedGridSettingsStore settings, PairingService pairings, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        Dictionary<string, BilingualText> errors;
        if (!string.IsNullOrWhiteSpace(form.GridUnit) && units.All(u => u.Code != form.GridUnit.Trim()))
        {
            errors = new() { ["gridUnit"] = new("只能选择您管辖范围内的社区。", "Choose a community within your scope.") };
        }
        else
        {
            (var pairing, errors) = await pairings.CreateAsync(form, context.User, ct);
            if (pairing is not null)
            {
                return Results.Redirect(context.TenantPath($"{AdminPath}/{pairing.Id}?done=created"));
            }
        }

        return await EditorAsync(context, db, grid, settings, form, Text(errors), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> ShowAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, PairingService pairings,
        IAuthorizationService authorization, IAuditLog audit, IWorkingCalendarStore calendars, TimeProvider clock, ITenant tenant, CancellationToken ct) =>
        await PageAsync(id, done, new HelpForm(), [], StatusCodes.Status200OK, context, db, grid, pairings, authorization, audit, calendars, clock, tenant, ct);

    private static async Task<IResult> AddHelpAsync(long id, [FromForm] HelpForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, PairingService pairings,
        IAuthorizationService authorization, IAuditLog audit, IWorkingCalendarStore calendars, TimeProvider clock, ITenant tenant, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var pairing = await db.Set<Models.Pairing>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pairing is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.Pairing, pairing))
        {
            return Results.Forbid();
        }

        var calendar = await calendars.GetAsync(ct);
        var errors = await pairings.AddHelpAsync(pairing, form, calendar.LocalDate(clock.GetUtcNow()), context.User, ct);
        return errors.Count == 0
            ? Results.Redirect(context.TenantPath($"{AdminPath}/{id}?done=help"))
            : await PageAsync(id, null, form, Text(errors), StatusCodes.Status400BadRequest, context, db, grid, pairings, authorization, audit, calendars, clock, tenant, ct);
    }

    private static async Task<IResult> PageAsync(long id, string? done, HelpForm form, Dictionary<string, string> errors, int status, HttpContext context, TenantDbContext db, IGridDirectory grid,
        PairingService pairings, IAuthorizationService authorization, IAuditLog audit, IWorkingCalendarStore calendars, TimeProvider clock, ITenant tenant, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var pairing = await db.Set<Models.Pairing>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pairing is null)
        {
            return Results.NotFound();
        }

        if (!await authorization.HasPermissionAsync(context.User, RedGridPermissions.View, pairing))
        {
            return Results.Forbid();
        }

        var household = pairing.Household;
        if (household is not null)
        {
            if (await authorization.HasPermissionAsync(context.User, RedGridPermissions.MemberData, pairing))
            {
                await audit.RecordAsync(new AuditEvent(PairingService.AuditCategory, "pairing-household-read", $"pairing:{pairing.Id}", $"Household read by {context.User.Identity?.Name}"), ct);
            }
            else
            {
                household = PairingService.Mask(household);
            }
        }

        var help = await db.Set<PairingHelp>().AsNoTracking().Where(h => h.PairingId == id).OrderByDescending(h => h.GivenOn).ThenByDescending(h => h.Id).ToListAsync(ct);
        var byYear = (await pairings.SumsAsync(null, [id], null, ct)).OrderByDescending(r => r.Year).Select(r => (r.Year, r.Sums)).ToList();
        if (form.GivenOn is null && status == StatusCodes.Status200OK)
        {
            var calendar = await calendars.GetAsync(ct);
            form.GivenOn = calendar.LocalDate(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            form.Kind = nameof(HelpKind.Visit);
        }

        return ComponentPage.Render<PairingPage>(context, new
        {
            Pairing = pairing,
            Party = (await PartiesAsync(db, [pairing], ct)).GetValueOrDefault(pairing.Id, ""),
            Household = household,
            Unit = await grid.FindAsync(pairing.GridUnitCode, ct),
            Help = help,
            ByYear = byYear,
            Total = byYear.Aggregate(HelpSums.Zero, (a, r) => a + r.Sums),
            Form = form,
            Errors = errors,
            Done = done,
            CanRecord = await authorization.HasPermissionAsync(context.User, RedGridPermissions.Pairing, pairing),
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static async Task<IResult> EditorAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, RedGridSettingsStore settingsStore, PairingForm form, Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        var communities = (await grid.GetUnitsInScopeAsync(context.User, ct)).Where(u => u.Depth == settings.CommunityDepth).ToList();
        var branches = await db.Set<PartyOrganisation>().AsNoTracking().Where(o => o.Kind == OrganisationKind.UnitBranch && o.Active)
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.Name }).Take(500).ToListAsync(ct);
        return ComponentPage.Render<PairingEditPage>(context, new
        {
            Form = form,
            Communities = communities,
            Branches = branches.Select(b => (b.Code, b.Name)).ToList(),
            Errors = errors,
        }, status);
    }

    /// <summary>The paired organisation's or member's name per pairing (two queries for a page).</summary>
    private static async Task<Dictionary<long, string>> PartiesAsync(TenantDbContext db, IReadOnlyList<Models.Pairing> rows, CancellationToken ct)
    {
        var organisationIds = rows.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).Distinct().ToList();
        var memberIds = rows.Where(p => p.MemberId is not null).Select(p => p.MemberId!.Value).Distinct().ToList();
        var organisations = await db.Set<PartyOrganisation>().AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var members = await db.Set<PartyMember>().AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        return rows.ToDictionary(p => p.Id, p =>
            p.OrganisationId is { } o ? organisations.GetValueOrDefault(o, "") : p.MemberId is { } m ? members.GetValueOrDefault(m, "") : "");
    }

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
}
