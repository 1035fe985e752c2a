using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using GovPlatform.Auditing;
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

namespace GovPlatform.Points.Rules;

/// <summary>
/// <c>admin/points/rules</c>: the tenant's rule set and every unit's own set as a tree, and for the chosen unit where the
/// rules in force come from. Reading needs <see cref="PointsPermissions.View"/>; saving or deleting a unit's set needs
/// <see cref="PointsPermissions.Rules"/> over that unit, and the tenant's own set a user without units. Every change is
/// audited (category <c>points</c>) and checked against the version the editor read.
/// </summary>
internal static class RuleEndpoints
{
    private const string Path = "admin/points/rules";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared($"/{Path}", PageAsync).RequirePermission(PointsPermissions.View);
        endpoints.MapPostShared($"/{Path}", SaveAsync).RequirePermission(PointsPermissions.Rules);
        endpoints.MapPostShared($"/{Path}/delete", DeleteAsync).RequirePermission(PointsPermissions.Rules);
    }

    private static async Task<IResult> PageAsync(
        string? unit, string? done, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, PointRules rules,
        IAuthorizationService authorization, ITenant tenant, CancellationToken ct)
    {
        var chosen = await ChosenAsync(unit, context.User, grid, scope, ct);
        if (chosen.Missing)
        {
            return Results.NotFound();
        }

        if (!await MayReadAsync(chosen.Code, context.User, grid, scope, ct))
        {
            return await RenderAsync(context, db, grid, scope, rules, authorization, tenant, chosen.Code, null, Errors("unit", OutsideArea), null, StatusCodes.Status403Forbidden, ct);
        }

        return await RenderAsync(context, db, grid, scope, rules, authorization, tenant, chosen.Code, null, new Dictionary<string, BilingualText>(), done, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveAsync(
        [FromForm] RuleForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, PointRules rules,
        IAuthorizationService authorization, IAuditLog audit, ITenant tenant, CancellationToken ct)
    {
        form.ReadTypes(await context.Request.ReadFormAsync(ct));
        var code = form.UnitCode;
        if (code is not null && await grid.FindAsync(code, ct) is null)
        {
            return Results.NotFound();
        }

        if (!await MayEditAsync(code, context.User, authorization, scope, ct))
        {
            return await RenderAsync(context, db, grid, scope, rules, authorization, tenant, code, form, Errors("unit", code is null ? TenantOnly : OutsideArea), null, StatusCodes.Status403Forbidden, ct);
        }

        var (parsed, errors) = form.Parse();
        var existing = await db.Set<PointRuleSet>().AsNoTracking().FirstOrDefaultAsync(s => s.GridUnitCode == code, ct);
        if ((existing?.Version ?? 0) != form.Version)
        {
            errors["version"] = Stale;
        }

        if (errors.Count > 0)
        {
            return await RenderAsync(context, db, grid, scope, rules, authorization, tenant, code, form, errors, null,
                errors.ContainsKey("version") ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, ct);
        }

        var before = existing is null ? null : JsonSerializer.SerializeToNode(Snapshot(existing), Json);
        try
        {
            await db.InTransactionAsync(async token =>
            {
                var saved = await rules.SetAsync(code, parsed, context.User.Identity?.Name ?? "", token);
                await db.SaveChangesAsync(token);
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, existing is null ? "create-rules" : "update-rules", code ?? "*",
                    $"Points rules of {code ?? "the tenant"} saved (version {saved.Version})", before, JsonSerializer.SerializeToNode(Snapshot(saved), Json)), token);
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved (or created) the unit's set between the check and the write.
            db.ChangeTracker.Clear();
            return await RenderAsync(context, db, grid, scope, rules, authorization, tenant, code, form, Errors("version", Stale), null, StatusCodes.Status409Conflict, ct);
        }

        return Results.Redirect(context.TenantPath($"{Path}?{Query(code)}done=saved"));
    }

    private static async Task<IResult> DeleteAsync(
        [FromForm] RuleDeleteForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, PointRules rules,
        IAuthorizationService authorization, IAuditLog audit, ITenant tenant, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(form.Unit) ? null : form.Unit.Trim();
        if (code is null)
        {
            // The tenant's set is where every fallback ends: it is edited, never deleted.
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The tenant's rules cannot be deleted.", detail: "Edit them instead.");
        }

        if (await grid.FindAsync(code, ct) is null)
        {
            return Results.NotFound();
        }

        if (!await MayEditAsync(code, context.User, authorization, scope, ct))
        {
            return await RenderAsync(context, db, grid, scope, rules, authorization, tenant, code, null, Errors("unit", OutsideArea), null, StatusCodes.Status403Forbidden, ct);
        }

        var existing = await db.Set<PointRuleSet>().AsNoTracking().FirstOrDefaultAsync(s => s.GridUnitCode == code, ct);
        if (existing is null)
        {
            return Results.Redirect(context.TenantPath($"{Path}?{Query(code)}done=deleted"));
        }

        var deleted = 0;
        if (existing.Version == form.Version)
        {
            await db.InTransactionAsync(async token =>
            {
                deleted = await db.Set<PointRuleSet>().Where(s => s.Id == existing.Id && s.Version == form.Version).ExecuteDeleteAsync(token);
                if (deleted > 0)
                {
                    await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "delete-rules", code,
                        $"Points rules of {code} deleted; the rules above apply", JsonSerializer.SerializeToNode(Snapshot(existing), Json)), token);
                }

                return true;
            }, ct);
        }

        if (deleted == 0)
        {
            return await RenderAsync(context, db, grid, scope, rules, authorization, tenant, code, null, Errors("version", Stale), null, StatusCodes.Status409Conflict, ct);
        }

        return Results.Redirect(context.TenantPath($"{Path}?{Query(code)}done=deleted"));
    }

    private static readonly BilingualText OutsideArea = new("这个网格单元不在您的管辖范围内。", "This grid unit is outside your area.");

    private static readonly BilingualText TenantOnly = new("全区统一规则只能由全区管理员修改。", "Only a district-wide administrator may change the district's rules.");

    private static readonly BilingualText Stale = new("这套规则在您打开后已被他人修改或删除，请查看最新内容后再保存。", "Someone changed or deleted these rules after you opened them; look at the current rules and save again.");

    private static Dictionary<string, BilingualText> Errors(string field, BilingualText message) => new(StringComparer.Ordinal) { [field] = message };

    private static string Query(string? code) => code is null ? "" : $"unit={Uri.EscapeDataString(code)}&";

    private static object Snapshot(PointRuleSet s) => new
    {
        unit = s.GridUnitCode,
        pointsPerType = s.PointsPerType,
        defaultPoints = s.DefaultPoints,
        dailyCap = s.DailyCap,
        monthlyCap = s.MonthlyCap,
        awardsNeedApproval = s.AwardsNeedApproval,
        expiryMonths = s.ExpiryMonths,
        version = s.Version,
    };

    /// <summary>The unit the page is about: the one asked for, else the tenant for a user without units, else the user's first unit.</summary>
    private static async Task<(string? Code, bool Missing)> ChosenAsync(string? unit, ClaimsPrincipal user, IGridDirectory grid, IGridScopeFilter scope, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(unit))
        {
            return await grid.FindAsync(unit.Trim(), ct) is { } found ? (found.Code, false) : (null, true);
        }

        if (await scope.GetScopeCodesAsync(user, ct) is null)
        {
            return (null, false);
        }

        var own = user.FindAll(GovClaimTypes.GridUnit).Select(c => c.Value).Order(StringComparer.Ordinal).FirstOrDefault();
        return (own is null ? null : (await grid.FindAsync(own, ct))?.Code ?? own, false);
    }

    /// <summary>Anyone with the view permission reads the rules of the units in their area, and the tenant's set they inherit.</summary>
    private static async Task<bool> MayReadAsync(string? code, ClaimsPrincipal user, IGridDirectory grid, IGridScopeFilter scope, CancellationToken ct)
    {
        if (code is null || await scope.GetScopeCodesAsync(user, ct) is not { } codes)
        {
            return true;
        }

        return codes.Contains(code);
    }

    private static async Task<bool> MayEditAsync(string? code, ClaimsPrincipal user, IAuthorizationService authorization, IGridScopeFilter scope, CancellationToken ct) =>
        code is null
            ? await scope.GetScopeCodesAsync(user, ct) is null && await authorization.HasPermissionAsync(user, PointsPermissions.Rules)
            : await authorization.HasPermissionAsync(user, PointsPermissions.Rules, new RuleUnit(code));

    private static async Task<IResult> RenderAsync(
        HttpContext context, TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, PointRules rules, IAuthorizationService authorization,
        ITenant tenant, string? code, RuleForm? form, IReadOnlyDictionary<string, BilingualText> errors, string? done, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var user = context.User;
        var tenantWide = await scope.GetScopeCodesAsync(user, ct) is null;
        var units = await grid.GetUnitsInScopeAsync(user, ct);
        var sets = await db.Set<PointRuleSet>().AsNoTracking().ToListAsync(ct);
        var own = sets.Where(s => s.GridUnitCode is not null).ToDictionary(s => s.GridUnitCode!, StringComparer.Ordinal);
        var tenantSet = sets.FirstOrDefault(s => s.GridUnitCode is null);

        BilingualText Name(string? unitCode) => unitCode is null
            ? new("全区统一规则", "The district's rules")
            : units.FirstOrDefault(u => u.Code == unitCode) is { } u ? new(u.Name, u.EnglishName is { Length: > 0 } e ? e : u.Name) : new(unitCode, unitCode);

        var tree = new List<RuleTreeRow>();
        if (tenantWide)
        {
            tree.Add(new RuleTreeRow(null, Name(null), 0, tenantSet is not null));
        }

        var minDepth = units.Count == 0 ? 1 : units.Min(u => u.Depth);
        tree.AddRange(units.Select(u => new RuleTreeRow(u.Code, new(u.Name, u.EnglishName is { Length: > 0 } e ? e : u.Name), u.Depth - minDepth + (tenantWide ? 1 : 0), own.ContainsKey(u.Code))));

        var inForce = await rules.InForceAsync(code, ct);
        BilingualText origin;
        if (inForce.Id == 0)
        {
            origin = new("系统默认（每次活动 10 分，不设上限，不审核，不过期）", "The platform's defaults (10 points an activity, no caps, no approval, no expiry)");
        }
        else if (inForce.GridUnitCode is { } from && units.All(u => u.Code != from) && await grid.FindAsync(from, ct) is { } above)
        {
            origin = new(above.Name, above.EnglishName is { Length: > 0 } e ? e : above.Name);
        }
        else
        {
            origin = Name(inForce.GridUnitCode);
        }

        var ownSet = code is null ? tenantSet : own.GetValueOrDefault(code);
        return ComponentPage.Render<RulesPage>(context, new
        {
            Tree = tree,
            Unit = code,
            UnitName = code is null ? Name(null) : await grid.FindAsync(code, ct) is { } chosenUnit ? new BilingualText(chosenUnit.Name, chosenUnit.EnglishName is { Length: > 0 } ce ? ce : chosenUnit.Name) : Name(code),
            HasOwn = ownSet is not null,
            InForceFrom = origin,
            InForce = inForce,
            Form = form ?? RuleForm.From(code, inForce, ownSet?.Version ?? 0),
            CanEdit = await MayEditAsync(code, user, authorization, scope, ct),
            Errors = errors,
            Done = done,
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    /// <summary>A unit as the resource of the grid-scoped rules permission.</summary>
    private sealed record RuleUnit(string? GridUnitCode) : IGridScopedResource;
}

/// <summary>A unit in the rules tree, and whether it has its own set.</summary>
public sealed record RuleTreeRow(string? Code, BilingualText Name, int Indent, bool HasOwn);

/// <summary>The delete button's form: the unit and the version of its set as read.</summary>
public sealed class RuleDeleteForm
{
    public string? Unit { get; set; }

    public int Version { get; set; }
}
