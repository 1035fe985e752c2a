using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Data;
using GovPlatform.Core.Data.Migrations;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.Data;

/// <summary>Creating a tenant provisions its storage at once; a server that cannot be reached refuses the creation.</summary>
public sealed class TenantProvisioningTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Creating_a_tenant_provisions_its_file_or_schema_before_any_set_up(string provider)
    {
        await using var host = await new TestHost().WithProviderAsync(provider);
        host.Start();

        var created = await host.AdminClient().PostAsJsonAsync("/api/tenants", new { Name = "gamma", UrlPrefix = "gamma" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var database = host.Database("gamma");
        Assert.True(await TenantStorage.ExistsAsync(database));
        Assert.True(await host.TableExistsAsync("gamma", "gp_documents"));
        Assert.Equal(CoreMigrations.All.Select(m => m.Version), await host.AppliedVersionsAsync("gamma", CoreMigrations.FeatureId));
        Assert.Equal(provider, (string?)(await created.Content.ReadFromJsonAsync<JsonObject>())!["database"]!["provider"]);
    }

    [Fact]
    public async Task A_tenant_whose_server_cannot_be_reached_is_not_created()
    {
        await using var host = new TestHost();
        host.Start();

        var created = await host.AdminClient().PostAsJsonAsync("/api/tenants", new
        {
            Name = "gamma",
            UrlPrefix = "gamma",
            DatabaseProvider = "Postgres",
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2",
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, created.StatusCode);
        Assert.Equal("Database unavailable", (string?)(await created.Content.ReadFromJsonAsync<JsonObject>())!["title"]);
        Assert.Equal(HttpStatusCode.NotFound, (await host.AdminClient().GetAsync("/api/tenants/gamma")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.AdminClient().PostAsJsonAsync("/api/tenants", new { Name = "gamma", UrlPrefix = "gamma" })).StatusCode);
    }

    [Fact]
    public async Task A_tenant_with_data_cannot_be_pointed_at_another_database()
    {
        await using var host = new TestHost().WithTenant("alpha", ["Test.Notes"]);
        (await host.WithProviderAsync("Sqlite")).Start();
        await host.WarmAsync("alpha");
        var patch = new StringContent("""{ "DatabaseProvider": "Postgres", "ConnectionString": "Host=127.0.0.1;Database=x" }""", System.Text.Encoding.UTF8, "application/json");

        var response = await host.AdminClient().PatchAsync("/api/tenants/alpha", patch);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("export", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal("Sqlite", (string?)(await host.AdminClient().GetFromJsonAsync<JsonObject>("/api/tenants/alpha"))!["database"]!["provider"]);
    }
}
