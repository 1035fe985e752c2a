using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using FluentMigrator;
using FluentMigrator.Runner;
using FluentMigrator.Runner.Conventions;
using FluentMigrator.Runner.Generators.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Data.Migrations;

/// <summary>
/// Runs features' FluentMigrator migrations in a tenant's database and records each applied version in
/// <c>gp_migrations</c>. A feature's pending migrations run in one transaction, under a lock held by that
/// transaction (an advisory lock on PostgreSQL, the database write lock on SQLite), so two nodes or two
/// activations never run the same migration twice; a failure rolls the feature's migrations back.
/// </summary>
public sealed class TenantMigrator(ILoggerFactory loggerFactory, ILogger<TenantMigrator> logger)
{
    private static readonly string[] BootstrapSql =
    [
        """
        CREATE TABLE IF NOT EXISTS gp_migrations (
            feature_id VARCHAR(200) NOT NULL,
            version BIGINT NOT NULL,
            description VARCHAR(400) NOT NULL,
            applied_utc VARCHAR(40) NOT NULL,
            PRIMARY KEY (feature_id, version))
        """,
        """
        CREATE TABLE IF NOT EXISTS gp_locks (
            name VARCHAR(200) NOT NULL PRIMARY KEY,
            taken_utc VARCHAR(40) NOT NULL)
        """,
    ];

    // Versions known to be applied, per physical database and feature: re-activations skip the query.
    private readonly ConcurrentDictionary<(string Database, string Feature), long> _verified = new();

    /// <summary>The highest applied version of each feature (empty for a new database).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> GetAppliedAsync(TenantDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return await DatabaseErrors.Retry.ExecuteAsync(async ct =>
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(ct);
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                await using var bootstrap = connection.CreateCommand();
                bootstrap.Transaction = transaction;
                if (database.IsPostgres)
                {
                    // "IF NOT EXISTS" is not atomic on PostgreSQL: nodes creating the tables at once take turns.
                    bootstrap.CommandText = "SELECT pg_advisory_xact_lock(1735291, hashtext(current_database() || '.' || current_schema()))";
                    await bootstrap.ExecuteNonQueryAsync(ct);
                }

                foreach (var sql in BootstrapSql)
                {
                    bootstrap.CommandText = sql;
                    await bootstrap.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
            }

            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT feature_id, MAX(version) FROM gp_migrations GROUP BY feature_id";
            var result = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                result[reader.GetString(0)] = reader.GetInt64(1);
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Brings each feature up to its latest migration (or to <paramref name="upTo"/> where given), in order. Returns the
    /// failures by feature: a failed feature's migrations are rolled back and the features after it still run.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MigrationFailedException>> MigrateAsync(
        TenantDatabase database,
        IReadOnlyList<(string FeatureId, IReadOnlyList<MigrationDescriptor> Migrations)> features,
        IReadOnlyDictionary<string, long>? upTo = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(features);
        var failures = new Dictionary<string, MigrationFailedException>(StringComparer.Ordinal);
        var wanted = features
            .Select(f => (f.FeatureId, Migrations: (IReadOnlyList<MigrationDescriptor>)[.. f.Migrations.Where(m => upTo is null || !upTo.TryGetValue(f.FeatureId, out var limit) || m.Version <= limit)]))
            .Where(f => f.Migrations.Count > 0 && !IsVerified(database, f.FeatureId, f.Migrations[^1].Version))
            .ToList();
        if (wanted.Count == 0)
        {
            return failures;
        }

        var applied = await GetAppliedAsync(database, cancellationToken);
        var pending = new List<(string FeatureId, IReadOnlyList<MigrationDescriptor> Migrations)>();
        foreach (var (featureId, migrations) in wanted)
        {
            var current = applied.GetValueOrDefault(featureId);
            if (migrations[^1].Version < current && (upTo is null || !upTo.ContainsKey(featureId)))
            {
                // The data was migrated by a newer build of the feature (a module package uninstalled and an older one
                // installed, a host rolled back): this build does not know the schema it would run on.
                var failure = new MigrationFailedException(featureId, current, "newer data", new InvalidOperationException(
                    $"the tenant's data is at version {current}, newer than this build of the feature knows (up to {migrations[^1].Version}); install the newer version of its module"));
                logger.LogError("Tenant {Tenant}: {Error}", database.Tenant, failure.Message);
                failures[featureId] = failure;
            }
            else if (migrations[^1].Version <= current)
            {
                _verified[(database.Key, featureId)] = current;
            }
            else
            {
                pending.Add((featureId, migrations));
            }
        }

        if (pending.Count == 0)
        {
            return failures;
        }

        // FluentMigrator is synchronous; run it off the request thread.
        await Task.Run(() => RunPending(database, pending, failures, cancellationToken), cancellationToken);
        return failures;
    }

    /// <summary>Forgets what was verified for a database (after it is dropped or replaced by an import).</summary>
    public void Forget(TenantDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        foreach (var key in _verified.Keys.Where(k => k.Database == database.Key))
        {
            _verified.TryRemove(key, out _);
        }
    }

    private bool IsVerified(TenantDatabase database, string featureId, long version) =>
        _verified.TryGetValue((database.Key, featureId), out var verified) && verified >= version;

    private void RunPending(
        TenantDatabase database,
        List<(string FeatureId, IReadOnlyList<MigrationDescriptor> Migrations)> pending,
        Dictionary<string, MigrationFailedException> failures,
        CancellationToken cancellationToken)
    {
        using var services = BuildServices(database);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
        foreach (var (featureId, migrations) in pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MigrationDescriptor? running = null;
            try
            {
                var applied = new List<long>();
                using (var migrationScope = runner.BeginScope())
                {
                    Lock(runner.Processor, database, featureId);
                    var current = ReadApplied(runner.Processor, featureId);
                    foreach (var migration in migrations.Where(m => m.Version > current))
                    {
                        running = migration;
                        runner.Up((IMigration)ActivatorUtilities.CreateInstance(scope.ServiceProvider, migration.Type));
                        runner.Processor.Execute(
                            "INSERT INTO gp_migrations (feature_id, version, description, applied_utc) VALUES ('{0}', {1}, '{2}', '{3}')",
                            Quote(featureId), migration.Version.ToString(CultureInfo.InvariantCulture), Quote(Truncate(migration.Description, 400)), DateTime.UtcNow.ToString("O"));
                        applied.Add(migration.Version);
                    }

                    migrationScope.Complete();
                }

                _verified[(database.Key, featureId)] = migrations[^1].Version;
                if (applied.Count > 0)
                {
                    logger.LogInformation("Tenant {Tenant}: feature {Feature} migrated to version {Version} ({Migrations}) in {Database}",
                        database.Tenant, featureId, applied[^1], string.Join(", ", applied), database.Describe());
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (DatabaseErrors.IsUnavailable(ex))
                {
                    throw new TenantUnavailableException(database.Tenant, ex);
                }

                var failure = new MigrationFailedException(featureId, running?.Version ?? 0, running?.Description ?? "lock", ex);
                logger.LogError(ex, "Tenant {Tenant}: {Error}", database.Tenant, failure.Message);
                failures[featureId] = failure;
            }
        }
    }

    private ServiceProvider BuildServices(TenantDatabase database)
    {
        var services = new ServiceCollection()
            .AddSingleton(loggerFactory)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                if (database.IsPostgres)
                {
                    runner.AddPostgres();
                }
                else
                {
                    runner.AddSQLite();
                }

                runner.WithGlobalConnectionString(database.ConnectionString)
                    .WithGlobalCommandTimeout(TimeSpan.FromMinutes(5));
            })
            .AddSingleton<IConventionSet>(new DefaultConventionSet(database.IsPostgres ? database.Schema : null, workingDirectory: null))
            .AddSingleton<ISQLiteTypeMap, PortableSqliteTypeMap>();
        return services.BuildServiceProvider(validateScopes: false);
    }

    private static void Lock(IMigrationProcessor processor, TenantDatabase database, string featureId)
    {
        if (database.IsPostgres)
        {
            // Held until the transaction ends; other nodes wait here, then see the versions this one recorded.
            processor.Execute("SELECT pg_advisory_xact_lock(1735290, hashtext(current_database() || '.' || current_schema()))");
        }
        else
        {
            // The first write of the transaction takes SQLite's database write lock until commit or rollback.
            processor.Execute(
                "INSERT INTO gp_locks (name, taken_utc) VALUES ('migrations:{0}', '{1}') ON CONFLICT (name) DO UPDATE SET taken_utc = excluded.taken_utc",
                Quote(featureId), DateTime.UtcNow.ToString("O"));
        }
    }

    private static long ReadApplied(IMigrationProcessor processor, string featureId)
    {
        using var data = processor.Read("SELECT MAX(version) FROM gp_migrations WHERE feature_id = '{0}'", Quote(featureId));
        var value = data.Tables[0].Rows.Count > 0 ? data.Tables[0].Rows[0][0] : DBNull.Value;
        return value is DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    // FluentMigrator formats its templates with string.Format; values go in as SQL string literals.
    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
