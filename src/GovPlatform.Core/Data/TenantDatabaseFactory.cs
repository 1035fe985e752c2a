using System.Collections.Concurrent;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Shells;
using GovPlatform.Data;

namespace GovPlatform.Core.Data;

/// <summary>Resolves a tenant's <see cref="TenantDatabase"/> from its settings; one instance per distinct configuration.</summary>
public sealed class TenantDatabaseFactory(HostPaths paths)
{
    public const string SqliteFileName = "govplatform.db";

    private readonly ConcurrentDictionary<(string Tenant, string Provider, string? Connection, string Isolation, string Name), TenantDatabase> _cache = new();

    public TenantDatabase Get(ShellSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var provider = settings.DatabaseProvider;
        var connection = provider == DatabaseProviders.Postgres ? settings.ConnectionString : null;
        return _cache.GetOrAdd((settings.Name, provider, connection, settings.DatabaseIsolation, settings.DatabaseName), key => key.Provider == DatabaseProviders.Postgres
            ? TenantDatabase.Postgres(key.Tenant, key.Connection!, key.Isolation == "Database", key.Name)
            : TenantDatabase.Sqlite(key.Tenant, Path.Combine(paths.TenantDataPath(key.Tenant), SqliteFileName)));
    }

    /// <summary>Forgets cached instances of a tenant (after it is removed or moved to another store).</summary>
    public void Forget(string tenant)
    {
        foreach (var key in _cache.Keys.Where(k => k.Tenant == tenant))
        {
            _cache.TryRemove(key, out _);
        }
    }
}
