using GovPlatform.Auditing;
using GovPlatform.Identity.Models;
using GovPlatform.Security;
using Microsoft.AspNetCore.Identity;

namespace GovPlatform.Identity.Services;

/// <summary>
/// Creates or resets a tenant's Administrator: what the host admin calls to give a new tenant its first
/// administrator, and what an operator uses when the last administrator's password is lost. Resolve it from a scope
/// of the tenant's shell.
/// </summary>
public sealed class TenantAdministrators(UserManager<GovUser> users, UserAccounts accounts, IAuditLog audit) : IAdministratorAccounts
{
    /// <inheritdoc />
    public async Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken = default) =>
        (await users.GetUsersInRoleAsync(BuiltInRoles.Administrator)).Count > 0;

    /// <inheritdoc />
    public async Task<AccountResult> EnsureAdministratorAsync(string userName, string? email, string password, CancellationToken cancellationToken = default)
    {
        var result = await CreateOrResetAsync(userName, email, password, cancellationToken: cancellationToken);
        return result.Succeeded ? AccountResult.Success : new AccountResult(false, [.. result.Errors.Select(e => e.Description)]);
    }

    /// <summary>
    /// Creates <paramref name="userName"/> as an Administrator with the password; when the user exists, makes it an
    /// Administrator, sets the password and lifts any lockout. Fails with Identity's errors (password policy…).
    /// </summary>
    public async Task<IdentityResult> CreateOrResetAsync(string userName, string? email, string password, string? displayName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            var (created, _) = await accounts.CreateAsync(userName, email, displayName, null, password, [BuiltInRoles.Administrator], cancellationToken: cancellationToken);
            if (created.Succeeded)
            {
                await audit.RecordAsync(new AuditEvent("users", "bootstrap-admin", userName, "Administrator created"), cancellationToken);
            }

            return created;
        }

        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded)
            {
                return valid;
            }
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (result.Succeeded && !await users.IsInRoleAsync(user, BuiltInRoles.Administrator))
        {
            var roles = await users.GetRolesAsync(user);
            result = await accounts.SetRolesAsync(user, [.. roles, BuiltInRoles.Administrator]);
        }

        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordAsync(new AuditEvent("users", "bootstrap-admin", user.UserName, "Administrator password reset"), cancellationToken);
        }

        return result;
    }
}
