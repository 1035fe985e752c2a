using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.Platform;

/// <summary>The per-tenant services every shell has: audit log, rate limits, data protection, culture, menus, layouts, headers.</summary>
public sealed class PlatformServicesTests
{
    private static TestHost TwoTenants() => new TestHost()
        .WithTenant("alpha", ["Test.Platform", "Test.Echo"])
        .WithTenant("beta", ["Test.Platform", "Test.Echo"]);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_audit_log_keeps_each_tenants_entries_with_who_what_when_and_pages_them(string provider)
    {
        await using var host = await TwoTenants().WithProviderAsync(provider);
        host.Start();
        var client = host.Client("application/json");
        for (var i = 1; i <= 7; i++)
        {
            var response = await client.PostAsJsonAsync("/alpha/platform/audit", new
            {
                category = i % 2 == 0 ? "settings" : "features",
                action = "update",
                subject = $"item-{i}",
                summary = $"改动 {i}",
                before = """{"Theme":"Civic"}""",
                after = """{"Theme":"Red"}""",
            });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await client.PostAsJsonAsync("/beta/platform/audit", new { category = "features", action = "enable", subject = "beta-only" });

        var page = (await client.GetFromJsonAsync<JsonObject>("/alpha/platform/audit?pageSize=3&page=2"))!;
        Assert.Equal(7, (int)page["total"]!);
        var entries = page["entries"]!.AsArray();
        Assert.Equal(["item-4", "item-3", "item-2"], entries.Select(e => (string?)e!["subject"]));
        var entry = entries[0]!;
        Assert.Null((string?)entry["userName"]);
        Assert.NotNull((string?)entry["timeUtc"]);
        Assert.Equal("""{"Theme":"Civic"}""", (string?)entry["before"]);

        var settings = (await client.GetFromJsonAsync<JsonObject>("/alpha/platform/audit?category=settings"))!;
        Assert.Equal(3, (int)settings["total"]!);
        var text = (await client.GetFromJsonAsync<JsonObject>("/alpha/platform/audit?text=%E6%94%B9%E5%8A%A8%205"))!;
        Assert.Equal("item-5", (string?)text["entries"]![0]!["subject"]);

        var beta = (await client.GetFromJsonAsync<JsonObject>("/beta/platform/audit"))!;
        Assert.Equal(["beta-only"], beta["entries"]!.AsArray().Select(e => (string?)e!["subject"]));
    }

    [Fact]
    public async Task A_rate_limited_form_answers_429_with_retry_after_and_other_tenants_keep_their_own_count()
    {
        await using var host = TwoTenants().WithSetting("GovPlatform:Tenants:alpha:RateLimits:PublicForm:PermitLimit", "3");
        host.Start();
        var client = host.Client("application/json");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/alpha/platform/limited", null)).StatusCode);
        }

        var refused = await client.PostAsync("/alpha/platform/limited", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // Beta's limit is the default (20) and its counter its own.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/beta/platform/limited", null)).StatusCode);
    }

    [Fact]
    public async Task What_one_tenant_protects_another_cannot_read()
    {
        await using var host = TwoTenants();
        host.Start();
        var client = host.Client("application/json");
        var payload = await client.GetFromJsonAsync<string>("/alpha/platform/protect?text=secret");

        Assert.Equal("secret", await client.GetFromJsonAsync<string>($"/alpha/platform/unprotect?payload={Uri.EscapeDataString(payload!)}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/beta/platform/unprotect?payload={Uri.EscapeDataString(payload!)}")).StatusCode);
    }

    [Fact]
    public async Task The_culture_switch_sets_a_cookie_of_the_tenant_only_and_redirects_only_inside_it()
    {
        await using var host = TwoTenants();
        host.Start();
        var client = host.Client();

        var switched = await client.GetAsync("/alpha/culture/en?returnUrl=%2Falpha%2Fplatform%2Fpage");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/alpha/platform/page", switched.Headers.Location?.OriginalString);
        var cookie = switched.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".gp.alpha.culture=", StringComparison.Ordinal));
        Assert.Contains("path=/alpha", cookie, StringComparison.OrdinalIgnoreCase);

        foreach (var evil in new[] { "//evil.example/x", "https://evil.example/", "/beta/echo", "/\\evil.example" })
        {
            var refused = await client.GetAsync($"/alpha/culture/en?returnUrl={Uri.EscapeDataString(evil)}");
            Assert.Equal("/alpha/", refused.Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/alpha/culture/fr")).StatusCode);

        // The cookie chooses English for alpha's pages; beta ignores a cookie that is not its own.
        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/alpha/platform/page");
        withCookie.Headers.Add("Cookie", ".gp.alpha.culture=c%3Den%7Cuic%3Den");
        Assert.Contains("lang=\"en\"", await (await client.SendAsync(withCookie)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var other = new HttpRequestMessage(HttpMethod.Get, "/beta/platform/page");
        other.Headers.Add("Cookie", ".gp.alpha.culture=c%3Den%7Cuic%3Den");
        Assert.Contains("lang=\"zh-CN\"", await (await client.SendAsync(other)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Menus_hold_every_providers_items_in_order_without_those_the_user_may_not_use()
    {
        await using var host = TwoTenants();
        host.Start();
        var items = await host.Client("application/json").GetFromJsonAsync<string[]>("/alpha/platform/menu");
        Assert.Equal(["First", "Second"], items!);
    }

    [Fact]
    public async Task A_page_renders_in_a_plain_layout_when_the_tenant_has_no_theme_and_answers_carry_security_headers()
    {
        await using var host = TwoTenants();
        host.Start();
        var response = await host.Client().GetAsync("/alpha/platform/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"platform-content\">content</p>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Platform page · ", html, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_named_and_scoped_per_tenant()
    {
        await using var host = TwoTenants();
        host.Start();
        await host.WarmAsync("alpha");
        var shell = await host.Shells.EnterAsync("alpha");
        try
        {
            var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>(shell.ServiceProvider).Value;
            Assert.Equal(".gp.alpha.af", options.Cookie.Name);
            Assert.Equal("/alpha", options.Cookie.Path);
        }
        finally
        {
            shell.Exit();
        }
    }
}
