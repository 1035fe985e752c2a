using System.Data.Common;

namespace GovPlatform.Data;

/// <summary>The current tenant's database: its provider, connection and schema.</summary>
public interface ITenantDatabase
{
    /// <summary><see cref="DatabaseProviders.Sqlite"/> or <see cref="DatabaseProviders.Postgres"/>.</summary>
    string Provider { get; }

    /// <summary>True on PostgreSQL; modules rarely need to know.</summary>
    bool IsPostgres { get; }

    /// <summary>The schema that holds the tenant's tables on PostgreSQL (also its search path); null on SQLite.</summary>
    string? Schema { get; }

    /// <summary>A new, closed connection to the tenant's database.</summary>
    DbConnection CreateConnection();
}
