using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Notifications;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests;

/// <summary>The host management API on the Default tenant: who may call it, and what it refuses.</summary>
public sealed class HostApiTests : IAsyncLifetime
{
    private readonly TestHost _host = new TestHost().WithRepositoryTenants().WithTenant("existing", ["Test.Echo"]);

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task The_api_needs_the_host_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client("application/json").GetAsync("/api/tenants")).StatusCode);

        var wrong = _host.Client("application/json");
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/tenants")).StatusCode);

        var tenants = await _host.AdminClient().GetFromJsonAsync<JsonArray>("/api/tenants");
        Assert.Contains(tenants!, t => (string?)t!["name"] == "zhanqian");
    }

    [Fact]
    public async Task The_api_is_not_served_by_district_tenants()
    {
        var response = await _host.AdminClient().GetAsync("/zhanqian/api/tenants");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_tenant_is_created_set_up_and_announced()
    {
        var changes = new List<TenantChange>();
        using var subscription = _host.Services.GetRequiredService<ITenantChangeNotifier>().Subscribe((change, _) =>
        {
            lock (changes)
            {
                changes.Add(change);
            }

            return Task.CompletedTask;
        });

        var created = await _host.AdminClient().PostAsJsonAsync("/api/tenants?setup=true", new
        {
            Name = "xinqu",
            DisplayName = new Dictionary<string, string> { ["zh-CN"] = "新区", ["en"] = "Xinqu District" },
            UrlPrefix = "xinqu",
            Recipe = "lianhu",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var html = await _host.Client("text/html").GetStringAsync("/xinqu/");
        Assert.Contains("莲湖", html);
        lock (changes)
        {
            Assert.Contains(changes, c => c.Kind == TenantChangeKind.Created && c.Tenant == "xinqu");
            Assert.Contains(changes, c => c.Kind == TenantChangeKind.StateChanged && c.Tenant == "xinqu");
        }

        await using var restarted = await _host.RestartAsync();
        Assert.Equal(HttpStatusCode.OK, (await restarted.Client().GetAsync("/xinqu/")).StatusCode);
    }

    [Theory]
    [InlineData("""{ "Name": "Bad_Name", "UrlPrefix": "bad" }""", 400, "slug")]
    [InlineData("""{ "Name": "admin", "UrlPrefix": "admin2" }""", 400, "reserved")]
    [InlineData("""{ "Name": "clash", "UrlPrefix": "zhanqian" }""", 409, "zhanqian")]
    [InlineData("""{ "Name": "existing", "UrlPrefix": "other" }""", 409, "already exists")]
    [InlineData("""{ "Name": "norecipe", "UrlPrefix": "norecipe", "Recipe": "no-such-recipe" }""", 400, "no-such-recipe")]
    [InlineData("""{ "Name": "nowhere" }""", 400, "neither a URL prefix nor a host name")]
    [InlineData("""{ "Name": "badzone", "UrlPrefix": "badzone", "TimeZone": "Mars/Olympus" }""", 400, "Mars/Olympus")]
    public async Task Bad_tenant_definitions_are_refused_with_problem_details(string body, int status, string mention)
    {
        var response = await _host.AdminClient().PostAsync("/api/tenants", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mention, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Removing_needs_confirmation_exports_then_drops_the_data_and_a_seeded_tenant_is_not_seeded_again()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/existing/echo")).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync("/api/tenants/existing")).StatusCode);
        var removed = await admin.DeleteAsync("/api/tenants/existing?confirm=existing");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var archive = (string?)(await removed.Content.ReadFromJsonAsync<JsonObject>())!["exportedTo"];
        Assert.True(File.Exists(archive));
        Assert.StartsWith(Path.Combine(_host.DataRoot, "Removed"), archive);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(archive!))
        {
            Assert.NotNull(zip.GetEntry("manifest.json"));
            Assert.NotNull(zip.GetEntry("data/gp_documents.jsonl"));
        }

        Assert.False(Directory.Exists(Path.Combine(_host.DataRoot, "Sites", "existing")));

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client().GetAsync("/existing/echo")).StatusCode);
        await using var restarted = await _host.RestartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await restarted.AdminClient().GetAsync("/api/tenants/existing")).StatusCode);
    }

    [Fact]
    public async Task The_default_tenant_cannot_be_disabled_or_removed()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/tenants/default/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync("/api/tenants/default?confirm=default")).StatusCode);
    }

    [Fact]
    public async Task Site_settings_patched_through_the_api_reach_the_tenants_pages()
    {
        await _host.WarmAsync("yuexiu");
        var patch = new StringContent("""{ "Site": { "Tagline": { "zh-CN": "测试标语", "en": "Test tagline" } } }""", System.Text.Encoding.UTF8, "application/json");
        var response = await _host.AdminClient().PatchAsync("/api/tenants/yuexiu/settings", patch);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var html = await _host.Client("text/html").GetStringAsync("/yuexiu/");
        Assert.Contains("测试标语", html);
        Assert.Contains("越秀区", html);
        Assert.DoesNotContain("测试标语", await _host.Client("text/html").GetStringAsync("/lianhu/"));
    }
}
