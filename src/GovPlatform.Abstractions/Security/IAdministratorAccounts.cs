namespace GovPlatform.Security;

/// <summary>
/// The tenant's administrator accounts, for the host: the first administrator of a new tenant, the host's own first
/// account, and a forgotten administrator password. Implemented by the identity module.
/// </summary>
public interface IAdministratorAccounts
{
    /// <summary>Whether any user holds the Administrator role.</summary>
    Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the user with the Administrator role, or, when the user name exists, gives it the role, sets the password
    /// and lifts any lockout. The password must satisfy the tenant's policy.
    /// </summary>
    Task<AccountResult> EnsureAdministratorAsync(string userName, string? email, string password, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of an account operation; <see cref="Errors"/> are written for people, in the current UI culture.</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    /// <summary>Success.</summary>
    public static AccountResult Success { get; } = new(true, []);
}
