using System.Security.Claims;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Identity.Components.Admin;
using GovPlatform.Identity.Models;
using GovPlatform.Identity.Security;
using GovPlatform.Identity.Services;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GovPlatform.Identity.Endpoints;

/// <summary>The admin's user pages under <c>admin/users</c>: list and search, create, edit, lock, unlock, set a password.</summary>
internal static class UserAdminEndpoints
{
    private const int PageSize = 20;

    // Locked "for ever" by an administrator: a date both providers store as is (DateTimeOffset.MaxValue is not a
    // PostgreSQL timestamp, and exports would not carry it).
    private static readonly DateTimeOffset LockedByAdministrator = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/users").RequirePermission(IdentityPermissions.UsersManage);
        group.MapGetShared("/", ListAsync);
        group.MapGetShared("/new", NewAsync);
        group.MapPostShared("/new", CreateAsync);
        group.MapGetShared("/{id}", EditAsync);
        group.MapPostShared("/{id}", UpdateAsync);
        group.MapPostShared("/{id}/lock", (string id, [FromForm] ConfirmForm? confirm, HttpContext context, UserManager<GovUser> users, AccessCache cache, IAuditLog audit, CancellationToken ct) =>
            SetLockAsync(id, locked: true, context, users, cache, audit, ct));
        group.MapPostShared("/{id}/unlock", (string id, [FromForm] ConfirmForm? confirm, HttpContext context, UserManager<GovUser> users, AccessCache cache, IAuditLog audit, CancellationToken ct) =>
            SetLockAsync(id, locked: false, context, users, cache, audit, ct));
        group.MapPostShared("/{id}/password", SetPasswordAsync);
    }

    private static async Task<IResult> ListAsync(string? q, int? page, HttpContext context, TenantDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var users = db.Set<GovUser>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            var upper = text.ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(upper) || u.NormalizedEmail!.Contains(upper) ||
                u.DisplayName.Contains(text) || u.PhoneNumber!.Contains(text));
        }

        var total = await users.CountAsync(ct);
        var number = Math.Max(1, page ?? 1);
        var found = await users.OrderBy(u => u.NormalizedUserName).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = found.Select(u => u.Id).ToList();
        var roles = await (from userRole in db.Set<IdentityUserRole<string>>()
                           join role in db.Set<GovRole>() on userRole.RoleId equals role.Id
                           where ids.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var rows = found.Select(u => new UserRow(
            u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.PhoneNumber,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => RoleTitle(r.Name ?? ""))],
            u.LockoutEnd > now)).ToList();
        return AccountEndpoints.Page<UserListPage>(context, new { Users = rows, Total = total, PageNumber = number, PageSize, Query = q });
    }

    private static async Task<IResult> NewAsync(HttpContext context, RoleManager<GovRole> roles, AccessCache cache, PasswordSettings password) =>
        await EditorAsync(context, roles, cache, password, new UserEditor { IsNew = true, Roles = [BuiltInRoles.Citizen] });

    private static async Task<IResult> CreateAsync(
        [FromForm] UserForm? form, HttpContext context, UserAccounts accounts, RoleManager<GovRole> roleManager,
        AccessCache cache, PasswordSettings password, IAuditLog audit, IStringLocalizer<IdentityTexts> t, CancellationToken ct)
    {
        form ??= new UserForm();
        var wanted = Values(context, "Roles");
        if (wanted.Contains(BuiltInRoles.Administrator) && !await IsAdministratorAsync(context, cache))
        {
            return Results.Forbid();
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.UserName))
        {
            errors.Add(t["Enter a user name."]);
        }
        else
        {
            var (result, user) = await accounts.CreateAsync(form.UserName, form.Email, form.DisplayName, form.Phone, form.Password ?? "", wanted, SplitUnits(form.GridUnits), ct);
            if (result.Succeeded)
            {
                await audit.RecordAsync(new AuditEvent("users", "create", user.UserName, "User created", null, Snapshot(user, wanted, SplitUnits(form.GridUnits))), ct);
                return Results.Redirect(context.TenantPath($"admin/users/{Uri.EscapeDataString(user.Id)}?saved=true"));
            }

            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        form.Password = null;
        return await EditorAsync(context, roleManager, cache, password, new UserEditor { IsNew = true, Form = form, Roles = wanted, Errors = errors });
    }

    private static async Task<IResult> EditAsync(
        string id, bool? saved, HttpContext context, UserManager<GovUser> users, UserAccounts accounts, RoleManager<GovRole> roles,
        AccessCache cache, PasswordSettings password, TimeProvider clock, IStringLocalizer<IdentityTexts> t)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return Results.NotFound();
        }

        return await EditorAsync(context, roles, cache, password, new UserEditor
        {
            UserId = user.Id,
            Form = await FormOfAsync(user, accounts),
            Roles = [.. await users.GetRolesAsync(user)],
            Locked = user.LockoutEnd > clock.GetUtcNow(),
            Notice = saved == true ? t["Saved."].Value : null,
        });
    }

    private static async Task<IResult> UpdateAsync(
        string id, [FromForm] UserForm? form, HttpContext context, UserManager<GovUser> users,
        UserAccounts accounts, RoleManager<GovRole> roleManager, AccessCache cache, PasswordSettings password, IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        form ??= new UserForm();
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return Results.NotFound();
        }

        var currentRoles = await users.GetRolesAsync(user);
        var wanted = Values(context, "Roles");
        var isAdministrator = await IsAdministratorAsync(context, cache);
        if (!isAdministrator)
        {
            // Only administrators make or unmake administrators, or touch their accounts.
            if (currentRoles.Contains(BuiltInRoles.Administrator) || wanted.Contains(BuiltInRoles.Administrator))
            {
                return Results.Forbid();
            }
        }

        var before = Snapshot(user, currentRoles, await accounts.GetGridUnitsAsync(user));
        user.DisplayName = string.IsNullOrWhiteSpace(form.DisplayName) ? user.UserName ?? "" : form.DisplayName.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(form.Phone) ? null : form.Phone.Trim();
        if (!string.Equals(user.Email, form.Email?.Trim(), StringComparison.Ordinal))
        {
            user.Email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();
            user.EmailConfirmed = false;
        }

        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
        {
            result = await accounts.SetRolesAsync(user, wanted);
        }

        var units = SplitUnits(form.GridUnits);
        if (result.Succeeded)
        {
            result = await accounts.SetGridUnitsAsync(user, units);
        }

        if (result.Succeeded)
        {
            // Roles and units apply to permission checks at once; the cookie's copy is renewed within minutes.
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(new AuditEvent("users", "update", user.UserName, "User edited", before, Snapshot(user, wanted, units)), ct);
            return Results.Redirect(context.TenantPath($"admin/users/{Uri.EscapeDataString(user.Id)}?saved=true"));
        }

        form.UserName = user.UserName;
        return await EditorAsync(context, roleManager, cache, password, new UserEditor
        {
            UserId = user.Id,
            Form = form,
            Roles = wanted,
            Locked = user.LockoutEnd > clock.GetUtcNow(),
            Errors = [.. result.Errors.Select(e => e.Description)],
        });
    }

    private static async Task<IResult> SetLockAsync(
        string id, bool locked, HttpContext context, UserManager<GovUser> users, AccessCache cache, IAuditLog audit, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return Results.NotFound();
        }

        if (!await IsAdministratorAsync(context, cache) && await users.IsInRoleAsync(user, BuiltInRoles.Administrator))
        {
            return Results.Forbid();
        }

        if (locked && user.Id == context.User.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return Results.BadRequest();
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? LockedByAdministrator : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        await users.UpdateSecurityStampAsync(user);
        cache.InvalidateUser(user.Id);
        await audit.RecordAsync(new AuditEvent("users", locked ? "lock" : "unlock", user.UserName, locked ? "Account locked" : "Account unlocked"), ct);
        return Results.Redirect(context.TenantPath($"admin/users/{Uri.EscapeDataString(user.Id)}?saved=true"));
    }

    private static async Task<IResult> SetPasswordAsync(
        string id, [FromForm] NewPasswordForm? form, HttpContext context, UserManager<GovUser> users, UserAccounts accounts, RoleManager<GovRole> roleManager,
        AccessCache cache, PasswordSettings password, IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        form ??= new NewPasswordForm();
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return Results.NotFound();
        }

        if (!await IsAdministratorAsync(context, cache) && await users.IsInRoleAsync(user, BuiltInRoles.Administrator))
        {
            return Results.Forbid();
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, form.Password ?? "");
        if (result.Succeeded)
        {
            await audit.RecordAsync(new AuditEvent("users", "set-password", user.UserName, "Password set by an administrator"), ct);
            return Results.Redirect(context.TenantPath($"admin/users/{Uri.EscapeDataString(user.Id)}?saved=true"));
        }

        return await EditorAsync(context, roleManager, cache, password, new UserEditor
        {
            UserId = user.Id,
            Form = await FormOfAsync(user, accounts),
            Roles = [.. await users.GetRolesAsync(user)],
            Locked = user.LockoutEnd > clock.GetUtcNow(),
            Errors = [.. result.Errors.Select(e => e.Description)],
        });
    }

    private static async Task<IResult> EditorAsync(HttpContext context, RoleManager<GovRole> roles, AccessCache cache, PasswordSettings password, UserEditor editor)
    {
        var all = await RoleAdminEndpoints.RoleRowsAsync(roles.Roles, null, null);
        return AccountEndpoints.Page<UserEditPage>(context, new
        {
            editor.IsNew,
            editor.UserId,
            editor.Form,
            SelectedRoles = (IReadOnlySet<string>)editor.Roles.ToHashSet(StringComparer.Ordinal),
            AllRoles = all,
            CanAssignAdministrator = await IsAdministratorAsync(context, cache),
            editor.Locked,
            editor.Errors,
            editor.Notice,
            MinimumLength = password.RequiredLength,
        }, editor.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    internal static async Task<bool> IsAdministratorAsync(HttpContext context, AccessCache cache) =>
        context.User.FindFirstValue(context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType) is { } userId &&
        await cache.GetUserAsync(userId) is { } access && access.Roles.Contains(BuiltInRoles.Administrator);

    internal static string RoleTitle(string name) =>
        BuiltInRoles.All.FirstOrDefault(r => r.Name == name) is { Name: not null } builtIn ? builtIn.Title.ToString() : name;

    /// <summary>A repeated form field (checkboxes); the form was read already by the endpoint's binding.</summary>
    internal static List<string> Values(HttpContext context, string name) =>
        [.. context.Request.Form[name].OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    private static List<string> SplitUnits(string? text) =>
        [.. (text ?? "").Split(['\n', '\r', ',', '，', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static JsonObject Snapshot(GovUser user, IEnumerable<string> roles, IEnumerable<string> units) => new()
    {
        ["displayName"] = user.DisplayName,
        ["email"] = user.Email,
        ["phone"] = user.PhoneNumber,
        ["roles"] = new JsonArray([.. roles.Order(StringComparer.Ordinal).Select(r => (JsonNode)r)]),
        ["gridUnits"] = new JsonArray([.. units.Order(StringComparer.Ordinal).Select(u => (JsonNode)u)]),
    };

    private sealed class UserEditor
    {
        public bool IsNew { get; init; }

        public string? UserId { get; init; }

        public UserForm Form { get; init; } = new();

        public IReadOnlyList<string> Roles { get; init; } = [];

        public bool Locked { get; init; }

        public List<string> Errors { get; init; } = [];

        public string? Notice { get; init; }
    }

    /// <summary>The edit form of a stored user.</summary>
    private static async Task<UserForm> FormOfAsync(GovUser user, UserAccounts accounts) => new()
    {
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        Email = user.Email,
        Phone = user.PhoneNumber,
        GridUnits = string.Join('\n', await accounts.GetGridUnitsAsync(user)),
    };
}
