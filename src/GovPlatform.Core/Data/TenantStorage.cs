using System.Collections.Concurrent;
using GovPlatform.Core.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GovPlatform.Core.Data;

/// <summary>
/// Creates and drops tenants' databases: the SQLite file (in WAL mode) or the PostgreSQL schema or database, with the
/// platform's own tables. Creation is idempotent and done once per process for each database.
/// </summary>
public sealed class TenantStorage(TenantMigrator migrator, ILogger<TenantStorage> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _ready = new(StringComparer.Ordinal);

    /// <summary>Makes sure the tenant's database exists with the platform's tables.</summary>
    public async Task EnsureCreatedAsync(TenantDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var ready = _ready.GetOrAdd(database.Key, _ => new Lazy<Task>(() => CreateAsync(database)));
        try
        {
            await ready.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            _ready.TryRemove(new KeyValuePair<string, Lazy<Task>>(database.Key, ready));
            throw;
        }
    }

    /// <summary>True when the tenant's file, schema or database exists.</summary>
    public static async Task<bool> ExistsAsync(TenantDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.IsPostgres)
        {
            return File.Exists(database.FilePath);
        }

        await using var connection = new NpgsqlConnection(database.ServerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (database.IsolatedDatabase)
        {
            command.CommandText = "SELECT 1 FROM pg_database WHERE datname = @name";
            command.Parameters.AddWithValue("name", new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!);
        }
        else
        {
            command.CommandText = "SELECT 1 FROM information_schema.schemata WHERE schema_name = @name";
            command.Parameters.AddWithValue("name", database.Schema!);
        }

        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Drops the tenant's data for good: deletes the SQLite file (and its folder), or drops the schema or database.</summary>
    public async Task DropAsync(TenantDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        _ready.TryRemove(database.Key, out _);
        migrator.Forget(database);
        database.ClearPool();
        if (!database.IsPostgres)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database.FilePath + suffix);
            }

            logger.LogWarning("Tenant {Tenant}: {Database} deleted", database.Tenant, database.Describe());
            return;
        }

        await using var connection = new NpgsqlConnection(database.ServerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = database.IsolatedDatabase
            ? $"DROP DATABASE IF EXISTS {QuoteIdentifier(new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!)} WITH (FORCE)"
            : $"DROP SCHEMA IF EXISTS {QuoteIdentifier(database.Schema!)} CASCADE";
        await command.ExecuteNonQueryAsync(cancellationToken);
        logger.LogWarning("Tenant {Tenant}: {Database} dropped", database.Tenant, database.Describe());
    }

    /// <summary>Forgets that a database was made ready in this process (it was dropped or replaced elsewhere).</summary>
    public void Forget(TenantDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _ready.TryRemove(database.Key, out _);
        migrator.Forget(database);
    }

    private async Task CreateAsync(TenantDatabase database)
    {
        await DatabaseErrors.Retry.ExecuteAsync(async ct =>
        {
            if (database.IsPostgres)
            {
                await CreatePostgresAsync(database, ct);
            }
            else
            {
                await CreateSqliteAsync(database, ct);
            }
        }, CancellationToken.None);

        var failures = await migrator.MigrateAsync(database, [(CoreMigrations.FeatureId, CoreMigrations.All)]);
        if (failures.Count > 0)
        {
            throw failures.Values.First();
        }
    }

    private static async Task CreateSqliteAsync(TenantDatabase database, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database.FilePath)!);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // WAL is a property of the file: readers do not block the writer, and a crash loses no committed transaction.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CreatePostgresAsync(TenantDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ServerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (database.IsolatedDatabase)
        {
            var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
            command.CommandText = "SELECT 1 FROM pg_database WHERE datname = @name";
            command.Parameters.AddWithValue("name", name);
            if (await command.ExecuteScalarAsync(cancellationToken) is null)
            {
                command.Parameters.Clear();
                command.CommandText = $"CREATE DATABASE {QuoteIdentifier(name)}";
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                    logger.LogInformation("Tenant {Tenant}: {Database} created", database.Tenant, database.Describe());
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                    // Another node created it first.
                }
            }

            return;
        }

        command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {QuoteIdentifier(database.Schema!)}";
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema)
        {
            // Another node created it at the same instant.
        }
    }

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
