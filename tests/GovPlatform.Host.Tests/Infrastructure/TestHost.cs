using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Shells;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Host.Tests.Infrastructure;

/// <summary>
/// The real host (its Program) in memory, over its own folder of tenant definitions and its own App_Data with real
/// SQLite files. Tenants are written by the test before the host starts; a second host over the same folder is a restart.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string ApiKey = "test-host-api-key";

    private readonly Dictionary<string, string?> _settings = new();
    private WebApplicationFactory<Program>? _factory;
    private string? _postgresDatabase;
    private bool _providerChosen;
    private bool _kestrel;
    private TimeProvider? _clock;

    /// <summary>
    /// Set to <c>Postgres</c> to run tests that do not choose a provider on PostgreSQL (test.sh runs the host
    /// tests once more that way).
    /// </summary>
    public const string DefaultProviderVariable = "GOVPLATFORM_TEST_PROVIDER";

    public TestHost(string? root = null)
    {
        Root = root ?? Path.Combine(Path.GetTempPath(), "govplatform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(TenantsPath);

        // Every host has the Default tenant: it serves the landing page and the host API.
        CopyRepositoryTenant("default");
    }

    public string Root { get; }

    public string TenantsPath => Path.Combine(Root, "tenants");

    public string DataRoot => Path.Combine(Root, "App_Data");

    public ConcurrentQueue<string> Logs { get; } = new();

    public IServiceProvider Services => Factory.Services;

    public ShellHost Shells => Services.GetRequiredService<ShellHost>();

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Start the host first.");

    /// <summary>Copies the repository's own district definitions (tenants/) into this host's folder.</summary>
    public TestHost WithRepositoryTenants()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(RepositoryRoot(), "tenants")))
        {
            CopyRepositoryTenant(Path.GetFileName(folder));
        }

        return this;
    }

    private void CopyRepositoryTenant(string name)
    {
        var source = Path.Combine(RepositoryRoot(), "tenants", name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => Path.GetExtension(f) is ".json" or ".geojson" or ".csv"))
        {
            var target = Path.Combine(TenantsPath, name, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Writes tenants/&lt;name&gt;/tenant.json, and a recipe enabling <paramref name="features"/> when given.</summary>
    public TestHost WithTenant(string name, string[]? features = null, Action<JsonObject>? definition = null, JsonArray? extraSteps = null, bool autoSetup = true)
    {
        var json = new JsonObject
        {
            ["Name"] = name,
            ["DisplayName"] = new JsonObject { ["zh-CN"] = $"{name}区", ["en"] = $"{name} district" },
            ["UrlPrefix"] = name,
            ["AutoSetup"] = autoSetup,
        };
        if (features is not null)
        {
            json["Recipe"] = name;
            var steps = new JsonArray { new JsonObject { ["name"] = "features", ["enable"] = new JsonArray([.. features.Select(f => (JsonNode)f)]) } };
            foreach (var step in extraSteps ?? [])
            {
                steps.Add(step!.DeepClone());
            }

            WriteFile($"{name}/recipe.json", new JsonObject { ["name"] = name, ["steps"] = steps }.ToJsonString());
        }

        definition?.Invoke(json);
        return WriteFile($"{name}/tenant.json", json.ToJsonString());
    }

    public TestHost WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(TenantsPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    /// <summary>
    /// Stores every tenant with <paramref name="provider"/>: SQLite files, or a fresh PostgreSQL database of the test
    /// server (a schema per tenant in it), dropped when the host is disposed.
    /// </summary>
    public async Task<TestHost> WithProviderAsync(string provider)
    {
        Provider = provider;
        _providerChosen = true;
        if (provider == "Postgres")
        {
            _postgresDatabase = await CreatePostgresDatabaseAsync();
            WithSetting("GovPlatform:TenantDefaults:DatabaseProvider", "Postgres");
            WithSetting("GovPlatform:Postgres:ConnectionString", _postgresDatabase);
        }

        return this;
    }

    /// <summary>The provider tenants are stored with.</summary>
    public string Provider { get; private set; } = "Sqlite";

    /// <summary>The host's PostgreSQL database, when the provider is Postgres.</summary>
    public string? PostgresConnectionString => _postgresDatabase;

    /// <summary>A new empty database on the test PostgreSQL server; the test's README command starts one.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync() =>
        GovPlatform.Testing.TestPostgres.IsAvailable
            ? await GovPlatform.Testing.TestPostgres.CreateDatabaseAsync("gp_test")
            : throw new InvalidOperationException("These tests need PostgreSQL: run ./test.sh, which installs and starts it, or set GOVPLATFORM_TEST_POSTGRES.");

    /// <summary>Serves on a real Kestrel socket on a free loopback port (for the browser), not the in-memory server.</summary>
    public TestHost WithKestrel()
    {
        _kestrel = true;
        return this;
    }

    /// <summary>The address the host listens on (with <see cref="WithKestrel"/>), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress => Factory.ClientOptions.BaseAddress;

    /// <summary>Gives the host (and so every shell) this clock instead of the system's.</summary>
    public TestHost WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    public TestHost WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public TestHost Start(string environment = "Production")
    {
        if (!_providerChosen && Environment.GetEnvironmentVariable(DefaultProviderVariable) is { Length: > 0 } provider)
        {
            WithProviderAsync(provider).GetAwaiter().GetResult();
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("GovPlatform:DataRoot", DataRoot);
            builder.UseSetting("GovPlatform:TenantsPath", TenantsPath);
            builder.UseSetting("GovPlatform:HostApiKey", ApiKey);
            builder.UseSetting("GovPlatform:ShellIdleTimeout", "00:00:00");
            builder.UseSetting("GovPlatform:ValidateShellScopes", "true");

            // No timer runs background tasks behind a test's back; tests run them with BackgroundTaskRunner.RunDueAsync.
            builder.UseSetting("GovPlatform:BackgroundTaskTick", "00:00:00");
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(new QueueLoggerProvider(Logs)));
            if (_clock is not null)
            {
                builder.ConfigureTestServices(services =>
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton<TimeProvider>(_clock);
                });
            }
        });
        if (_kestrel)
        {
            _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
            _factory.StartServer();
            var address = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            _factory.ClientOptions.BaseAddress = new Uri(address);
            return this;
        }

        _ = _factory.Server;
        return this;
    }

    public HttpClient Client(string? accept = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return client;
    }

    public HttpClient AdminClient()
    {
        var client = Client("application/json");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    /// <summary>Requests each tenant's root once, which sets up tenants marked AutoSetup.</summary>
    public async Task WarmAsync(params string[] tenants)
    {
        foreach (var tenant in tenants)
        {
            await Client().GetAsync($"/{tenant}/");
            if (Shells.Find(tenant)?.State != GovPlatform.Tenants.TenantState.Running)
            {
                throw new InvalidOperationException($"Tenant {tenant} did not start: {Shells.Find(tenant)}");
            }
        }
    }

    public async Task<HttpResponseMessage> ChangeFeaturesAsync(string tenant, string[]? enable = null, string[]? disable = null, bool dryRun = false) =>
        await AdminClient().PostAsJsonAsync($"/api/tenants/{tenant}/features", new { enable = enable ?? [], disable = disable ?? [], dryRun });

    /// <summary>Stops this host and starts another over the same tenants and data: a restart.</summary>
    public async Task<TestHost> RestartAsync()
    {
        await StopAsync();
        var next = new TestHost(Root) { Provider = Provider, _postgresDatabase = _postgresDatabase, _providerChosen = true, _clock = _clock };
        _postgresDatabase = null;
        foreach (var (key, value) in _settings)
        {
            next._settings[key] = value;
        }

        return next.Start();
    }

    public async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            await GovPlatform.Testing.TestPostgres.DropDatabaseAsync(_postgresDatabase);
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GovPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GovPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
