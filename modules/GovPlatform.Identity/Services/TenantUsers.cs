using GovPlatform.Identity.Models;
using GovPlatform.Security;
using Microsoft.AspNetCore.Identity;

namespace GovPlatform.Identity.Services;

/// <summary><see cref="ITenantUsers"/> over the tenant's identity store.</summary>
internal sealed class TenantUsers(UserManager<GovUser> users, UserAccounts accounts) : ITenantUsers
{
    public async Task<TenantUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || await users.FindByNameAsync(userName.Trim()) is not { } user)
        {
            return null;
        }

        return new TenantUser(user.Id, user.UserName ?? "", user.DisplayName, await accounts.GetGridUnitsAsync(user), user.PhoneNumber);
    }
}
