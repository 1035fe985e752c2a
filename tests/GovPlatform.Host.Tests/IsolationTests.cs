using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests;

/// <summary>Two tenants on one host never see each other's routes, features, settings or flags.</summary>
public sealed class IsolationTests : IAsyncLifetime
{
    private readonly TestHost _host = new TestHost()
        .WithTenant("alpha", ["Test.Echo", "GovPlatform.Diagnostics"], extraSteps: [new JsonObject
        {
            ["name"] = "settings",
            ["FeatureManagement"] = new JsonObject { ["Beta"] = true },
        }])
        .WithTenant("beta", ["Test.Echo"])
        .WithTenant("gamma", ["Test.Echo"], definition: d =>
        {
            d["UrlPrefix"] = "";
            d["HostNames"] = new JsonArray("gamma.example.cn");
        })
        .WriteFile("alpha/appsettings.json", """{ "Echo": { "Secret": "alpha-secret" }, "Layer": "tenant-appsettings" }""")
        .WithSetting("GovPlatform:Tenants:beta:Echo:Secret", "beta-secret-from-host");

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task The_same_route_returns_each_tenants_own_data()
    {
        var client = _host.Client();
        var alpha = await client.GetFromJsonAsync<JsonObject>("/alpha/echo");
        var beta = await client.GetFromJsonAsync<JsonObject>("/beta/echo");

        Assert.Equal("alpha", (string?)alpha!["tenant"]);
        Assert.Equal("alpha-secret", (string?)alpha["secret"]);
        Assert.Equal("/alpha", (string?)alpha["pathBase"]);
        Assert.Equal("/echo", (string?)alpha["path"]);
        Assert.Equal("beta", (string?)beta!["tenant"]);
        Assert.Equal("beta-secret-from-host", (string?)beta["secret"]);
    }

    [Fact]
    public async Task A_tenants_settings_are_invisible_to_another()
    {
        var gamma = await GetByHostAsync("gamma.example.cn", "/echo");

        Assert.Equal("gamma", (string?)gamma["tenant"]);
        Assert.Null((string?)gamma["secret"]);
    }

    [Fact]
    public async Task A_feature_on_in_one_tenant_is_a_404_in_another()
    {
        var client = _host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alpha/diagnostics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/beta/diagnostics")).StatusCode);
    }

    [Fact]
    public async Task Host_name_resolves_before_prefix_and_header_resolves_last()
    {
        var byHost = await GetByHostAsync("gamma.example.cn", "/echo");
        Assert.Equal("gamma", (string?)byHost["tenant"]);

        var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Tenant", "beta");
        var byHeader = await (await _host.Client().SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("beta", (string?)byHeader!["tenant"]);
        Assert.Equal("", (string?)byHeader["pathBase"]);

        var prefixWins = new HttpRequestMessage(HttpMethod.Get, "/alpha/echo");
        prefixWins.Headers.Add("X-Tenant", "beta");
        var byPrefix = await (await _host.Client().SendAsync(prefixWins)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("alpha", (string?)byPrefix!["tenant"]);
    }

    [Theory]
    [InlineData("gamma.example.cn:8080")]
    [InlineData("GAMMA.Example.CN")]
    public async Task A_host_name_resolves_with_a_port_and_in_any_case(string host)
    {
        var byHost = await GetByHostAsync(host, "/echo");
        Assert.Equal("gamma", (string?)byHost["tenant"]);
    }

    [Fact]
    public async Task A_prefix_resolves_in_any_case_and_only_as_a_whole_segment()
    {
        var upper = await _host.Client().GetFromJsonAsync<JsonObject>("/ALPHA/echo");
        Assert.Equal("alpha", (string?)upper!["tenant"]);
        Assert.Equal("/alpha", (string?)upper["pathBase"]);

        // "/alphabet/echo" is not alpha's: it falls through to the Default tenant, which has no such route.
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client().GetAsync("/alphabet/echo")).StatusCode);
    }

    [Fact]
    public async Task Feature_flags_are_read_from_each_tenants_own_settings()
    {
        var client = _host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alpha/echo/beta")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/beta/echo/beta")).StatusCode);
    }

    [Fact]
    public async Task Module_features_are_feature_flags_of_the_tenant()
    {
        var client = _host.Client();
        var alpha = await client.GetFromJsonAsync<JsonObject>("/alpha/echo/flags/GovPlatform.Diagnostics");
        var beta = await client.GetFromJsonAsync<JsonObject>("/beta/echo/flags/GovPlatform.Diagnostics");

        Assert.True((bool)alpha!["enabled"]!);
        Assert.False((bool)beta!["enabled"]!);
    }

    [Fact]
    public async Task Each_tenant_has_its_own_service_provider_and_database()
    {
        await _host.Client().GetAsync("/alpha/echo");
        await _host.Client().GetAsync("/beta/echo");

        var alpha = _host.Shells.Peek("alpha")!;
        var beta = _host.Shells.Peek("beta")!;
        Assert.NotSame(alpha.ServiceProvider, beta.ServiceProvider);
        var alphaDatabase = alpha.ServiceProvider.GetRequiredService<GovPlatform.Core.Data.TenantDatabase>();
        var betaDatabase = beta.ServiceProvider.GetRequiredService<GovPlatform.Core.Data.TenantDatabase>();
        Assert.NotEqual(alphaDatabase.Key, betaDatabase.Key);
        if (_host.Provider == "Sqlite")
        {
            Assert.True(File.Exists(Path.Combine(_host.DataRoot, "Sites", "alpha", "govplatform.db")));
            Assert.True(File.Exists(Path.Combine(_host.DataRoot, "Sites", "beta", "govplatform.db")));
        }
        else
        {
            Assert.Equal(("alpha", "beta"), (alphaDatabase.Schema, betaDatabase.Schema));
        }
    }

    private async Task<JsonObject> GetByHostAsync(string host, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        var response = await _host.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
