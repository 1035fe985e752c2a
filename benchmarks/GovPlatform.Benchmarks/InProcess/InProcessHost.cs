using System.Text.Json.Nodes;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Shells;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Benchmarks.InProcess;

/// <summary>
/// The host built in this process over a folder (tenants/ and App_Data/), as src/Host builds it, without Kestrel:
/// the figures call <see cref="ShellHost"/> directly. Logging is off so it does not weigh on the figures.
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app) => _app = app;

    public ShellHost Shells => _app.Services.GetRequiredService<ShellHost>();

    public IServiceProvider Services => _app.Services;

    /// <summary>A folder with the repository's tenants (Default and the four districts), ready for a host.</summary>
    public static string PrepareFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "govplatform-bench", Guid.NewGuid().ToString("N"));
        var source = Path.Combine(AppContext.BaseDirectory, "tenants");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => Path.GetExtension(f) is ".json" or ".geojson" or ".csv"))
        {
            var target = Path.Combine(root, "tenants", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Thousands of districts are created here: their recipes keep the grid feature and levels but not the
        // districts' own units and workers, which take over a second per tenant to import (the grid's queries are
        // measured apart, on 10,000 units); they keep their content types but not their starting items, some of which
        // name those units, and the mediation, points, legal aid and red-grid features but not their bodies, rules, teams,
        // rewards, stations, advisers and party organisations, placed on those units.
        foreach (var recipe in Directory.EnumerateFiles(Path.Combine(root, "tenants"), "recipe.json", SearchOption.AllDirectories))
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(recipe))!;
            var steps = json["steps"]!.AsArray();
            foreach (var step in steps.OfType<System.Text.Json.Nodes.JsonObject>().Where(s => (string?)s["name"] == "grid"))
            {
                step.Remove("units");
                step.Remove("workers");
            }

            foreach (var step in steps.OfType<System.Text.Json.Nodes.JsonObject>().Where(s => (string?)s["name"] is "contents" or "mediation" or "points" or "legalaid" or "redgrid").ToList())
            {
                steps.Remove(step);
            }

            File.WriteAllText(recipe, json.ToJsonString());
        }

        return root;
    }

    /// <summary>Where the host listens, when started with <c>listen</c>.</summary>
    public Uri? Address { get; private set; }

    public static async Task<InProcessHost> StartAsync(string root, IDictionary<string, string?>? settings = null, bool listen = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GovPlatform:DataRoot"] = Path.Combine(root, "App_Data"),
            ["GovPlatform:TenantsPath"] = Path.Combine(root, "tenants"),
            ["GovPlatform:HostApiKey"] = "bench",
            ["GovPlatform:ShellIdleTimeout"] = "00:00:00",
            // Background tasks would activate every tenant at their first round and skew the cold-activation figures.
            ["GovPlatform:BackgroundTaskTick"] = "00:00:00",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddGovPlatform();
        if (listen)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        var app = builder.Build();
        await app.UseGovPlatformAsync();
        var host = new InProcessHost(app);
        if (listen)
        {
            await app.StartAsync();
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            host.Address = new Uri(addresses.First());
        }

        return host;
    }

    /// <summary>Creates <paramref name="count"/> district tenants cycling through the four districts' recipes, and sets them up.</summary>
    public async Task CreateDistrictsAsync(int count, string prefix = "t")
    {
        if (Shells.Find("default")?.State == GovPlatform.Tenants.TenantState.Uninitialized)
        {
            await Shells.SetupAsync("default");
        }

        string[] recipes = ["zhanqian", "lianhu", "wanyuan", "yuexiu"];
        for (var i = 0; i < count; i++)
        {
            var name = $"{prefix}{i:D5}";
            await Shells.CreateAsync(new JsonObject
            {
                ["Name"] = name,
                ["UrlPrefix"] = name,
                ["DisplayName"] = new JsonObject { ["zh-CN"] = $"测试区{i}", ["en"] = $"District {i}" },
                ["Recipe"] = recipes[i % recipes.Length],
            });
            var failure = await Shells.SetupAsync(name);
            if (failure is not null)
            {
                throw new InvalidOperationException($"{name}: set-up failed: {failure.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
