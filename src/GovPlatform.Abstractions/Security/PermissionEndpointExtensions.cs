using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace GovPlatform.Security;

/// <summary>Requiring and checking permissions.</summary>
public static class PermissionEndpointExtensions
{
    /// <summary>The endpoint requires a signed-in user with this permission (403 otherwise; sign-in page for browsers).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission.PolicyName);

    /// <summary>Whether the user holds the permission, for the resource when one is given (grid scope).</summary>
    public static async Task<bool> HasPermissionAsync(this IAuthorizationService authorization, ClaimsPrincipal user, Permission permission, object? resource = null) =>
        (await authorization.AuthorizeAsync(user, resource, new PermissionRequirement(permission))).Succeeded;
}
