using System.Security.Claims;
using GovPlatform.Grid.Security;
using GovPlatform.Grid.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;

namespace GovPlatform.Grid.Endpoints;

/// <summary>The signed-in user's place in the grid: the units they are confined to, and checks against them.</summary>
internal sealed class GridAccess(ClaimsPrincipal user, IAuthorizationService authorization, GridTree tree)
{
    /// <summary>The units the user is confined to, or null for a tenant-wide user.</summary>
    public IReadOnlyList<GridNode>? Scope { get; } = user.FindAll(GovClaimTypes.GridUnit).Select(c => c.Value).ToList() is { Count: > 0 } codes
        ? [.. codes.Select(tree.Find).OfType<GridNode>().Distinct()]
        : null;

    public GridTree Tree => tree;

    /// <summary>The units the user starts from: their own, or the top units.</summary>
    public IReadOnlyList<GridNode> Roots => Scope ?? tree.Roots;

    public Task<bool> CanAsync(Permission permission, GridNode? unit) =>
        authorization.HasPermissionAsync(user, permission, new GridUnitResource(unit?.Code));

    public Task<bool> CanViewAsync(GridNode unit) => CanAsync(GridPermissions.View, unit);

    /// <summary>Whether the user may manage the whole tenant's grid (levels, rules, tenant-wide import).</summary>
    public async Task<bool> CanManageAllAsync() => Scope is null && await CanAsync(GridPermissions.Manage, null);
}
