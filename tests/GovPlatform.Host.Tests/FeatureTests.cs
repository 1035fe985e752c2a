using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.TestModules;

namespace GovPlatform.Host.Tests;

/// <summary>Enabling pulls in dependencies, disabling takes dependents along, and the API says which before it acts.</summary>
public sealed class FeatureTests : IAsyncLifetime
{
    private readonly TestHost _host = new TestHost()
        .WithTenant("alpha", ["Test.Echo"])
        .WithTenant("events", ["Test.Echo"])
        .WithTenant("stubborn", ["Test.Echo", "Test.Events"], extraSteps: [new JsonObject { ["name"] = "settings", ["Events"] = new JsonObject { ["RefuseDisable"] = "true" } }]);

    public async Task InitializeAsync()
    {
        // Auto-set-up tenants are set up by their first request.
        _host.Start();
        await _host.WarmAsync("alpha", "events", "stubborn");
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Enabling_pulls_in_dependencies_and_a_dry_run_says_so_without_acting()
    {
        var plan = await Read(await _host.ChangeFeaturesAsync("alpha", enable: ["Test.Top"], dryRun: true));
        Assert.False((bool)plan["applied"]!);
        Assert.Equal(["Test.Base", "Test.Middle", "Test.Top"], Ids(plan["enable"]));
        Assert.DoesNotContain("Test.Base", await EnabledAsync("alpha"));

        var applied = await Read(await _host.ChangeFeaturesAsync("alpha", enable: ["Test.Top"]));
        Assert.True((bool)applied["applied"]!);
        Assert.Superset(new HashSet<string> { "Test.Base", "Test.Middle", "Test.Top", "Test.Echo", "Test.Always" }, (await EnabledAsync("alpha")).ToHashSet());
    }

    [Fact]
    public async Task Disabling_takes_dependents_along()
    {
        await Read(await _host.ChangeFeaturesAsync("alpha", enable: ["Test.Top"]));

        var plan = await Read(await _host.ChangeFeaturesAsync("alpha", disable: ["Test.Base"], dryRun: true));
        Assert.Equal(["Test.Base", "Test.Middle", "Test.Top"], Ids(plan["disable"]));

        await Read(await _host.ChangeFeaturesAsync("alpha", disable: ["Test.Base"]));
        var enabled = await EnabledAsync("alpha");
        Assert.DoesNotContain("Test.Base", enabled);
        Assert.DoesNotContain("Test.Middle", enabled);
        Assert.DoesNotContain("Test.Top", enabled);
        Assert.Contains("Test.Echo", enabled);
    }

    [Fact]
    public async Task Always_enabled_features_cannot_be_disabled()
    {
        var response = await _host.ChangeFeaturesAsync("alpha", disable: ["Test.Always"]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("always enabled", await response.Content.ReadAsStringAsync());
        Assert.Contains("Test.Always", await EnabledAsync("alpha"));
    }

    [Fact]
    public async Task Default_tenant_only_features_are_refused_elsewhere_and_allowed_on_the_default_tenant()
    {
        var refused = await _host.ChangeFeaturesAsync("alpha", enable: ["Test.HostOnly"]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Default tenant", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Test.HostOnly", await EnabledAsync("alpha"));

        Assert.Equal(HttpStatusCode.OK, (await _host.ChangeFeaturesAsync("default", enable: ["Test.HostOnly"])).StatusCode);
        Assert.Contains("Test.HostOnly", await EnabledAsync("default"));
    }

    [Fact]
    public async Task An_unknown_feature_is_refused_with_its_name()
    {
        var response = await _host.ChangeFeaturesAsync("alpha", enable: ["Test.DoesNotExist"]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Test.DoesNotExist", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Feature_events_run_in_order_and_a_refusing_handler_cancels_the_change()
    {
        await Read(await _host.ChangeFeaturesAsync("events", enable: ["Test.Events"]));
        await Read(await _host.ChangeFeaturesAsync("events", disable: ["Test.Events"]));
        Assert.Equal(
            ["events:Enabling:Test.Events", "events:Enabled:Test.Events", "events:Disabling:Test.Events", "events:Disabled:Test.Events"],
            FeatureEventLog.For("events"));

        var refused = await _host.ChangeFeaturesAsync("stubborn", disable: ["Test.Events"]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("refuses to be disabled", await refused.Content.ReadAsStringAsync());
        Assert.Contains("Test.Events", await EnabledAsync("stubborn"));
    }

    [Fact]
    public async Task The_enabled_set_survives_a_restart()
    {
        await Read(await _host.ChangeFeaturesAsync("alpha", enable: ["GovPlatform.Diagnostics"]));
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/alpha/diagnostics")).StatusCode);

        await using var restarted = await _host.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, (await restarted.Client().GetAsync("/alpha/diagnostics")).StatusCode);
        Assert.Contains("GovPlatform.Diagnostics", await EnabledAsync("alpha", restarted));
    }

    private async Task<List<string>> EnabledAsync(string tenant, TestHost? host = null)
    {
        var features = await (host ?? _host).AdminClient().GetFromJsonAsync<JsonArray>($"/api/tenants/{tenant}/features");
        return [.. features!.Where(f => (bool)f!["enabled"]!).Select(f => (string)f!["id"]!)];
    }

    private static async Task<JsonObject> Read(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static string[] Ids(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];
}
