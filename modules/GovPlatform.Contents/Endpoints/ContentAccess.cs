using System.Security.Claims;
using GovPlatform.Contents.Api;
using GovPlatform.Security;
using Microsoft.AspNetCore.Http;

namespace GovPlatform.Contents.Endpoints;

/// <summary>
/// The admin pages' checks of the contents permissions against an item, by the same rule as the API
/// (<see cref="ContentApiAccess"/>): an item attached to a grid unit is checked against the user's units; an item
/// attached to none is for tenant-wide users only.
/// </summary>
internal static class ContentAccess
{
    public static bool IsScoped(ClaimsPrincipal user) => user.HasClaim(c => c.Type == GovClaimTypes.GridUnit);

    public static Task<bool> CanAsync(HttpContext context, Permission permission, ContentItem? item)
    {
        var access = new ContentApiAccess(context);
        return item is null ? access.HasGrantAsync(permission) : access.CanAsync(permission, [item.GridUnitCode]);
    }
}
