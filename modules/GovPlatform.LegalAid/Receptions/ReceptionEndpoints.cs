using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.LegalAid.Receptions;

/// <summary>
/// Staff pages (<c>admin/legal/receptions</c>, <c>/new</c>, <c>/{id}</c>: plan, edit, cancel, record the night, mark
/// held; <see cref="LegalAidPermissions.Receptions"/> over the unit, checked by <see cref="ReceptionService"/>) and the
/// public page (<c>legal/receptions</c>: coming receptions, sign up, withdraw, past receptions' counts; rate limited).
/// Forms post an <see cref="IFormCollection"/>, so the antiforgery token is checked.
/// </summary>
internal static class ReceptionEndpoints
{
    public const int PageSize = 20;
    public const int DeputyRows = 5;
    private const string Admin = "admin/legal/receptions";
    private const string Public = "legal/receptions";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared($"/{Admin}", ListAsync).RequirePermission(LegalAidPermissions.Receptions);
        endpoints.MapGetShared($"/{Admin}/new", NewAsync).RequirePermission(LegalAidPermissions.Receptions);
        endpoints.MapPostShared($"/{Admin}/new", CreateAsync).RequirePermission(LegalAidPermissions.Receptions);
        endpoints.MapGetShared($"/{Admin}/{{id:long}}", DetailsAsync).RequirePermission(LegalAidPermissions.Receptions);
        endpoints.MapPostShared($"/{Admin}/{{id:long}}/{{action:regex(^(edit|cancel|held|walk-in)$)}}", ActAsync).RequirePermission(LegalAidPermissions.Receptions);
        endpoints.MapPostShared($"/{Admin}/{{id:long}}/matters/{{matterId:long}}", RecordAsync).RequirePermission(LegalAidPermissions.Receptions);

        endpoints.MapGetShared($"/{Public}", PublicAsync);
        endpoints.MapPostShared($"/{Public}/{{id:long}}/signup", SignUpAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapPostShared($"/{Public}/withdraw", WithdrawAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
    }

    private static async Task<IResult> ListAsync(
        string? when, string? unit, int? page, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scopeFilter,
        ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var past = when == "past";
        var now = clock.GetUtcNow().UtcDateTime;
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        string[]? subtree = string.IsNullOrWhiteSpace(unit) ? null : await scopeFilter.GetSubtreeCodesAsync(unit.Trim(), ct);
        var query = await scopeFilter.ApplyAsync(db.Set<EveningReception>().AsNoTracking(), r => r.GridUnitCode, context.User, ct);
        if (subtree is not null)
        {
            query = query.Where(r => subtree.Contains(r.GridUnitCode));
        }

        query = past ? query.Where(r => r.EndsUtc <= now || r.Status != ReceptionStatus.Planned).OrderByDescending(r => r.StartsUtc)
            : query.Where(r => r.EndsUtc > now && r.Status == ReceptionStatus.Planned).OrderBy(r => r.StartsUtc);
        var number = Math.Max(1, page ?? 1);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return ComponentPage.Render<ReceptionsPage>(context, new
        {
            Rows = rows,
            Units = units,
            Past = past,
            Unit = unit ?? "",
            PageNumber = number,
            Pages = Math.Max(1, (total + PageSize - 1) / PageSize),
            TimeZoneId = tenant.TimeZone,
        });
    }

    private static async Task<IResult> NewAsync(HttpContext context, IGridDirectory grid, ITenant tenant, CancellationToken ct) =>
        ComponentPage.Render<ReceptionEditPage>(context, new
        {
            Units = await grid.GetUnitsInScopeAsync(context.User, ct),
            Values = new Dictionary<string, string>(),
            Deputies = Array.Empty<DeputyInput>(),
            Errors = new Dictionary<string, string>(),
            TimeZoneId = tenant.TimeZone,
        });

    private static async Task<IResult> CreateAsync(IFormCollection form, HttpContext context, ReceptionService receptions, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        var (input, parseErrors) = ReadInput(form);
        var result = parseErrors.Count > 0 ? new ReceptionResult(ReceptionResultStatus.Invalid, Errors: parseErrors) : await receptions.PlanAsync(input, context.User, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Admin}/{result.Reception!.Id}?done=planned"));
        }

        return ComponentPage.Render<ReceptionEditPage>(context, new
        {
            Units = await grid.GetUnitsInScopeAsync(context.User, ct),
            Values = form.Keys.ToDictionary(k => k, k => form[k].ToString()),
            Deputies = input.Deputies,
            Errors = Texts(result.Errors),
            TimeZoneId = tenant.TimeZone,
        }, Status(result.Status));
    }

    private static async Task<IResult> DetailsAsync(long id, string? done, HttpContext context, TenantDbContext db, ReceptionService receptions, IGridDirectory grid, ITenant tenant, CancellationToken ct) =>
        await DetailsPageAsync(id, done, null, null, null, StatusCodes.Status200OK, context, db, receptions, grid, tenant, ct);

    private static async Task<IResult> ActAsync(
        long id, string action, IFormCollection form, HttpContext context, TenantDbContext db, ReceptionService receptions, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        var version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        ReceptionResult result;
        switch (action)
        {
            case "edit":
                var (input, parseErrors) = ReadInput(form);
                result = parseErrors.Count > 0 ? new ReceptionResult(ReceptionResultStatus.Invalid, Errors: parseErrors) : await receptions.EditAsync(id, input, version, context.User, ct);
                break;
            case "cancel":
                result = await receptions.CancelAsync(id, form["reason"], version, context.User, ct);
                break;
            case "held":
                result = await receptions.MarkHeldAsync(id, form["summary"], version, context.User, ct);
                break;
            default:
                result = await receptions.AddWalkInAsync(new SignUpRequest(id, form["residentName"], form["phone"], ParseEnum<MatterType>(form["matterType"]), form["matter"], form["gridUnitCode"]), context.User, ct);
                break;
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Admin}/{id}?done={action}"));
        }

        return result.Status == ReceptionResultStatus.NotFound ? Results.NotFound()
            : await DetailsPageAsync(id, null, action, form, result.Errors, Status(result.Status), context, db, receptions, grid, tenant, ct);
    }

    private static async Task<IResult> RecordAsync(
        long id, long matterId, IFormCollection form, HttpContext context, TenantDbContext db, ReceptionService receptions, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        if (!await db.Set<ReceptionMatter>().AnyAsync(m => m.Id == matterId && m.ReceptionId == id, ct))
        {
            return Results.NotFound();
        }

        var heard = form["heard"] != "false";
        long? deputy = long.TryParse(form["deputyId"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
        ReceptionOutcome? outcome = Enum.TryParse<ReceptionOutcome>(form["outcome"], out var o) && Enum.IsDefined(o) ? o : null;
        var result = await receptions.RecordAsync(matterId, new MatterRecord(heard, deputy, outcome, form["note"]), context.User, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Admin}/{id}?done=recorded#matter-{matterId}"));
        }

        return result.Status == ReceptionResultStatus.NotFound ? Results.NotFound()
            : await DetailsPageAsync(id, null, $"matter-{matterId}", form, result.Errors, Status(result.Status), context, db, receptions, grid, tenant, ct);
    }

    private static async Task<IResult> DetailsPageAsync(
        long id, string? done, string? failedForm, IFormCollection? form, IReadOnlyDictionary<string, BilingualText>? errors, int status,
        HttpContext context, TenantDbContext db, ReceptionService receptions, IGridDirectory grid, ITenant tenant, CancellationToken ct)
    {
        var units = await grid.GetUnitsInScopeAsync(context.User, ct);
        var reception = await db.Set<EveningReception>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reception is null || !await receptions.MayAsync(context.User, reception))
        {
            return Results.NotFound();
        }

        var deputies = await db.Set<ReceptionDeputy>().AsNoTracking().Where(d => d.ReceptionId == id).OrderBy(d => d.Id).ToListAsync(ct);
        var matters = await db.Set<ReceptionMatter>().AsNoTracking().Where(m => m.ReceptionId == id).OrderBy(m => m.SignedUpUtc).ThenBy(m => m.Id).ToListAsync(ct);
        var unit = await grid.FindAsync(reception.GridUnitCode, ct);
        return ComponentPage.Render<ReceptionPage>(context, new
        {
            Reception = reception,
            UnitName = unit?.DisplayName(CultureInfo.CurrentUICulture) ?? reception.GridUnitCode,
            Deputies = deputies,
            Matters = matters,
            Taken = await receptions.PlacesTakenAsync(id, ct),
            Units = units,
            Done = done,
            FailedForm = failedForm,
            Values = form is null ? new Dictionary<string, string>() : form.Keys.ToDictionary(k => k, k => form[k].ToString()),
            Errors = Texts(errors),
            StartsLocal = receptions.ToLocal(reception.StartsUtc),
            EndsLocal = receptions.ToLocal(reception.EndsUtc),
            Now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static async Task<IResult> PublicAsync(string? done, string? code, HttpContext context, TenantDbContext db, ReceptionService receptions, IGridDirectory grid, ITenant tenant, TimeProvider clock, CancellationToken ct) =>
        await PublicPageAsync(done, code, null, null, null, StatusCodes.Status200OK, context, db, receptions, grid, tenant, clock, ct);

    private static async Task<IResult> SignUpAsync(long id, IFormCollection form, HttpContext context, TenantDbContext db, ReceptionService receptions, IGridDirectory grid, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        var result = await receptions.SignUpAsync(new SignUpRequest(id, form["residentName"], form["phone"], ParseEnum<MatterType>(form["matterType"]), form["matter"], form["gridUnitCode"]), user, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Public}?done=signup&code={result.Matter!.Code}"));
        }

        return result.Status == ReceptionResultStatus.NotFound ? Results.NotFound()
            : await PublicPageAsync(null, null, $"signup-{id}", form, result.Errors, Status(result.Status), context, db, receptions, grid, tenant, clock, ct);
    }

    private static async Task<IResult> WithdrawAsync(IFormCollection form, HttpContext context, TenantDbContext db, ReceptionService receptions, IGridDirectory grid, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var result = await receptions.WithdrawAsync(form["code"], form["phone"], ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath($"{Public}?done=withdrawn"))
            : await PublicPageAsync(null, null, "withdraw", form, result.Errors, Status(result.Status), context, db, receptions, grid, tenant, clock, ct);
    }

    private static async Task<IResult> PublicPageAsync(
        string? done, string? code, string? failedForm, IFormCollection? form, IReadOnlyDictionary<string, BilingualText>? errors, int status,
        HttpContext context, TenantDbContext db, ReceptionService receptions, IGridDirectory grid, ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await grid.GetLevelsAsync(ct);
        var coming = await db.Set<EveningReception>().AsNoTracking().Where(r => r.Status == ReceptionStatus.Planned && r.StartsUtc > now)
            .OrderBy(r => r.StartsUtc).Take(50).ToListAsync(ct);
        var past = await db.Set<EveningReception>().AsNoTracking().Where(r => r.Status == ReceptionStatus.Held)
            .OrderByDescending(r => r.StartsUtc).Take(20).ToListAsync(ct);
        var ids = coming.Select(r => r.Id).Concat(past.Select(r => r.Id)).ToList();
        var deputies = (await db.Set<ReceptionDeputy>().AsNoTracking().Where(d => ids.Contains(d.ReceptionId)).OrderBy(d => d.Id).ToListAsync(ct))
            .GroupBy(d => d.ReceptionId).ToDictionary(g => g.Key, g => (IReadOnlyList<ReceptionDeputy>)[.. g]);
        var unitNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in coming.Concat(past))
        {
            unitNames[r.GridUnitCode] = (await grid.FindAsync(r.GridUnitCode, ct))?.DisplayName(CultureInfo.CurrentUICulture) ?? r.GridUnitCode;
        }

        var communities = (await grid.GetLevelsAsync(ct)).Count == 0 ? [] : await CommunitiesAsync(grid, ct);
        return ComponentPage.Render<PublicReceptionsPage>(context, new
        {
            Coming = coming,
            Past = past,
            Deputies = deputies,
            UnitNames = unitNames,
            Counts = await receptions.CountsAsync(ids, ct),
            Communities = communities,
            Done = done,
            Code = code,
            FailedForm = failedForm,
            Values = form is null ? new Dictionary<string, string>() : form.Keys.Where(k => k != "__RequestVerificationToken").ToDictionary(k => k, k => form[k].ToString()),
            Errors = Texts(errors),
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static async Task<IReadOnlyList<(string Code, string Name)>> CommunitiesAsync(IGridDirectory grid, CancellationToken ct)
    {
        var list = new List<(string, string)>();
        foreach (var street in await grid.GetChildrenAsync(null, ct) is { Count: 1 } roots ? await grid.GetChildrenAsync(roots[0].Code, ct) : [])
        {
            foreach (var community in await grid.GetChildrenAsync(street.Code, ct))
            {
                list.Add((community.Code, $"{street.DisplayName(CultureInfo.CurrentUICulture)} / {community.DisplayName(CultureInfo.CurrentUICulture)}"));
            }
        }

        return list;
    }

    private static (ReceptionInput Input, Dictionary<string, BilingualText> Errors) ReadInput(IFormCollection form)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        static DateTime? Time(string? text) => DateTime.TryParseExact(text?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
        var starts = Time(form["startsLocal"]);
        var ends = Time(form["endsLocal"]);
        if (starts is null)
        {
            errors["startsLocal"] = new("请填写开始时间（如 2026-10-15 19:00）。", "Enter the start (e.g. 2026-10-15 19:00).");
        }

        if (ends is null)
        {
            errors["endsLocal"] = new("请填写结束时间。", "Enter the end.");
        }

        var capacity = 0;
        if (!string.IsNullOrWhiteSpace(form["capacity"]) && !int.TryParse(form["capacity"], NumberStyles.Integer, CultureInfo.InvariantCulture, out capacity))
        {
            errors["capacity"] = new("名额应为 0 至 200 的整数。", "The capacity is a whole number from 0 to 200.");
        }

        var names = form["deputyName"];
        var roles = form["deputyRole"];
        var titles = form["deputyTitle"];
        var deputies = Enumerable.Range(0, names.Count)
            .Select(i => new DeputyInput(names[i], i < roles.Count ? ParseEnum<DeputyRole>(roles[i]) : (DeputyRole)(-1), i < titles.Count ? titles[i] : null))
            .ToList();
        return (new ReceptionInput(form["title"], form["gridUnitCode"], form["place"], starts ?? default, ends ?? default, capacity, deputies), errors);
    }

    private static T ParseEnum<T>(string? text)
        where T : struct, Enum => Enum.TryParse<T>(text, out var value) && Enum.IsDefined(value) ? value : (T)(object)(-1);

    private static Dictionary<string, string> Texts(IReadOnlyDictionary<string, BilingualText>? errors) =>
        errors?.ToDictionary(e => e.Key, e => e.Value.For(CultureInfo.CurrentUICulture)) ?? [];

    private static int Status(ReceptionResultStatus status) => status switch
    {
        ReceptionResultStatus.Forbidden => StatusCodes.Status403Forbidden,
        ReceptionResultStatus.Stale or ReceptionResultStatus.Full or ReceptionResultStatus.NotAllowed => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
