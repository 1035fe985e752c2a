using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Data;
using GovPlatform.Core.Data.Migrations;
using GovPlatform.Core.Modules;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.TestModules.Notes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Host.Tests.Data;

/// <summary>Per-feature migrations: fresh install, upgrade, failure and concurrency, on each provider.</summary>
public sealed class MigrationTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_fresh_tenant_gets_every_migration_of_its_features_recorded(string provider)
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithTenant("beta", ["Test.Echo"]).WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha", "beta");

        Assert.Equal([1L, 2L], await host.AppliedVersionsAsync("alpha", "Test.Notes"));
        Assert.Equal(CoreMigrations.All.Select(m => m.Version), await host.AppliedVersionsAsync("alpha", CoreMigrations.FeatureId));
        Assert.True(await host.TableExistsAsync("alpha", "test_note_card_index"));
        Assert.False(await host.TableExistsAsync("beta", "test_notes"));

        var features = (await host.AdminClient().GetFromJsonAsync<JsonArray>("/api/tenants/alpha/features"))!;
        var notes = features.Single(f => (string?)f!["id"] == "Test.Notes")!;
        Assert.True((bool)notes["enabled"]!);
        Assert.Equal(2L, (long?)notes["schemaVersion"]);
        Assert.Equal(2L, (long?)notes["latestSchemaVersion"]);
        Assert.Null((string?)notes["migrationError"]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Enabling_a_feature_later_migrates_it_before_its_pages_serve(string provider)
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Echo"]).WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha");
        Assert.Empty(await host.AppliedVersionsAsync("alpha", "Test.Notes"));

        Assert.Equal(HttpStatusCode.OK, (await host.ChangeFeaturesAsync("alpha", enable: ["Test.Notes"])).StatusCode);

        Assert.Equal([1L, 2L], await host.AppliedVersionsAsync("alpha", "Test.Notes"));
        Assert.Equal(HttpStatusCode.OK, (await host.Client("application/json").PostAsJsonAsync("/alpha/notes", new { title = "right away" })).StatusCode);

        // Disabling keeps the tables and their data; enabling again runs nothing twice.
        Assert.Equal(HttpStatusCode.OK, (await host.ChangeFeaturesAsync("alpha", disable: ["Test.Notes"])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.ChangeFeaturesAsync("alpha", enable: ["Test.Notes"])).StatusCode);
        Assert.Equal([1L, 2L], await host.AppliedVersionsAsync("alpha", "Test.Notes"));
        Assert.Single((await host.Client("application/json").GetFromJsonAsync<JsonArray>("/alpha/notes"))!);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_host_started_with_a_newer_module_version_upgrades_the_tenant_and_keeps_its_data(string provider)
    {
        var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        Assert.Equal(HttpStatusCode.OK, (await host.Client("application/json").PostAsJsonAsync("/alpha/notes", new { title = "from version 1" })).StatusCode);

        // Put the database back to what version 1 of the module left: no tag column, no card index, version 1 recorded.
        await host.ExecuteAsync("alpha", "DELETE FROM gp_documents WHERE type = 'test-note-card'");
        await host.ExecuteAsync("alpha", "DROP TABLE test_note_card_index");
        await host.ExecuteAsync("alpha", "ALTER TABLE test_notes DROP COLUMN tag");
        await host.ExecuteAsync("alpha", "DELETE FROM gp_migrations WHERE feature_id = 'Test.Notes' AND version = 2");

        await using var restarted = await host.RestartAsync();
        var notes = (await restarted.Client("application/json").GetFromJsonAsync<JsonArray>("/alpha/notes"))!;

        Assert.Equal("from version 1", (string?)Assert.Single(notes)!["title"]);
        Assert.Equal([1L, 2L], await restarted.AppliedVersionsAsync("alpha", "Test.Notes"));
        Assert.True(await restarted.TableExistsAsync("alpha", "test_note_card_index"));
        Assert.Contains(restarted.Logs, l => l.Contains("Test.Notes migrated to version 2", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failing_migration_is_rolled_back_and_leaves_the_feature_disabled_with_its_error_shown(string provider)
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha");

        var response = await host.ChangeFeaturesAsync("alpha", enable: ["Test.NeedsBroken"]);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Migration failed", (string?)problem["title"]);
        Assert.Contains("Test.BrokenMigration", (string?)problem["detail"]);
        Assert.Contains("no_such_table", (string?)problem["detail"]);

        // Both of the feature's migrations ran in one transaction: neither table nor version is left.
        Assert.False(await host.TableExistsAsync("alpha", "test_broken"));
        Assert.False(await host.TableExistsAsync("alpha", "test_broken_second"));
        Assert.Empty(await host.AppliedVersionsAsync("alpha", "Test.BrokenMigration"));

        var features = (await host.AdminClient().GetFromJsonAsync<JsonArray>("/api/tenants/alpha/features"))!;
        var broken = features.Single(f => (string?)f!["id"] == "Test.BrokenMigration")!;
        Assert.False((bool)broken["enabled"]!);
        Assert.Contains("no_such_table", (string?)broken["migrationError"]);
        Assert.False((bool)features.Single(f => (string?)f!["id"] == "Test.NeedsBroken")!["enabled"]!);
        Assert.Contains(host.Logs, l => l.Contains("Migration 2 (A statement that fails) of feature 'Test.BrokenMigration' failed", StringComparison.Ordinal));

        // The tenant goes on with what it had.
        Assert.Equal(HttpStatusCode.OK, (await host.Client("application/json").GetAsync("/alpha/notes")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_feature_whose_data_is_newer_than_its_build_stays_off_with_the_reason_shown(string provider)
    {
        var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        Assert.Equal(HttpStatusCode.OK, (await host.Client("application/json").PostAsJsonAsync("/alpha/notes", new { title = "kept" })).StatusCode);

        // As if a later build of the module had run its migration 3, and this older build were installed again.
        await host.ExecuteAsync("alpha", "INSERT INTO gp_migrations (feature_id, version, description, applied_utc) VALUES ('Test.Notes', 3, 'From a newer build', '2026-11-26T00:00:00Z')");

        await using var restarted = await host.RestartAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await restarted.Client("application/json").GetAsync("/alpha/notes")).StatusCode);
        var notes = (await restarted.AdminClient().GetFromJsonAsync<JsonArray>("/api/tenants/alpha/features"))!.Single(f => (string?)f!["id"] == "Test.Notes")!;
        Assert.False((bool)notes["enabled"]!);
        Assert.Contains("newer than this build of the feature knows (up to 2)", (string?)notes["migrationError"], StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 3L], await restarted.AppliedVersionsAsync("alpha", "Test.Notes"));
        Assert.Equal(1L, Convert.ToInt64(await restarted.ScalarAsync("alpha", "SELECT COUNT(*) FROM test_notes"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_migration_failing_at_start_up_disables_that_feature_and_its_dependents_only(string provider)
    {
        var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha");

        // A stored feature set that includes the broken feature, as after an upgrade that brought its bad migration.
        var state = host.Services.GetRequiredService<GovPlatform.Core.State.ShellStateStore>();
        await state.SaveFeaturesAsync(host.Shells.Find("alpha")!, ["Test.Notes", "Test.BrokenMigration", "Test.NeedsBroken"]);

        await using var restarted = await host.RestartAsync();
        Assert.Equal(HttpStatusCode.OK, (await restarted.Client("application/json").GetAsync("/alpha/notes")).StatusCode);

        var enabled = (await restarted.AdminClient().GetFromJsonAsync<JsonArray>("/api/tenants/alpha/features"))!
            .Where(f => (bool)f!["enabled"]!).Select(f => (string)f!["id"]!).ToList();
        Assert.Contains("Test.Notes", enabled);
        Assert.DoesNotContain("Test.BrokenMigration", enabled);
        Assert.DoesNotContain("Test.NeedsBroken", enabled);
        Assert.Equal(["Test.Always", "Test.Notes"], (await state.LoadFeaturesAsync(restarted.Shells.Find("alpha")!))!.Where(f => f.StartsWith("Test.", StringComparison.Ordinal)).Order());
        Assert.Contains(restarted.Logs, l => l.Contains("are disabled because a migration failed", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Nodes_creating_and_migrating_the_same_new_tenant_at_once_run_each_migration_once(string provider)
    {
        await using var host = await new TestHost().WithProviderAsync(provider);
        host.Start();
        var database = provider == "Postgres"
            ? TenantDatabase.Postgres("fresh", host.PostgresConnectionString!, isolatedDatabase: false, "fresh")
            : TenantDatabase.Sqlite("fresh", Path.Combine(host.DataRoot, "Sites", "fresh", "govplatform.db"));
        var feature = host.Services.GetRequiredService<ModuleCatalog>().Get("Test.SlowMigration");
        var loggerFactory = host.Services.GetRequiredService<ILoggerFactory>();

        // Each node has its own process-local state (storage, migrator); they share only the database.
        var nodes = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var migrator = new TenantMigrator(loggerFactory, loggerFactory.CreateLogger<TenantMigrator>());
            await new TenantStorage(migrator, loggerFactory.CreateLogger<TenantStorage>()).EnsureCreatedAsync(database);
            return await migrator.MigrateAsync(database, [(feature.Id, feature.Migrations)]);
        })).ToList();
        var results = await Task.WhenAll(nodes);

        Assert.All(results, failures => Assert.Empty(failures));
        Assert.Equal(1, SlowMigration.Runs[database.ConnectionString]);
        var applied = await TenantMigrator.GetAppliedAsync(database);
        Assert.Equal(1L, applied["Test.SlowMigration"]);
        Assert.Equal(CoreMigrations.All[^1].Version, applied[CoreMigrations.FeatureId]);
    }

    [Fact]
    public async Task Shell_state_kept_by_the_previous_version_in_gp_shell_documents_is_carried_over()
    {
        await using var host = new TestHost().WithTenant("alpha", autoSetup: false, definition: d => d["State"] = "Running");
        var file = Path.Combine(host.DataRoot, "Sites", "alpha", "govplatform.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var legacy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            await legacy.OpenAsync();
            await using var command = legacy.CreateCommand();
            command.CommandText = """
                CREATE TABLE gp_shell_documents (id TEXT PRIMARY KEY NOT NULL, content TEXT NOT NULL, version INTEGER NOT NULL, updated_utc TEXT NOT NULL);
                INSERT INTO gp_shell_documents VALUES ('shell.features', '{"enabled":["Test.Echo"]}', 3, '2026-11-22T10:00:00.0000000+00:00');
                INSERT INTO gp_shell_documents VALUES ('shell.site-settings', '{"Echo":{"Secret":"kept"}}', 1, '2026-11-22T10:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        (await host.WithProviderAsync("Sqlite")).Start();

        var echo = (await host.Client("application/json").GetFromJsonAsync<JsonObject>("/alpha/echo"))!;
        Assert.Equal("kept", (string?)echo["secret"]);
        Assert.False(await host.TableExistsAsync("alpha", "gp_shell_documents"));
        Assert.Equal(CoreMigrations.All.Select(m => m.Version), await host.AppliedVersionsAsync("alpha", CoreMigrations.FeatureId));
    }
}
