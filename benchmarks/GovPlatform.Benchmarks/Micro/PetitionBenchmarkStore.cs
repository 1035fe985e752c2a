using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Benchmarks.InProcess;
using GovPlatform.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GovPlatform.Benchmarks.Micro;

/// <summary>
/// The petitions benchmark's district, seeded once and kept: a host folder (tenants/ and App_Data/) under
/// <c>~/.cache/govplatform-bench/</c> (or <c>GOVPLATFORM_BENCH_CACHE</c>) per provider and petition count, and on
/// PostgreSQL a database <c>gp_bench_petitions_&lt;count&gt;</c> on the test server. A later run finds the folder, checks
/// that the table holds the petitions it should and starts the host over it; a missing or incomplete store is made
/// again. PostgreSQL is used when <c>GOVPLATFORM_TEST_POSTGRES</c> names a server or PostgreSQL is installed (then a
/// private server is started for the process, as the tests do, and the district is seeded again each run).
/// </summary>
internal static class PetitionBenchmarkStore
{
    public const string Tenant = "bench";
    public const string StreetUser = "street";
    public const string Password = "Bench-pass-2024";

    /// <summary>Petitions to seed (<c>--petitions</c>), 1,000,000 by default.</summary>
    public static int Count { get; set; } = 1_000_000;

    /// <summary>Providers to measure (<c>--provider sqlite|postgres|both</c>).</summary>
    public static string Provider { get; set; } = "both";

    private static readonly Dictionary<string, Task<InProcessHost>> Hosts = new(StringComparer.Ordinal);

    /// <summary>The providers this run measures: SQLite, and PostgreSQL when asked for and there is a server.</summary>
    public static IEnumerable<string> Providers()
    {
        if (Provider is "both" or "sqlite")
        {
            yield return "Sqlite";
        }

        if (Provider is "both" or "postgres" && GovPlatform.Testing.TestPostgres.IsAvailable)
        {
            yield return "Postgres";
        }
    }

    /// <summary>The running host over the seeded store of <paramref name="provider"/>: made (or checked) once per process.</summary>
    public static Task<InProcessHost> HostAsync(string provider)
    {
        lock (Hosts)
        {
            if (!Hosts.TryGetValue(provider, out var host))
            {
                host = PrepareAsync(provider);
                Hosts[provider] = host;
            }

            return host;
        }
    }

    /// <summary>Stops the hosts (at the end of the run).</summary>
    public static async Task DisposeAsync()
    {
        foreach (var host in Hosts.Values)
        {
            await (await host).DisposeAsync();
        }

        Hosts.Clear();
    }

    private static async Task<InProcessHost> PrepareAsync(string provider)
    {
        var postgres = provider == "Postgres";
        var cache = Environment.GetEnvironmentVariable("GOVPLATFORM_BENCH_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "govplatform-bench");
        var root = Path.Combine(cache, string.Create(CultureInfo.InvariantCulture, $"petitions-v1-{provider.ToLowerInvariant()}-{Count}"));
        var settings = new Dictionary<string, string?>();
        if (postgres)
        {
            var server = GovPlatform.Testing.TestPostgres.ConnectionString!;
            var database = string.Create(CultureInfo.InvariantCulture, $"gp_bench_petitions_{Count}");
            await EnsureDatabaseAsync(server, database);
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            settings["GovPlatform:TenantDefaults:DatabaseProvider"] = "Postgres";
            settings["GovPlatform:Postgres:ConnectionString"] = connection;
        }

        var marker = Path.Combine(root, "seeded.json");
        if (File.Exists(marker))
        {
            var host = await InProcessHost.StartAsync(root, settings);
            if (await CountAsync(host) == Count)
            {
                Console.Error.WriteLine($"petitions: {provider} store of {Count:N0} petitions found in {root}");
                return host;
            }

            await host.DisposeAsync();
        }

        // Made again from nothing: a new folder, and an empty database on PostgreSQL.
        ActivationBenchmark.TryDelete(root);
        if (postgres)
        {
            await DropSchemasAsync(settings["GovPlatform:Postgres:ConnectionString"]!);
        }

        WriteFolder(root);
        var fresh = await InProcessHost.StartAsync(root, settings);
        foreach (var tenant in new[] { "default", Tenant }.Where(t => fresh.Shells.Find(t)?.State == GovPlatform.Tenants.TenantState.Uninitialized))
        {
            var failure = await fresh.Shells.SetupAsync(tenant);
            if (failure is not null)
            {
                throw new InvalidOperationException($"{tenant}: set-up failed: {failure.Message}");
            }
        }

        var shell = await fresh.Shells.EnterAsync(Tenant);
        try
        {
            await using var scope = shell.ServiceProvider.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<ITenantDatabase>();
            await using var connection = database.CreateConnection();
            Console.Error.WriteLine($"petitions: seeding {Count:N0} petitions on {provider}…");
            var took = await PetitionSeeder.SeedAsync(connection, database.IsPostgres, Count, Categories(root));
            Console.Error.WriteLine($"petitions: seeded in {took.TotalSeconds:0.0} s");
        }
        finally
        {
            shell.Exit();
        }

        await File.WriteAllTextAsync(marker, new JsonObject { ["count"] = Count, ["provider"] = provider, ["anchor"] = PetitionSeeder.Anchor }.ToJsonString());
        return fresh;
    }

    private static async Task<long> CountAsync(InProcessHost host)
    {
        try
        {
            var shell = await host.Shells.EnterAsync(Tenant);
            try
            {
                await using var scope = shell.ServiceProvider.CreateAsyncScope();
                await using var connection = scope.ServiceProvider.GetRequiredService<ITenantDatabase>().CreateConnection();
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM gp_petitions";
                return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            finally
            {
                shell.Exit();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            return -1;
        }
    }

    /// <summary>The benchmark district: the Default tenant and <c>bench</c>, with the grid, the petitions hall, zhanqian's duty list and a street user.</summary>
    private static void WriteFolder(string root)
    {
        var tenants = Path.Combine(root, "tenants");
        var source = Path.Combine(AppContext.BaseDirectory, "tenants");
        Directory.CreateDirectory(Path.Combine(tenants, "default"));
        Directory.CreateDirectory(Path.Combine(tenants, Tenant));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, "default")))
        {
            File.Copy(file, Path.Combine(tenants, "default", Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(source, "zhanqian", "petitions.json"), Path.Combine(tenants, Tenant, "petitions.json"));
        File.WriteAllText(Path.Combine(tenants, Tenant, "grid.geojson"), PetitionSeeder.GridFile());
        File.WriteAllText(Path.Combine(tenants, Tenant, "tenant.json"), new JsonObject
        {
            ["Name"] = Tenant,
            ["DisplayName"] = new JsonObject { ["zh-CN"] = "基准区", ["en"] = "Bench district" },
            ["UrlPrefix"] = Tenant,
            ["Recipe"] = Tenant,
            ["AutoSetup"] = true,
        }.ToJsonString());
        JsonObject Level(string name, string english) => new() { ["name"] = name, ["englishName"] = english };
        File.WriteAllText(Path.Combine(tenants, Tenant, "recipe.json"), new JsonObject
        {
            ["name"] = Tenant,
            ["steps"] = new JsonArray(
                new JsonObject { ["name"] = "features", ["enable"] = new JsonArray("GovPlatform.Grid", "GovPlatform.Petitions") },
                new JsonObject
                {
                    ["name"] = "grid",
                    ["levels"] = new JsonArray(Level("区", "District"), Level("街道", "Street"), Level("社区", "Community"), Level("网格", "Grid")),
                    ["rules"] = new JsonObject { ["toleranceMeters"] = 1, ["requireFullCoverage"] = false },
                    ["units"] = "grid.geojson",
                },
                new JsonObject { ["name"] = "petitions", ["file"] = "petitions.json" },
                new JsonObject
                {
                    ["name"] = "users",
                    ["users"] = new JsonArray(new JsonObject
                    {
                        ["userName"] = StreetUser,
                        ["email"] = "street@example.cn",
                        ["displayName"] = "街道管理员",
                        ["password"] = Password,
                        ["roles"] = new JsonArray("StreetAdmin"),
                        ["gridUnits"] = new JsonArray(PetitionSeeder.Code(1)),
                    }),
                }),
        }.ToJsonString());
    }

    /// <summary>The duty list's selectable entries and their deadlines (working time), from the tenant's petitions.json.</summary>
    internal static IReadOnlyList<(string Code, TimeSpan Deadline)> Categories(string root)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tenants", Tenant, "petitions.json")));
        var list = new List<(string, TimeSpan)>();
        foreach (var category in json.RootElement.GetProperty("categories").EnumerateArray())
        {
            var items = category.TryGetProperty("items", out var found) ? found.EnumerateArray().ToList() : [];
            foreach (var entry in items.Count > 0 ? items : [category])
            {
                var deadline = entry.TryGetProperty("deadline", out var d) ? d.GetString() ?? "" : "";
                var amount = deadline.Length > 1 && int.TryParse(deadline[..^1], CultureInfo.InvariantCulture, out var n) ? n : 0;
                list.Add((entry.GetProperty("code").GetString()!, deadline.EndsWith('h') ? TimeSpan.FromHours(amount) : TimeSpan.FromDays(amount)));
            }
        }

        return list;
    }

    private static async Task EnsureDatabaseAsync(string server, string database)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Drops every tenant schema of the benchmark's database, for a store made again.</summary>
    private static async Task DropSchemasAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var schemas = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schemas.Add(reader.GetString(0));
            }
        }

        foreach (var schema in schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
