using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.State;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests;

/// <summary>A broken tenant shows its own error; the host and the other tenants carry on.</summary>
public sealed class TenantFaultTests : IAsyncLifetime
{
    private readonly TestHost _host = new TestHost()
        .WithTenant("healthy", ["Test.Echo"])
        .WithTenant("faulty", definition: d => d["State"] = "Running")
        .WithTenant("manual", ["Test.Echo"], autoSetup: false)
        .WithTenant("halfway", ["Test.Seeder"], extraSteps: [new JsonObject { ["name"] = "test-seed", ["fail"] = "the seed data is wrong" }])
        .WithTenant("switchable", ["Test.Echo"])
        .WriteFile("broken/tenant.json", """{ "Name": "broken", "UrlPrefix": "broken", """)
        .WriteFile("halfway-fixed.recipe.json", """{ "name": "halfway-fixed", "steps": [ { "name": "features", "enable": ["Test.Seeder", "Test.Echo"] }, { "name": "test-seed" } ] }""");

    public async Task InitializeAsync()
    {
        _host.Start();

        // A running tenant whose stored features include a module that throws while its shell is built.
        var shells = _host.Shells;
        var store = _host.Services.GetRequiredService<ShellStateStore>();
        await store.SaveFeaturesAsync(shells.Find("faulty")!, ["Test.Echo", "Test.Faulty"]);
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_module_that_throws_in_ConfigureServices_breaks_only_its_tenant()
    {
        var client = _host.Client("text/html");

        var faulty = await client.GetAsync("/faulty/echo");
        var healthy = await client.GetAsync("/healthy/echo");

        Assert.Equal(HttpStatusCode.InternalServerError, faulty.StatusCode);
        Assert.Contains("站点启动失败", await faulty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        var status = await _host.AdminClient().GetFromJsonAsync<JsonObject>("/api/tenants/faulty");
        Assert.Equal("Invalid", (string?)status!["state"]);
        Assert.Contains("Test.Faulty", (string?)status["error"]);
        Assert.Contains("the faulty module refuses to start", (string?)status["error"]);
        Assert.Contains(_host.Logs, line => line.Contains("faulty") && line.Contains("Test.Faulty"));

        // Still broken on the next request, without another attempt to build it.
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/faulty/echo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthy/echo")).StatusCode);

        // Once the cause is gone, a reload brings the tenant back.
        var store = _host.Services.GetRequiredService<ShellStateStore>();
        await store.SaveFeaturesAsync(_host.Shells.Find("faulty")!, ["Test.Echo"]);
        Assert.Equal(HttpStatusCode.OK, (await _host.AdminClient().PostAsync("/api/tenants/faulty/reload", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/faulty/echo")).StatusCode);
    }

    [Fact]
    public async Task A_malformed_tenant_json_leaves_the_host_running_with_that_tenant_invalid()
    {
        var status = await _host.AdminClient().GetFromJsonAsync<JsonObject>("/api/tenants/broken");

        Assert.Equal("Invalid", (string?)status!["state"]);
        Assert.Contains("tenant.json", (string?)status["error"]);
        Assert.Contains("malformed JSON", (string?)status["error"]);
        Assert.Contains(_host.Logs, line => line.Contains("broken") && line.Contains("tenant.json") && line.Contains("malformed"));
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/healthy/echo")).StatusCode);

        var page = await _host.Client("text/html").GetAsync("/broken/");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("站点启动失败", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_disabled_tenant_answers_503_until_enabled_again()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/switchable/echo")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/tenants/switchable/disable", null)).StatusCode);
        var disabled = await _host.Client("text/html").GetAsync("/switchable/echo");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, disabled.StatusCode);
        Assert.Contains("已停用", await disabled.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/tenants/switchable/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/switchable/echo")).StatusCode);
    }

    [Fact]
    public async Task An_uninitialised_tenant_shows_its_set_up_page_until_set_up()
    {
        var page = await _host.Client("text/html").GetAsync("/manual/echo");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("尚未初始化", html);
        Assert.Contains("has not been set up", html);

        var setup = await _host.AdminClient().PostAsJsonAsync("/api/tenants/manual/setup", new { });
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/manual/echo")).StatusCode);
    }

    [Fact]
    public async Task A_recipe_that_fails_part_way_leaves_the_tenant_uninitialised_with_the_step_shown_and_can_run_again()
    {
        var page = await _host.Client("text/html").GetAsync("/halfway/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("test-seed", html);
        Assert.Contains("the seed data is wrong", html);

        var status = await _host.AdminClient().GetFromJsonAsync<JsonObject>("/api/tenants/halfway");
        Assert.Equal("Uninitialized", (string?)status!["state"]);
        Assert.Equal(1, (int?)status["setupError"]!["stepIndex"]);
        Assert.Equal("test-seed", (string?)status["setupError"]!["stepName"]);

        var retry = await _host.AdminClient().PostAsJsonAsync("/api/tenants/halfway/setup", new { recipe = "halfway-fixed" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/halfway/echo")).StatusCode);
        var after = await _host.AdminClient().GetFromJsonAsync<JsonObject>("/api/tenants/halfway");
        Assert.Equal("Running", (string?)after!["state"]);
        Assert.Null(after["setupError"]);
    }

    [Fact]
    public async Task Enabling_a_feature_whose_module_throws_is_refused_and_the_tenant_keeps_running()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/healthy/echo")).StatusCode);

        var refused = await _host.ChangeFeaturesAsync("healthy", enable: ["Test.Faulty"]);
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Contains("Test.Faulty", await refused.Content.ReadAsStringAsync());

        // The refused change left the tenant as it was.
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/healthy/echo")).StatusCode);
        var features = await admin.GetFromJsonAsync<JsonArray>("/api/tenants/healthy/features");
        Assert.DoesNotContain(features!, f => (string?)f!["id"] == "Test.Faulty" && (bool)f["enabled"]!);
    }
}
