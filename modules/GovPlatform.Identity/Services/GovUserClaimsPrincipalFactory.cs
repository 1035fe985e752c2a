using System.Security.Claims;
using GovPlatform.Identity.Models;
using GovPlatform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GovPlatform.Identity.Services;

/// <summary>Identity's principal (id, name, roles, role grants, user claims such as grid units) plus the display name and preferred culture.</summary>
internal sealed class GovUserClaimsPrincipalFactory(UserManager<GovUser> users, RoleManager<GovRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<GovUser, GovRole>(users, roles, options)
{
    public const string DisplayNameClaim = "gp:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GovUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (!string.IsNullOrEmpty(user.PreferredCulture))
        {
            identity.AddClaim(new Claim(GovClaimTypes.Culture, user.PreferredCulture));
        }

        return identity;
    }
}
