using System.Security.Claims;
using GovPlatform.Identity.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GovPlatform.Identity.Security;

/// <summary>
/// Decides <see cref="PermissionRequirement"/>: Administrators hold every permission; anyone else needs a role that
/// grants it, and for a grid-scoped permission on a resource of a unit, that unit inside the user's grid units.
/// </summary>
internal sealed class PermissionHandler(AccessCache access, IdentitySeeder seeder, IGridScopeEvaluator gridScope, IOptions<IdentityOptions> identityOptions)
    : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true ||
            context.User.FindFirstValue(identityOptions.Value.ClaimsIdentity.UserIdClaimType) is not { Length: > 0 } userId)
        {
            return;
        }

        // Authorization runs before the features' middleware: a new shell's default grants must be in place first.
        await seeder.EnsureAsync();
        var user = await access.GetUserAsync(userId);
        if (user is null)
        {
            return;
        }

        if (user.Roles.Contains(BuiltInRoles.Administrator))
        {
            context.Succeed(requirement);
            return;
        }

        var grants = await access.GetRoleGrantsAsync();
        if (!user.Roles.Any(role => grants.TryGetValue(role, out var granted) && granted.Contains(requirement.Permission.Name)))
        {
            return;
        }

        if (requirement.Permission.GridScoped && context.Resource is IGridScopedResource { GridUnitCode: { Length: > 0 } unit } && user.GridUnits.Count > 0 &&
            !await gridScope.ContainsAsync(user.GridUnits, unit))
        {
            return;
        }

        context.Succeed(requirement);
    }
}
