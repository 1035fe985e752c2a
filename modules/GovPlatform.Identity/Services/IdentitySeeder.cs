using GovPlatform.Data;
using GovPlatform.Identity.Models;
using GovPlatform.Identity.Security;
using GovPlatform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Identity.Services;

/// <summary>
/// Makes sure the tenant has the nine built-in roles and that every enabled feature's default grants were applied
/// once. It runs once per shell (a feature change builds a new shell), at the first permission check of a signed-in
/// user or account creation that needs it; it is idempotent, and safe when two nodes run it at once.
/// </summary>
public sealed class IdentitySeeder(IServiceScopeFactory scopes, PermissionCatalog catalog, AccessCache cache, ILogger<IdentitySeeder> logger)
{
    private const string StateId = "identity";
    private readonly Lock _lock = new();
    private Task? _run;

    /// <summary>Completes when the roles and default grants are in place.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        var run = _run;
        if (run is { IsCompletedSuccessfully: true })
        {
            return run;
        }

        lock (_lock)
        {
            if (_run is null || _run.IsFaulted || _run.IsCanceled)
            {
                _run = RunAsync();
            }

            return _run.WaitAsync(cancellationToken);
        }
    }

    private async Task RunAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SeedAsync();
                cache.InvalidateRoles();
                return;
            }
            catch (DbUpdateException ex) when (attempt < 3)
            {
                // Another node seeded at the same moment (a unique role name or the state document's version): read again.
                logger.LogInformation(ex, "Seeding roles raced with another writer; trying again");
            }
        }
    }

    private async Task SeedAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        var documents = services.GetRequiredService<IDocumentStore>();
        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        await db.InTransactionAsync(async ct =>
        {
            var roles = await db.Set<GovRole>().ToListAsync(ct);
            foreach (var (name, _) in BuiltInRoles.All)
            {
                var normalized = normalizer.NormalizeName(name);
                if (!roles.Any(r => r.NormalizedName == normalized))
                {
                    var role = new GovRole(name) { NormalizedName = normalized, ConcurrencyStamp = Guid.NewGuid().ToString() };
                    db.Add(role);
                    roles.Add(role);
                    logger.LogInformation("Created the built-in role {Role}", name);
                }
            }

            var state = await documents.GetAsync<IdentitySeedState>(StateId, ct) ?? new IdentitySeedState();
            var pending = catalog.DefaultGrants.Where(g => !state.AppliedGrantProviders.Contains(g.Provider)).ToList();
            if (pending.Count > 0)
            {
                var existing = (await db.Set<IdentityRoleClaim<string>>().Where(c => c.ClaimType == GovClaimTypes.Permission)
                    .Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync(ct))
                    .Select(c => (c.RoleId, c.ClaimValue)).ToHashSet();
                foreach (var (provider, grants) in pending)
                {
                    foreach (var grant in grants.Where(g => g.Role != BuiltInRoles.Administrator))
                    {
                        var role = roles.FirstOrDefault(r => r.Name == grant.Role);
                        if (role is null)
                        {
                            logger.LogWarning("{Provider} grants permissions to the unknown role {Role}; ignored", provider, grant.Role);
                            continue;
                        }

                        foreach (var permission in grant.Permissions)
                        {
                            if (existing.Add((role.Id, permission.Name)))
                            {
                                db.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = GovClaimTypes.Permission, ClaimValue = permission.Name });
                            }
                        }
                    }

                    state.AppliedGrantProviders.Add(provider);
                    logger.LogInformation("Applied the default permission grants of {Provider}", provider);
                }

                await documents.SaveAsync(StateId, state, ct);
            }

            return 0;
        });
    }
}

/// <summary>What the seeder has done in this tenant: the permission providers whose default grants were applied.</summary>
[Document("identity-seed")]
public sealed class IdentitySeedState
{
    /// <summary>Type names of the providers already applied; their defaults are never applied again.</summary>
    public List<string> AppliedGrantProviders { get; set; } = [];
}
