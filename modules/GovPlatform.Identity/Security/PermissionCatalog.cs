using GovPlatform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Identity.Security;

/// <summary>
/// The permissions the enabled features declare, read once per shell from their <see cref="IPermissionProvider"/>s
/// (a feature change builds a new shell, so the list is never stale).
/// </summary>
public sealed class PermissionCatalog(IServiceScopeFactory scopes)
{
    private readonly Lazy<Snapshot> _snapshot = new(() => Load(scopes));

    /// <summary>Every permission, in the order the providers declare them; a name declared twice counts once.</summary>
    public IReadOnlyList<Permission> All => _snapshot.Value.Permissions;

    /// <summary>Each provider's default grants, keyed by the provider's type name (applied once per tenant).</summary>
    internal IReadOnlyList<(string Provider, IReadOnlyList<PermissionGrant> Grants)> DefaultGrants => _snapshot.Value.Grants;

    /// <summary>The permission with this name, or null when no enabled feature declares it.</summary>
    public Permission? Find(string name) => _snapshot.Value.ByName.GetValueOrDefault(name);

    private static Snapshot Load(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var providers = scope.ServiceProvider.GetServices<IPermissionProvider>().OrderBy(p => p.GetType().FullName, StringComparer.Ordinal).ToList();
        var byName = new Dictionary<string, Permission>(StringComparer.Ordinal);
        var permissions = new List<Permission>();
        foreach (var permission in providers.SelectMany(p => p.GetPermissions()))
        {
            if (byName.TryAdd(permission.Name, permission))
            {
                permissions.Add(permission);
            }
        }

        var grants = providers.Select(p => (p.GetType().FullName ?? p.GetType().Name, (IReadOnlyList<PermissionGrant>)[.. p.GetDefaultGrants()])).ToList();
        return new Snapshot(permissions, byName, grants);
    }

    private sealed record Snapshot(
        IReadOnlyList<Permission> Permissions, IReadOnlyDictionary<string, Permission> ByName,
        IReadOnlyList<(string Provider, IReadOnlyList<PermissionGrant> Grants)> Grants);
}
