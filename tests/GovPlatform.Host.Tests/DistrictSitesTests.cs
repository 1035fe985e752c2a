using System.Net;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests;

/// <summary>The repository's own tenants: the four districts and the host landing page, as a newcomer sees them.</summary>
public sealed class DistrictSitesTests : IAsyncLifetime
{
    private readonly TestHost _host = new TestHost().WithRepositoryTenants();

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Theory]
    [InlineData("zhanqian", "营口市站前区")]
    [InlineData("lianhu", "莲湖区")]
    [InlineData("wanyuan", "万源市")]
    [InlineData("yuexiu", "越秀区")]
    public async Task Each_district_serves_its_own_home_page_in_Chinese(string tenant, string expectedName)
    {
        var response = await _host.Client("text/html").GetAsync($"/{tenant}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Matches($"<h1>[^<]*{expectedName}[^<]*</h1>", html);
        Assert.Contains("主要数据", html);
        Assert.Contains($"href=\"/{tenant}/culture/en?returnUrl=%2F{tenant}%2F\"", html);
    }

    [Fact]
    public async Task A_district_home_page_switches_to_English_on_request()
    {
        var html = await _host.Client("text/html").GetStringAsync("/lianhu/?culture=en");

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Key figures", html);
        Assert.Contains("Lianhu", html);
        Assert.DoesNotContain("主要数据", html);
    }

    [Fact]
    public async Task The_landing_page_lists_the_four_districts_with_links()
    {
        var html = await _host.Client("text/html").GetStringAsync("/");

        foreach (var (tenant, name) in new[] { ("zhanqian", "站前区"), ("lianhu", "莲湖区"), ("wanyuan", "万源市"), ("yuexiu", "越秀区") })
        {
            Assert.Contains($"href=\"/{tenant}/\"", html);
            Assert.Contains(name, html);
        }
    }

    [Fact]
    public async Task District_figures_come_from_each_districts_recipe()
    {
        var client = _host.Client("text/html");
        var wanyuan = await client.GetStringAsync("/wanyuan/");
        var zhanqian = await client.GetStringAsync("/zhanqian/");

        Assert.Contains("微网格", wanyuan);
        Assert.Contains("9,790", wanyuan);
        Assert.DoesNotContain("微网格", zhanqian);
        Assert.Contains("279", zhanqian);
    }

    [Fact]
    public async Task An_unknown_prefix_is_404_and_an_unknown_tenant_header_is_a_problem_404()
    {
        var page = await _host.Client("text/html").GetAsync("/nosuchdistrict/");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Get, "/anything");
        request.Headers.Add("X-Tenant", "nosuchdistrict");
        var api = await _host.Client("application/json").SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nosuchdistrict", await api.Content.ReadAsStringAsync());
    }
}
