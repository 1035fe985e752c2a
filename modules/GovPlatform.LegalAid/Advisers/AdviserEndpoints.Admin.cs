using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Advisers;

/// <summary>
/// The advisers' admin pages: the lawyers and the terms (<c>admin/legal/advisers</c>, View; terms in the reader's grid
/// scope), law firms, the lawyer editor, a new term and a term's page with "end early" (Manage).
/// Firms and lawyers have no version column: their last change time, carried by the form, detects a stale edit.
/// </summary>
internal static partial class AdviserEndpoints
{
    private const string AdminPath = "admin/legal/advisers";
    private const int PageSize = 50;
    private static readonly Dictionary<string, string> NoErrors = [];

    private static readonly BilingualText StaleMessage = new(
        "这条记录刚被他人修改，请刷新页面后再改。", "Someone else changed this record since you opened it; reload the page and make your change again.");

    private static void MapAdmin(IEndpointRouteBuilder endpoints)
    {
        var view = endpoints.MapGroup("/admin/legal").RequirePermission(LegalAidPermissions.View);
        view.MapGetShared("/advisers", ListAsync);
        view.MapGetShared("/advisers/firms", FirmsAsync);
        var manage = endpoints.MapGroup("/admin/legal/advisers").RequirePermission(LegalAidPermissions.Manage);
        manage.MapGetShared("/firms/new", NewFirmAsync);
        manage.MapPostShared("/firms/new", CreateFirmAsync);
        manage.MapGetShared("/firms/{id:long}", EditFirmAsync);
        manage.MapPostShared("/firms/{id:long}", SaveFirmAsync);
        manage.MapGetShared("/lawyers/new", NewLawyerAsync);
        manage.MapPostShared("/lawyers/new", CreateLawyerAsync);
        manage.MapGetShared("/lawyers/{id:long}", EditLawyerAsync);
        manage.MapPostShared("/lawyers/{id:long}", SaveLawyerAsync);
        manage.MapGetShared("/terms/new", NewTermAsync);
        manage.MapPostShared("/terms/new", CreateTermAsync);
        manage.MapGetShared("/terms/{id:long}", TermAsync);
        manage.MapPostShared("/terms/{id:long}/end", EndTermAsync);
    }

    // ----- the list -----

    private static async Task<IResult> ListAsync(
        long? firm, string? active, string? q, int? page, string? unit, string? status, int? tpage, string? done,
        HttpContext context, TenantDbContext db, IGridDirectory grid, BookingService booking, IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        // The grid first: its first load opens its own transaction.
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var today = await booking.TodayAsync(ct);
        var culture = CultureInfo.CurrentUICulture;

        var lawyers = db.Set<Lawyer>().AsNoTracking();
        if (firm is { } f)
        {
            lawyers = lawyers.Where(l => l.FirmId == f);
        }

        if (active is "yes" or "no")
        {
            var wanted = active == "yes";
            lawyers = lawyers.Where(l => l.Active == wanted);
        }

        var text = q?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            lawyers = lawyers.Where(l => l.Name.Contains(text) || (l.LicenceNumber != null && l.LicenceNumber.Contains(text))
                || (l.UserName != null && l.UserName.Contains(text)) || (l.Specialities != null && l.Specialities.Contains(text)));
        }

        var total = await lawyers.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var pageLawyers = await lawyers.OrderBy(l => l.Name).ThenBy(l => l.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var firms = await db.Set<LawFirm>().AsNoTracking().OrderBy(x => x.Name).ToListAsync(ct);

        // Terms are few (one or two per community): read them all and compare dates here, as the coverage report does.
        var terms = await db.Set<AdviserAssignment>().AsNoTracking().ToListAsync(ct);
        var names = await db.Set<Lawyer>().AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var communityNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in terms.Select(t => t.GridUnitCode).Distinct())
        {
            communityNames[code] = (await grid.FindAsync(code, ct))?.DisplayName(culture) ?? code;
        }

        var rows = pageLawyers.Select(l => new LawyerRow(l, firms.FirstOrDefault(x => x.Id == l.FirmId)?.Name,
            [.. terms.Where(t => t.LawyerId == l.Id && t.StartsOn <= today && t.EndsOn >= today).Select(t => communityNames[t.GridUnitCode])])).ToList();

        var visible = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var unitFilter = units.FirstOrDefault(u => u.Code == unit)?.Code;
        if (unitFilter is not null)
        {
            visible = (await grid.GetSubtreeAsync(unitFilter, ct)).Select(u => u.Code).Where(visible.Contains).ToHashSet(StringComparer.Ordinal);
        }

        var statusFilter = status is "current" or "ended" or "future" ? status : null;
        var termRows = terms.Where(t => visible.Contains(t.GridUnitCode))
            .Select(t => new TermRow(t, communityNames[t.GridUnitCode], names.GetValueOrDefault(t.LawyerId, ""), t.EndsOn < today ? "ended" : t.StartsOn > today ? "future" : "current"))
            .Where(r => statusFilter is null || r.Status == statusFilter)
            .OrderBy(r => r.Status == "current" ? 0 : r.Status == "future" ? 1 : 2).ThenBy(r => r.Term.GridUnitCode, StringComparer.Ordinal).ThenByDescending(r => r.Term.StartsOn)
            .ToList();
        var termNumber = Math.Max(1, tpage ?? 1);
        return ComponentPage.Render<LawyersPage>(context, new
        {
            Lawyers = rows,
            Firms = firms,
            Firm = firm,
            Active = active is "yes" or "no" ? active : null,
            Query = text,
            Page = number,
            Pages = Math.Max(1, (total + PageSize - 1) / PageSize),
            Terms = (IReadOnlyList<TermRow>)[.. termRows.Skip((termNumber - 1) * PageSize).Take(PageSize)],
            Units = units,
            Unit = unitFilter,
            Status = statusFilter,
            TermPage = termNumber,
            TermPages = Math.Max(1, (termRows.Count + PageSize - 1) / PageSize),
            Done = done,
            CanManage = await authorization.HasPermissionAsync(context.User, LegalAidPermissions.Manage),
            TimeZoneId = tenant.TimeZone,
        });
    }

    // ----- firms -----

    private static async Task<IResult> FirmsAsync(string? done, HttpContext context, TenantDbContext db, IAuthorizationService authorization, CancellationToken ct)
    {
        var firms = await db.Set<LawFirm>().AsNoTracking().OrderByDescending(x => x.Active).ThenBy(x => x.Name).ToListAsync(ct);
        var counts = await db.Set<Lawyer>().AsNoTracking().Where(l => l.FirmId != null).GroupBy(l => l.FirmId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return ComponentPage.Render<FirmsPage>(context, new
        {
            Firms = firms,
            Lawyers = counts,
            Done = done,
            CanManage = await authorization.HasPermissionAsync(context.User, LegalAidPermissions.Manage),
        });
    }

    private static Task<IResult> NewFirmAsync(HttpContext context) =>
        FirmPageAsync(context, null, new FirmForm { Active = true }, NoErrors, StatusCodes.Status200OK);

    private static async Task<IResult> CreateFirmAsync([FromForm] FirmForm form, HttpContext context, TenantDbContext db, AdviserEditor editor, CancellationToken ct)
    {
        var name = form.Name?.Trim();
        // The service adds or updates by name; a new firm must not silently overwrite one of the same name.
        if (!string.IsNullOrEmpty(name) && await db.Set<LawFirm>().AnyAsync(x => x.Name == name, ct))
        {
            return await FirmPageAsync(context, null, form, Text(new Dictionary<string, BilingualText> { ["name"] = new($"已有名为“{name}”的律师事务所。", $"Another law firm is named '{name}'.") }), StatusCodes.Status400BadRequest);
        }

        var result = await editor.SaveFirmAsync(form.ToInput(), context.User, ct);
        return result.Succeeded ? Results.Redirect(context.TenantPath($"{AdminPath}/firms?done=created"))
            : await FirmPageAsync(context, null, form, Text(result.Errors), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> EditFirmAsync(long id, HttpContext context, TenantDbContext db, CancellationToken ct)
    {
        var firm = await db.Set<LawFirm>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return firm is null ? Results.NotFound() : await FirmPageAsync(context, firm, FirmForm.From(firm), NoErrors, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveFirmAsync(long id, [FromForm] FirmForm form, HttpContext context, TenantDbContext db, AdviserEditor editor, CancellationToken ct)
    {
        var firm = await db.Set<LawFirm>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (firm is null)
        {
            return Results.NotFound();
        }

        if (firm.UpdatedUtc.Ticks != form.Stamp)
        {
            return await FirmPageAsync(context, firm, form, Text(new Dictionary<string, BilingualText> { [""] = StaleMessage }), StatusCodes.Status409Conflict);
        }

        var result = await editor.UpdateFirmAsync(id, form.ToInput(), context.User, ct);
        return result.Succeeded ? Results.Redirect(context.TenantPath($"{AdminPath}/firms?done=saved"))
            : await FirmPageAsync(context, firm, form, Text(result.Errors), StatusCodes.Status400BadRequest);
    }

    private static Task<IResult> FirmPageAsync(HttpContext context, LawFirm? firm, FirmForm form, Dictionary<string, string> errors, int status) =>
        Task.FromResult<IResult>(ComponentPage.Render<FirmEditPage>(context, new { Firm = firm, Form = form, Errors = errors }, status));

    // ----- lawyers -----

    private static Task<IResult> NewLawyerAsync(HttpContext context, TenantDbContext db, CancellationToken ct) =>
        LawyerPageAsync(context, db, null, new LawyerForm { Active = true, TakesAidCases = true }, NoErrors, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateLawyerAsync([FromForm] LawyerForm form, HttpContext context, TenantDbContext db, AdviserEditor editor, CancellationToken ct)
    {
        var licence = form.LicenceNumber?.Trim();
        // Without an id the service updates the holder of the licence number; a new lawyer must not overwrite another.
        if (!string.IsNullOrEmpty(licence) && await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.LicenceNumber == licence, ct) is { } holder)
        {
            return await LawyerPageAsync(context, db, null, form, Text(new Dictionary<string, BilingualText>
            {
                ["licenceNumber"] = new($"执业证号 {licence} 已登记给{holder.Name}。", $"Licence number {licence} is already registered to {holder.Name}."),
            }), StatusCodes.Status400BadRequest, ct);
        }

        var result = await editor.SaveLawyerAsync(form.ToInput(), null, context.User, ct);
        return result.Succeeded ? Results.Redirect(context.TenantPath($"{AdminPath}?done=lawyer-created"))
            : await LawyerPageAsync(context, db, null, form, Text(result.Errors), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> EditLawyerAsync(long id, HttpContext context, TenantDbContext db, CancellationToken ct)
    {
        var lawyer = await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lawyer is null)
        {
            return Results.NotFound();
        }

        var firm = lawyer.FirmId is { } f ? await db.Set<LawFirm>().Where(x => x.Id == f).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return await LawyerPageAsync(context, db, lawyer, LawyerForm.From(lawyer, firm), NoErrors, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveLawyerAsync(long id, [FromForm] LawyerForm form, HttpContext context, TenantDbContext db, AdviserEditor editor, CancellationToken ct)
    {
        var lawyer = await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lawyer is null)
        {
            return Results.NotFound();
        }

        if (lawyer.UpdatedUtc.Ticks != form.Stamp)
        {
            return await LawyerPageAsync(context, db, lawyer, form, Text(new Dictionary<string, BilingualText> { [""] = StaleMessage }), StatusCodes.Status409Conflict, ct);
        }

        var result = await editor.SaveLawyerAsync(form.ToInput(), id, context.User, ct);
        return result.Succeeded ? Results.Redirect(context.TenantPath($"{AdminPath}?done=lawyer-saved"))
            : await LawyerPageAsync(context, db, lawyer, form, Text(result.Errors), StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> LawyerPageAsync(HttpContext context, TenantDbContext db, Lawyer? lawyer, LawyerForm form, Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var firms = await db.Set<LawFirm>().AsNoTracking().Where(x => x.Active || x.Name == form.Firm).OrderBy(x => x.Name).Select(x => x.Name).ToListAsync(ct);
        return ComponentPage.Render<LawyerEditPage>(context, new { Lawyer = lawyer, Form = form, Firms = firms, Errors = errors }, status);
    }

    // ----- terms -----

    private static async Task<IResult> NewTermAsync(HttpContext context, TenantDbContext db, IGridDirectory grid, LegalAidSettingsStore settings, BookingService booking, CancellationToken ct) =>
        await TermFormPageAsync(context, db, grid, settings, TermForm.New(await booking.TodayAsync(ct)), NoErrors, StatusCodes.Status200OK, ct);

    private static async Task<IResult> CreateTermAsync(
        [FromForm] TermForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, LegalAidSettingsStore settings, AdviserEditor editor, CancellationToken ct)
    {
        // The grid before the service's transaction; a community outside the editor's scope is refused as unknown.
        var communities = await CommunitiesAsync(context, grid, settings, ct);
        Dictionary<string, string> errors;
        if (!string.IsNullOrWhiteSpace(form.Community) && !communities.Any(c => c.Code == form.Community.Trim()))
        {
            errors = Text(new Dictionary<string, BilingualText> { ["community"] = new("只能选择您管辖范围内的社区。", "Choose a community within your scope.") });
        }
        else
        {
            var result = await editor.AssignAsync(form.ToInput(), context.User, ct);
            if (result.Succeeded)
            {
                return Results.Redirect(context.TenantPath($"{AdminPath}?done=assigned"));
            }

            errors = Text(result.Errors);
            // The service reports an overlap for the whole form; it is about the dates, so it is shown beside them.
            if (errors.Remove("", out var overlap))
            {
                errors["startsOn"] = overlap;
            }
        }

        return await TermFormPageAsync(context, db, grid, settings, form, errors, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> TermFormPageAsync(
        HttpContext context, TenantDbContext db, IGridDirectory grid, LegalAidSettingsStore settings, TermForm form, Dictionary<string, string> errors, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var communities = (await CommunitiesAsync(context, grid, settings, ct)).Select(c => new Choice(c.Code, c.DisplayName(culture))).ToList();
        var lawyers = await db.Set<Lawyer>().AsNoTracking().Where(l => l.Active && l.LicenceNumber != null).OrderBy(l => l.Name)
            .Select(l => new Choice(l.LicenceNumber!, l.Name + " (" + l.LicenceNumber + ")")).ToListAsync(ct);
        return ComponentPage.Render<TermEditPage>(context, new { Form = form, Communities = communities, Lawyers = lawyers, Errors = errors }, status);
    }

    private static async Task<List<GridUnitInfo>> CommunitiesAsync(HttpContext context, IGridDirectory grid, LegalAidSettingsStore settings, CancellationToken ct)
    {
        var depth = (await settings.GetAsync(ct)).CommunityDepth;
        return [.. (await grid.GetUnitsInScopeAsync(context.User, ct)).Where(u => u.Depth == depth && u.Kind == GridUnitKind.Territorial)];
    }

    private static Task<IResult> TermAsync(long id, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, BookingService booking, CancellationToken ct) =>
        TermPageAsync(context, db, grid, booking, id, null, NoErrors, done, StatusCodes.Status200OK, ct);

    private static async Task<IResult> EndTermAsync(long id, [FromForm] EndTermForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, BookingService booking, AdviserEditor editor, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var term = await db.Set<AdviserAssignment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (term is null)
        {
            return Results.NotFound();
        }

        if (term.Version != form.Version)
        {
            return await TermPageAsync(context, db, grid, booking, id, form, Text(new Dictionary<string, BilingualText> { [""] = StaleMessage }), null, StatusCodes.Status409Conflict, ct);
        }

        if (!DateOnly.TryParseExact(form.EndsOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            return await TermPageAsync(context, db, grid, booking, id, form, Text(new Dictionary<string, BilingualText>
            {
                ["endsOn"] = new("日期格式为 yyyy-MM-dd。", "Give the date as yyyy-MM-dd."),
            }), null, StatusCodes.Status400BadRequest, ct);
        }

        var result = await editor.EndEarlyAsync(id, on, form.Reason, form.Version, context.User, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{AdminPath}/terms/{id}?done=ended"));
        }

        // The only whole-form error left here is a change made since the check above.
        var stale = result.Errors.ContainsKey("");
        return await TermPageAsync(context, db, grid, booking, id, form, Text(result.Errors), null, stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> TermPageAsync(
        HttpContext context, TenantDbContext db, IGridDirectory grid, BookingService booking, long id, EndTermForm? form, Dictionary<string, string> errors, string? done, int status, CancellationToken ct)
    {
        await grid.GetLevelsAsync(ct);
        var term = await db.Set<AdviserAssignment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (term is null)
        {
            return Results.NotFound();
        }

        var lawyer = await db.Set<Lawyer>().AsNoTracking().FirstAsync(l => l.Id == term.LawyerId, ct);
        var community = await grid.FindAsync(term.GridUnitCode, ct);
        var today = await booking.TodayAsync(ct);
        form ??= new EndTermForm
        {
            EndsOn = (today < term.StartsOn ? term.StartsOn : today > term.EndsOn ? term.EndsOn : today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Version = term.Version,
        };
        return ComponentPage.Render<TermPage>(context, new
        {
            Term = term,
            Lawyer = lawyer,
            Community = community?.DisplayName(CultureInfo.CurrentUICulture) ?? term.GridUnitCode,
            Status = term.EndsOn < today ? "ended" : term.StartsOn > today ? "future" : "current",
            Form = form,
            Errors = errors,
            Done = done,
        }, status);
    }

    private static Dictionary<string, string> Text(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
}
