using System.Globalization;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Identity.Components.Admin;
using GovPlatform.Identity.Models;
using GovPlatform.Identity.Security;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace GovPlatform.Identity.Endpoints;

/// <summary>The admin's role pages under <c>admin/roles</c>: the roles, and each role's permissions.</summary>
internal static class RoleAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/roles").RequirePermission(IdentityPermissions.RolesManage);
        group.MapGetShared("/", ListAsync);
        group.MapGetShared("/{name}", EditAsync);
        group.MapPostShared("/{name}", SaveAsync);
    }

    /// <summary>The roles, built-in ones first in order of authority, with their grant and user counts when the sets are given.</summary>
    internal static async Task<List<RoleRow>> RoleRowsAsync(IQueryable<GovRole> roles, IQueryable<IdentityRoleClaim<string>>? claims, IQueryable<IdentityUserRole<string>>? userRoles)
    {
        var all = await roles.AsNoTracking().ToListAsync();
        var grantCounts = claims is null ? [] : await claims.Where(c => c.ClaimType == GovClaimTypes.Permission)
            .GroupBy(c => c.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var userCounts = userRoles is null ? [] : await userRoles.GroupBy(r => r.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var order = BuiltInRoles.All.Select(r => r.Name).ToList();
        return [.. all
            .OrderBy(r => order.IndexOf(r.Name ?? "") is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new RoleRow(
                r.Name ?? "", UserAdminEndpoints.RoleTitle(r.Name ?? ""), grantCounts.GetValueOrDefault(r.Id), userCounts.GetValueOrDefault(r.Id),
                r.Name == BuiltInRoles.Administrator))];
    }

    private static async Task<IResult> ListAsync(HttpContext context, TenantDbContext db) =>
        AccountEndpoints.Page<RoleListPage>(context, new
        {
            Roles = await RoleRowsAsync(db.Set<GovRole>(), db.Set<IdentityRoleClaim<string>>(), db.Set<IdentityUserRole<string>>()),
        });

    private static async Task<IResult> EditAsync(string name, bool? saved, HttpContext context, RoleManager<GovRole> roles, PermissionCatalog catalog, IStringLocalizer<IdentityTexts> t)
    {
        if (await roles.FindByNameAsync(name) is not { } role)
        {
            return Results.NotFound();
        }

        var granted = await GrantsAsync(roles, role);
        var culture = CultureInfo.CurrentUICulture;
        var groups = catalog.All.GroupBy(p => p.Group.For(culture))
            .Select(g => new PermissionGroup(g.Key, [.. g.Select(p => (p, granted.Contains(p.Name)))]))
            .ToList();
        return AccountEndpoints.Page<RoleEditPage>(context, new
        {
            RoleName = role.Name,
            Title = UserAdminEndpoints.RoleTitle(role.Name ?? ""),
            IsAdministrator = role.Name == BuiltInRoles.Administrator,
            Groups = groups,
            Notice = saved == true ? t["Saved."].Value : null,
        });
    }

    private static async Task<IResult> SaveAsync(
        string name, [FromForm] ConfirmForm? form, HttpContext context, RoleManager<GovRole> roles,
        PermissionCatalog catalog, AccessCache cache, IAuditLog audit, CancellationToken ct)
    {
        if (await roles.FindByNameAsync(name) is not { } role)
        {
            return Results.NotFound();
        }

        if (role.Name == BuiltInRoles.Administrator)
        {
            return Results.BadRequest();
        }

        var before = await GrantsAsync(roles, role);

        // Grants of permissions no enabled feature declares (a feature switched off) are not on the page: keep them.
        var after = before.Where(p => catalog.Find(p) is null)
            .Union(UserAdminEndpoints.Values(context, "Permissions").Where(p => catalog.Find(p) is not null), StringComparer.Ordinal)
            .ToHashSet(StringComparer.Ordinal);
        var claims = await roles.GetClaimsAsync(role);
        foreach (var claim in claims.Where(c => c.Type == GovClaimTypes.Permission && !after.Contains(c.Value)))
        {
            await roles.RemoveClaimAsync(role, claim);
        }

        foreach (var permission in after.Where(p => !before.Contains(p)).Order(StringComparer.Ordinal))
        {
            await roles.AddClaimAsync(role, new System.Security.Claims.Claim(GovClaimTypes.Permission, permission));
        }

        cache.InvalidateRoles();
        if (!before.SetEquals(after))
        {
            await audit.RecordAsync(new AuditEvent("roles", "update-permissions", role.Name, "Role permissions edited", Json(before), Json(after)), ct);
        }

        return Results.Redirect(context.TenantPath($"admin/roles/{Uri.EscapeDataString(role.Name ?? "")}?saved=true"));
    }

    private static async Task<HashSet<string>> GrantsAsync(RoleManager<GovRole> roles, GovRole role) =>
        (await roles.GetClaimsAsync(role)).Where(c => c.Type == GovClaimTypes.Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    private static JsonArray Json(IEnumerable<string> permissions) => new([.. permissions.Order(StringComparer.Ordinal).Select(p => (JsonNode)p)]);
}
