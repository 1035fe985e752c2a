using Microsoft.AspNetCore.Authorization;

namespace GovPlatform.Security;

/// <summary>
/// Requires a permission; with a resource that implements <see cref="IGridScopedResource"/> and a grid-scoped
/// permission, also that the resource's unit lies within the user's grid units.
/// </summary>
public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    /// <summary>The permission required.</summary>
    public Permission Permission { get; } = permission;
}
