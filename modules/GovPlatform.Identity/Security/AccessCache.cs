using System.Collections.Concurrent;
using GovPlatform.Data;
using GovPlatform.Identity.Models;
using GovPlatform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Identity.Security;

/// <summary>
/// What permission checks read, fresh from the tenant's database and kept per shell: each role's grants, and each
/// user's roles and grid units. Edits through this module invalidate it at once; entries also expire after
/// <see cref="Lifetime"/>, so that changes made on another node are seen within that time.
/// </summary>
public sealed class AccessCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long an entry is trusted without an edit on this node.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private const int MaxUsers = 10_000;

    private readonly ConcurrentDictionary<string, Entry<UserAccess?>> _users = new(StringComparer.Ordinal);
    private Entry<IReadOnlyDictionary<string, IReadOnlySet<string>>>? _grants;
    private long _generation;

    /// <summary>Role name → permission names granted to it (Administrator's are implicit and not listed).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> GetRoleGrantsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_grants is { } cached && cached.ExpiresUtc > now && cached.Generation == Interlocked.Read(ref _generation))
        {
            return cached.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var rows = await (from claim in db.Set<IdentityRoleClaim<string>>()
                          join role in db.Set<GovRole>() on claim.RoleId equals role.Id
                          where claim.ClaimType == GovClaimTypes.Permission
                          select new { role.Name, claim.ClaimValue }).AsNoTracking().ToListAsync(cancellationToken);
        var grants = rows.Where(r => r.Name is not null && r.ClaimValue is not null)
            .GroupBy(r => r.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(r => r.ClaimValue!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        _grants = new Entry<IReadOnlyDictionary<string, IReadOnlySet<string>>>(grants, now + Lifetime, generation);
        return grants;
    }

    /// <summary>The user's roles and grid units, or null when the user does not exist or is locked out.</summary>
    public async Task<UserAccess?> GetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_users.TryGetValue(userId, out var cached) && cached.ExpiresUtc > now)
        {
            return cached.Value;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var user = await db.Set<GovUser>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        UserAccess? access = null;
        if (user is not null && !(user.LockoutEnabled && user.LockoutEnd > now))
        {
            var roles = await (from userRole in db.Set<IdentityUserRole<string>>()
                               join role in db.Set<GovRole>() on userRole.RoleId equals role.Id
                               where userRole.UserId == userId
                               select role.Name).AsNoTracking().ToListAsync(cancellationToken);
            var units = await db.Set<IdentityUserClaim<string>>().AsNoTracking()
                .Where(c => c.UserId == userId && c.ClaimType == GovClaimTypes.GridUnit)
                .Select(c => c.ClaimValue).ToListAsync(cancellationToken);
            access = new UserAccess(
                roles.OfType<string>().ToHashSet(StringComparer.Ordinal),
                [.. units.OfType<string>().Distinct(StringComparer.Ordinal)]);
        }

        if (_users.Count >= MaxUsers)
        {
            _users.Clear();
        }

        _users[userId] = new Entry<UserAccess?>(access, now + Lifetime, 0);
        return access;
    }

    /// <summary>Forget role grants, after a role's permissions changed.</summary>
    public void InvalidateRoles()
    {
        Interlocked.Increment(ref _generation);
        _grants = null;
    }

    /// <summary>Forget a user's roles and units, after the user was edited.</summary>
    public void InvalidateUser(string userId) => _users.TryRemove(userId, out _);

    private sealed record Entry<T>(T Value, DateTimeOffset ExpiresUtc, long Generation);
}

/// <summary>A user's roles and grid units as permission checks see them.</summary>
public sealed record UserAccess(IReadOnlySet<string> Roles, IReadOnlyList<string> GridUnits);
