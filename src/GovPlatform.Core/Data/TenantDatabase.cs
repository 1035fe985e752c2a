using System.Data.Common;
using GovPlatform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace GovPlatform.Core.Data;

/// <summary>
/// Where one tenant's data lives and how to reach it. SQLite: a file under the tenant's folder, WAL, with a busy
/// timeout. PostgreSQL: the tenant's schema as search path (schema isolation), or its own database.
/// </summary>
public sealed class TenantDatabase : ITenantDatabase
{
    /// <summary>Seconds a command waits for a lock (SQLite busy timeout) or for the server.</summary>
    public const int CommandTimeoutSeconds = 30;

    private TenantDatabase(string tenant, string provider, string connectionString, string? schema, string? serverConnectionString, string? filePath, bool isolatedDatabase)
    {
        Tenant = tenant;
        Provider = provider;
        ConnectionString = connectionString;
        Schema = schema;
        ServerConnectionString = serverConnectionString;
        FilePath = filePath;
        IsolatedDatabase = isolatedDatabase;
    }

    public string Tenant { get; }

    public string Provider { get; }

    public bool IsPostgres => Provider == DatabaseProviders.Postgres;

    /// <summary>The tenant's own connection string (with search path or database).</summary>
    public string ConnectionString { get; }

    public string? Schema { get; }

    /// <summary>PostgreSQL: the server's connection string as configured, used to create and drop the schema or database.</summary>
    public string? ServerConnectionString { get; }

    /// <summary>SQLite: the database file.</summary>
    public string? FilePath { get; }

    /// <summary>PostgreSQL: the tenant has a database of its own rather than a schema.</summary>
    public bool IsolatedDatabase { get; }

    /// <summary>Identifies the physical store, for locks and caches: two tenants never share one.</summary>
    public string Key => IsPostgres ? $"pg:{Host()}/{new NpgsqlConnectionStringBuilder(ConnectionString).Database}/{Schema}" : $"sqlite:{FilePath}";

    /// <summary>A description safe to show and log (no password).</summary>
    public string Describe() => IsPostgres
        ? IsolatedDatabase ? $"PostgreSQL database '{new NpgsqlConnectionStringBuilder(ConnectionString).Database}' on {Host()}" : $"PostgreSQL schema '{Schema}' on {Host()}"
        : $"SQLite file {FilePath}";

    public static TenantDatabase Sqlite(string tenant, string filePath) => new(
        tenant,
        DatabaseProviders.Sqlite,
        new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = CommandTimeoutSeconds,
        }.ToString(),
        schema: null,
        serverConnectionString: null,
        filePath,
        isolatedDatabase: false);

    public static TenantDatabase Postgres(string tenant, string serverConnectionString, bool isolatedDatabase, string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString)
        {
            CommandTimeout = CommandTimeoutSeconds,
            ApplicationName = "GovPlatform",
        };

        // Idle connections of a released tenant go back to the server soon; a pool per tenant stays small.
        if (!serverConnectionString.Contains("Idle Lifetime", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionIdleLifetime = 60;
        }

        string schema;
        if (isolatedDatabase)
        {
            builder.Database = name;
            schema = "public";
        }
        else
        {
            schema = name;
            builder.SearchPath = name;
        }

        return new TenantDatabase(tenant, DatabaseProviders.Postgres, builder.ToString(), schema, serverConnectionString, filePath: null, isolatedDatabase);
    }

    public DbConnection CreateConnection() => IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    /// <summary>Configures an EF Core context for this database: provider, snake_case names, retries on PostgreSQL.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsPostgres)
        {
            options.UseNpgsql(ConnectionString, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null));
        }
        else
        {
            options.UseSqlite(ConnectionString);
        }

        options.UseSnakeCaseNamingConvention();
        options.ReplaceService<IModelCacheKeyFactory, TenantModelCacheKeyFactory>();
    }

    /// <summary>Returns pooled connections of this database to the server (or closes the file), before it is moved or dropped.</summary>
    public void ClearPool()
    {
        if (IsPostgres)
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    private string Host()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{builder.Host}:{builder.Port}";
    }
}
