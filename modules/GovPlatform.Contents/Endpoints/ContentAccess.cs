using System.Security.Claims;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Endpoints;

/// <summary>
/// Checks of the contents permissions against an item: an item attached to a grid unit is checked against the user's
/// units; an item attached to none is for tenant-wide users only.
/// </summary>
internal static class ContentAccess
{
    public static bool IsScoped(ClaimsPrincipal user) => user.HasClaim(c => c.Type == GovClaimTypes.GridUnit);

    public static async Task<bool> CanAsync(HttpContext context, Permission permission, ContentItem? item)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if (item is not null && item.GridUnitCode is null && IsScoped(context.User))
        {
            return false;
        }

        return await authorization.HasPermissionAsync(context.User, permission, new ItemResource(item?.GridUnitCode));
    }

    private sealed record ItemResource(string? GridUnitCode) : IGridScopedResource;
}
