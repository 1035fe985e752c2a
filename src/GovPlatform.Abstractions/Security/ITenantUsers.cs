namespace GovPlatform.Security;

/// <summary>Looks up the tenant's user accounts, for modules that link their records to a user (a grid worker's account). Implemented by the identity module.</summary>
public interface ITenantUsers
{
    /// <summary>The user with this user name, or null.</summary>
    Task<TenantUser?> FindByUserNameAsync(string userName, CancellationToken cancellationToken = default);
}

/// <summary>A user account as other modules see it.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="UserName">The user name they sign in with.</param>
/// <param name="DisplayName">The name shown to others.</param>
/// <param name="GridUnits">The grid unit codes the user is confined to; empty when tenant-wide.</param>
/// <param name="Phone">The phone number on the account, or null.</param>
public sealed record TenantUser(string Id, string UserName, string DisplayName, IReadOnlyList<string> GridUnits, string? Phone = null);
