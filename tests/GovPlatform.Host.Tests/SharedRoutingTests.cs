using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using GovPlatform.Core.Shells;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests;

/// <summary>
/// Shells with the same features share their endpoints and route matcher; each still answers with its own tenant's
/// data and services, and a shell with other features (or another endpoint variant) routes on its own.
/// </summary>
public sealed class SharedRoutingTests : IAsyncLifetime
{
    // Two files of 20 MB at most per upload, and 1 MB for the form (MediaOptions.MaxRequestBytes).
    private const long WestUploadLimit = (2 * 20 * 1024 * 1024) + (1024 * 1024);

    private readonly TestHost _host = new TestHost()
        .WithTenant("north", ["Test.Echo", "GovPlatform.Contents"])
        .WithTenant("south", ["Test.Echo", "GovPlatform.Contents"])
        .WithTenant("east", ["Test.Echo", "GovPlatform.Contents", "GovPlatform.Diagnostics"])
        .WithTenant("west", ["Test.Echo", "GovPlatform.Contents"])
        .WithSetting("GovPlatform:Tenants:north:Echo:Secret", "north-secret")
        .WithSetting("GovPlatform:Tenants:south:Echo:Secret", "south-secret")
        .WithSetting("GovPlatform:Tenants:west:Contents:Media:MaxFilesPerUpload", "2");

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Tenants_with_the_same_features_share_endpoints_and_each_answers_with_its_own_data()
    {
        var client = _host.Client();
        var north = await client.GetFromJsonAsync<JsonObject>("/north/echo");
        var south = await client.GetFromJsonAsync<JsonObject>("/south/echo");

        Assert.Equal("north", (string?)north!["tenant"]);
        Assert.Equal("north-secret", (string?)north["secret"]);
        Assert.Equal("/north", (string?)north["pathBase"]);
        Assert.Equal("south", (string?)south!["tenant"]);
        Assert.Equal("south-secret", (string?)south["secret"]);
        Assert.Equal("/south", (string?)south["pathBase"]);

        // Shared: the very same endpoint objects.
        var northEndpoints = Endpoints("north");
        Assert.NotEmpty(northEndpoints);
        Assert.Same(northEndpoints[0], Endpoints("south")[0]);

        // A flag read through the request's services is the tenant's own (north has no flags, so none is on).
        var flag = await client.GetFromJsonAsync<JsonObject>("/south/echo/flags/Beta");
        Assert.False((bool)flag!["enabled"]!);
    }

    [Fact]
    public async Task A_tenant_with_other_features_routes_on_its_own_and_the_others_get_a_404()
    {
        var client = _host.Client();
        var east = await client.GetFromJsonAsync<JsonObject>("/east/diagnostics");
        Assert.Equal("east", (string?)east!["tenant"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/north/diagnostics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/south/diagnostics")).StatusCode);

        var eastEcho = await client.GetFromJsonAsync<JsonObject>("/east/echo");
        Assert.Equal("east", (string?)eastEcho!["tenant"]);
        Assert.NotSame(Endpoints("east")[0], Endpoints("north")[0]);
    }

    [Fact]
    public async Task The_culture_switch_sets_the_cookie_of_the_tenant_that_asked()
    {
        var client = _host.Client();
        foreach (var tenant in new[] { "north", "south" })
        {
            var response = await client.GetAsync($"/{tenant}/culture/en?returnUrl=/{tenant}/");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith(TenantCookies.Name(tenant, "culture") + "=", cookie, StringComparison.Ordinal);
            Assert.Contains($"path=/{tenant}", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_tenant_whose_upload_limit_differs_gets_endpoints_of_its_own()
    {
        var client = _host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/west/echo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/north/echo")).StatusCode);

        Assert.NotSame(Endpoints("west")[0], Endpoints("north")[0]);
        Assert.Equal(WestUploadLimit, UploadLimit("west"));
        Assert.NotEqual(WestUploadLimit, UploadLimit("north"));
    }

    [Fact]
    public async Task The_shell_that_built_shared_endpoints_is_collected_while_another_still_uses_them()
    {
        var client = _host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/north/echo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/north/api/contents/openapi.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/south/echo")).StatusCode);
        var shared = Endpoints("south")[0];
        var builder = WeakShell(_host.Shells.Peek("north")!);

        // North enables a feature: a new key, so it stops sharing with south, and its old shell is released.
        Assert.Equal(HttpStatusCode.OK, (await _host.ChangeFeaturesAsync("north", enable: ["GovPlatform.Diagnostics"])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/north/diagnostics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/south/diagnostics")).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (builder.IsAlive && DateTime.UtcNow < deadline)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }

        Assert.False(builder.IsAlive, "the shared endpoints keep the shell that built them");
        var south = await client.GetFromJsonAsync<JsonObject>("/south/echo");
        Assert.Equal("south-secret", (string?)south!["secret"]);
        Assert.Same(shared, Endpoints("south")[0]);
    }

    [Fact]
    public async Task Released_shells_give_back_their_shared_routing_and_rebuilt_ones_share_again()
    {
        var client = _host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/north/echo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/south/echo")).StatusCode);
        var before = Endpoints("south")[0];

        Assert.True(_host.Shells.ReleaseIdle(TimeSpan.Zero) >= 2);
        var south = await client.GetFromJsonAsync<JsonObject>("/south/echo");
        var north = await client.GetFromJsonAsync<JsonObject>("/north/echo");

        Assert.Equal("south", (string?)south!["tenant"]);
        Assert.Equal("north", (string?)north!["tenant"]);
        var after = Endpoints("south")[0];
        Assert.NotSame(before, after);
        Assert.Same(after, Endpoints("north")[0]);
    }

    private List<Endpoint> Endpoints(string tenant) =>
        [.. _host.Shells.Peek(tenant)!.ServiceProvider.GetRequiredService<EndpointDataSource>().Endpoints];

    /// <summary>The request limit in the metadata of the media library's upload endpoint.</summary>
    private long? UploadLimit(string tenant) =>
        Endpoints(tenant).OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/admin/contents/media" && e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains(HttpMethods.Post))
            .Metadata.GetMetadata<IRequestSizeLimitMetadata>()!.MaxRequestBodySize;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakShell(ShellContext shell) => new(shell);
}
