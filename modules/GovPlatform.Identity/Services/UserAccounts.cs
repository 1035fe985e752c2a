using System.Security.Claims;
using GovPlatform.Identity.Models;
using GovPlatform.Identity.Security;
using GovPlatform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace GovPlatform.Identity.Services;

/// <summary>Creating users and setting their roles and grid units, shared by the admin pages, registration, the recipe step and the bootstrap service.</summary>
public sealed class UserAccounts(UserManager<GovUser> users, IdentitySeeder seeder, AccessCache cache, TimeProvider clock, IGridScopeEvaluator grid, IStringLocalizer<IdentityTexts> t)
{
    /// <summary>Creates a user, with a password when one is given, in the given roles and grid units.</summary>
    public async Task<(IdentityResult Result, GovUser User)> CreateAsync(
        string userName, string? email, string? displayName, string? phone, string? password,
        IEnumerable<string> roles, IEnumerable<string>? gridUnits = null, CancellationToken cancellationToken = default)
    {
        await seeder.EnsureAsync(cancellationToken);

        // Checked before the account exists: a refused unit must not leave a half-made user behind.
        if (gridUnits is not null && await CheckGridUnitsAsync(gridUnits, cancellationToken) is { Succeeded: false } refused)
        {
            return (refused, new GovUser { UserName = userName.Trim() });
        }

        var user = new GovUser
        {
            UserName = userName.Trim(),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName.Trim() : displayName.Trim(),
            PhoneNumber = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return (result, user);
        }

        result = await SetRolesAsync(user, roles);
        if (result.Succeeded && gridUnits is not null)
        {
            result = await SetGridUnitsAsync(user, gridUnits);
        }

        return (result, user);
    }

    /// <summary>Makes the user's roles exactly <paramref name="roles"/> (unknown roles are an error).</summary>
    public async Task<IdentityResult> SetRolesAsync(GovUser user, IEnumerable<string> roles)
    {
        var wanted = roles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).ToList();
        var current = await users.GetRolesAsync(user);
        var result = IdentityResult.Success;
        if (current.Except(wanted, StringComparer.Ordinal).ToList() is { Count: > 0 } removed)
        {
            result = await users.RemoveFromRolesAsync(user, removed);
        }

        if (result.Succeeded && wanted.Except(current, StringComparer.Ordinal).ToList() is { Count: > 0 } added)
        {
            try
            {
                result = await users.AddToRolesAsync(user, added);
            }
            catch (InvalidOperationException)
            {
                // Identity throws for a role that does not exist.
                result = IdentityResult.Failed(users.ErrorDescriber.InvalidRoleName(string.Join(", ", added)));
            }
        }

        cache.InvalidateUser(user.Id);
        return result;
    }

    /// <summary>Makes the user's grid units (claims <see cref="GovClaimTypes.GridUnit"/>) exactly <paramref name="units"/>.</summary>
    public async Task<IdentityResult> SetGridUnitsAsync(GovUser user, IEnumerable<string> units)
    {
        var wanted = units.Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (await CheckGridUnitsAsync(wanted, default) is { Succeeded: false } refused)
        {
            return refused;
        }

        var current = (await users.GetClaimsAsync(user)).Where(c => c.Type == GovClaimTypes.GridUnit).ToList();
        var result = IdentityResult.Success;
        if (current.Where(c => !wanted.Contains(c.Value)).ToList() is { Count: > 0 } removed)
        {
            result = await users.RemoveClaimsAsync(user, removed);
        }

        if (result.Succeeded && wanted.Where(u => !current.Any(c => c.Value == u)).ToList() is { Count: > 0 } added)
        {
            result = await users.AddClaimsAsync(user, added.Select(u => new Claim(GovClaimTypes.GridUnit, u)));
        }

        cache.InvalidateUser(user.Id);
        return result;
    }

    /// <summary>The user's grid unit codes.</summary>
    public async Task<IReadOnlyList<string>> GetGridUnitsAsync(GovUser user) =>
        [.. (await users.GetClaimsAsync(user)).Where(c => c.Type == GovClaimTypes.GridUnit).Select(c => c.Value)];

    /// <summary>Refuses codes the tenant's grid does not know (a typo would silently confine the user to nothing); without a grid every code is accepted.</summary>
    private async Task<IdentityResult> CheckGridUnitsAsync(IEnumerable<string> units, CancellationToken cancellationToken)
    {
        var unknown = new List<IdentityError>();
        foreach (var unit in units.Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (await grid.ExistsAsync(unit, cancellationToken) == false)
            {
                unknown.Add(new IdentityError { Code = "UnknownGridUnit", Description = t["There is no grid unit {0}.", unit] });
            }
        }

        return unknown.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. unknown]);
    }
}
