using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.TestModules.Pages;

namespace GovPlatform.Host.Tests.Themes;

/// <summary>One host for the theme tests: the repository's districts, and tenants with the test pages in every theme.</summary>
public sealed class ThemeHostFixture : IAsyncLifetime
{
    public static readonly string[] Features = ["GovPlatform.Home", "Test.Pages", "GovPlatform.Themes.Civic", "GovPlatform.Themes.Red", "GovPlatform.Themes.Admin"];

    public TestHost Host { get; } = new TestHost()
        .WithRepositoryTenants()
        .WithTenant("alpha", Features)
        .WithTenant("switcher", Features);

    public async Task InitializeAsync()
    {
        Host.Start();
        await Host.WarmAsync("lianhu", "zhanqian", "alpha", "switcher");
    }

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}

/// <summary>Each tenant's pages in its own theme, in both languages, usable without JavaScript; the admin layout.</summary>
public sealed partial class ThemeTests(ThemeHostFixture fixture) : IClassFixture<ThemeHostFixture>
{
    private const string Civic = "GovPlatform.Themes.Civic";
    private const string Red = "GovPlatform.Themes.Red";

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task A_Civic_district_and_a_Red_district_render_their_home_pages_in_their_own_theme()
    {
        var lianhu = await PageAsync("/lianhu/");
        var zhanqian = await PageAsync("/zhanqian/");

        Assert.Equal(Civic, ThemeOf(lianhu));
        Assert.Contains("href=\"/_content/GovPlatform.Themes.Civic/civic.css\"", lianhu);
        Assert.Contains("class=\"civic-brand\"", lianhu);
        Assert.DoesNotContain("red.css", lianhu);

        Assert.Equal(Red, ThemeOf(zhanqian));
        Assert.Contains("href=\"/_content/GovPlatform.Themes.Red/red.css\"", zhanqian);
        Assert.Contains("class=\"red-star\"", zhanqian);
        Assert.Contains("党建引领", zhanqian);
        Assert.DoesNotContain("civic.css", zhanqian);

        // The theme renders the document; the page keeps its own content and stylesheet, which goes into the head.
        foreach (var (html, name) in new[] { (lianhu, "莲湖区"), (zhanqian, "站前区") })
        {
            Assert.StartsWith("<!DOCTYPE html>", html.TrimStart());
            Assert.Single(Regex.Matches(html, "<html"));
            Assert.Contains("<meta name=\"viewport\"", html);
            Assert.Contains("/_content/GovPlatform.Themes.Shared/base.css", Head(html));
            Assert.Contains("/_content/GovPlatform.Home/home.css", Head(html));
            Assert.Matches($"<title>[^<]+ · {name}</title>", html);
            Assert.Contains("主要数据", html);
        }
    }

    [Theory]
    [InlineData("/_content/GovPlatform.Themes.Shared/base.css")]
    [InlineData("/_content/GovPlatform.Themes.Civic/civic.css")]
    [InlineData("/_content/GovPlatform.Themes.Red/red.css")]
    [InlineData("/_content/GovPlatform.Themes.Admin/admin.css")]
    public async Task The_themes_stylesheets_are_served_by_the_host(string path)
    {
        var response = await Host.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("@import", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_the_tenants_Theme_switches_its_theme_on_the_next_request()
    {
        Assert.Equal(Civic, ThemeOf(await PageAsync("/switcher/notices")));

        await PatchThemeAsync("/api/tenants/switcher", $"\"{Red}\"");
        Assert.Equal(Red, ThemeOf(await PageAsync("/switcher/notices")));
        Assert.Equal(Civic, ThemeOf(await PageAsync("/alpha/notices")));

        // A theme the tenant has not enabled is not used: the default theme is.
        await PatchThemeAsync("/api/tenants/switcher", "\"GovPlatform.Themes.NoSuchTheme\"");
        Assert.Equal(Civic, ThemeOf(await PageAsync("/switcher/notices")));

        await PatchThemeAsync("/api/tenants/switcher", "null");
        Assert.Equal(Civic, ThemeOf(await PageAsync("/switcher/notices")));
    }

    [Fact]
    public async Task The_chrome_is_Chinese_by_default_and_English_on_request()
    {
        var chinese = await PageAsync("/lianhu/");
        Assert.Contains("<html lang=\"zh-CN\">", chinese);
        Assert.Contains("跳到主要内容", chinese);
        Assert.Contains(">登录</a>", chinese);
        Assert.Contains(">注册</a>", chinese);
        Assert.Contains(">首页</a>", chinese);
        Assert.Contains("aria-label=\"语言\"", chinese);

        var byHeader = Host.Client("text/html");
        byHeader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var byQuery = await PageAsync("/zhanqian/?culture=en");
        foreach (var english in new[] { await byHeader.GetStringAsync("/lianhu/"), byQuery })
        {
            Assert.Contains("<html lang=\"en\">", english);
            Assert.Contains("Skip to main content", english);
            Assert.Contains(">Sign in</a>", english);
            Assert.Contains(">Register</a>", english);
            Assert.Contains(">Home</a>", english);
            Assert.Contains("aria-label=\"Language\"", english);
            Assert.DoesNotContain("跳到主要内容", english);
        }

        // The site's name follows the language too.
        Assert.Contains("Zhanqian District</span>", byQuery);
        Assert.Contains("Party building leads", byQuery);
    }

    [Fact]
    public async Task The_language_switcher_goes_through_the_tenants_culture_endpoint_and_back()
    {
        var client = Host.Client("text/html");
        var html = await client.GetStringAsync("/alpha/notices?culture=zh-CN&page=2");
        var link = Href(html, "/alpha/culture/en?returnUrl=");
        Assert.Equal("/alpha/culture/en?returnUrl=%2Falpha%2Fnotices%3Fpage%3D2", link);
        Assert.Equal("/alpha/culture/zh-CN?returnUrl=%2Falpha%2Fnotices%3Fpage%3D2", Href(html, "/alpha/culture/zh-CN?returnUrl="));
        Assert.Matches("<a href=\"/alpha/culture/zh-CN[^\"]*\" lang=\"zh-CN\" hreflang=\"zh-CN\" aria-current=\"true\">中文</a>", html);

        var switched = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/alpha/notices?page=2", switched.Headers.Location?.OriginalString);
        Assert.Contains("<html lang=\"en\">", await client.GetStringAsync("/alpha/notices?page=2"));
    }

    [Fact]
    public async Task Without_JavaScript_every_way_around_the_site_is_a_plain_link()
    {
        var html = await PageAsync("/alpha/notices");

        Assert.DoesNotContain("<script", html);
        Assert.Contains("<a class=\"gp-skip\" href=\"#main\">", html);
        Assert.Contains("<main id=\"main\"", html);
        Assert.Contains("<header", html);
        Assert.Contains("<footer", html);
        Assert.Contains("href=\"/alpha/\"", html);
        Assert.Matches("<nav class=\"civic-menu\" aria-label=\"主菜单\">[\\s\\S]*href=\"/alpha/\"[\\s\\S]*<a href=\"/alpha/notices\" aria-current=\"page\">通知公告</a>", html);
        Assert.Contains("href=\"/alpha/account/login?returnUrl=%2Falpha%2Fnotices\"", html);
        Assert.Contains("href=\"/alpha/account/register\"", html);
        Assert.Contains("<h1 class=\"test-page\">Notices</h1>", html);
        Assert.Contains("<title>Notices · alpha区</title>", html);
    }

    [Fact]
    public async Task A_signed_in_user_sees_their_name_and_a_sign_out_form_with_an_antiforgery_token()
    {
        var client = Host.Client("text/html");
        client.DefaultRequestHeaders.Add(PagesStartup.UserHeader, "wang.grid");
        var html = await client.GetStringAsync("/alpha/notices");

        Assert.Contains("wang.grid</span>", html);
        Assert.Matches("<form class=\"gp-signout\" method=\"post\" action=\"/alpha/account/logout\">\\s*<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"[^\"]+\"", html);
        Assert.Contains(">退出登录</button>", html);
        Assert.DoesNotContain("account/login", html);
        Assert.DoesNotContain("account/register", html);
    }

    [Fact]
    public async Task The_admin_layout_has_a_top_bar_a_side_menu_by_section_and_a_toggle_for_phones()
    {
        var client = Host.Client("text/html");
        client.DefaultRequestHeaders.Add(PagesStartup.UserHeader, "admin");
        var html = await client.GetStringAsync("/alpha/admin/pages");

        Assert.Equal("GovPlatform.Themes.Admin", ThemeOf(html));
        Assert.Contains("href=\"/_content/GovPlatform.Themes.Admin/admin.css\"", html);
        Assert.Contains("<title>Pages · alpha区</title>", html);
        Assert.Contains(">管理后台</span>", html);
        Assert.Contains("<a class=\"admin-site-link\" href=\"/alpha/\">查看网站</a>", html);
        Assert.Contains("admin</span>", html);
        Assert.Contains("action=\"/alpha/account/logout\"", html);
        Assert.Contains("/alpha/culture/en?returnUrl=%2Falpha%2Fadmin%2Fpages", html);

        // The menu: sections in the order of their items, the current page marked; phones get it behind <details>.
        Assert.Matches("<details class=\"admin-nav-compact\">\\s*<summary>菜单</summary>\\s*<nav class=\"admin-nav\"", html);
        var menu = html[html.IndexOf("<div class=\"admin-nav-wide\">", StringComparison.Ordinal)..html.IndexOf("<main", StringComparison.Ordinal)];
        Assert.True(menu.IndexOf("内容管理", StringComparison.Ordinal) < menu.IndexOf("系统设置", StringComparison.Ordinal));
        Assert.Matches("内容管理[\\s\\S]*/alpha/admin/pages[\\s\\S]*/alpha/admin/notices[\\s\\S]*系统设置[\\s\\S]*/alpha/admin/features", menu);
        Assert.Contains("<a href=\"/alpha/admin/pages\" aria-current=\"page\">页面</a>", menu);
        Assert.Contains("<h1 class=\"test-page\">Pages</h1>", html);

        var english = await client.GetStringAsync("/alpha/admin/pages?culture=en");
        Assert.Contains(">Admin</span>", english);
        Assert.Contains("<summary>Menu</summary>", english);
        Assert.Contains(">Content</span>", english);
        Assert.Contains(">View site</a>", english);
    }

    [Fact]
    public async Task The_host_landing_page_is_laid_out_in_the_default_tenants_theme()
    {
        var html = await PageAsync("/");

        Assert.Equal(Civic, ThemeOf(html));
        Assert.Contains("/_content/GovPlatform.Tenants/landing.css", Head(html));
        Assert.Contains("href=\"/lianhu/\"", html);
        Assert.Contains("href=\"/culture/en?returnUrl=%2F\"", html);
    }

    private async Task<string> PageAsync(string path)
    {
        var response = await Host.Client("text/html").GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task PatchThemeAsync(string route, string themeJson)
    {
        var patch = new StringContent($$"""{ "Theme": {{themeJson}} }""", System.Text.Encoding.UTF8, "application/json");
        var response = await Host.AdminClient().PatchAsync(route, patch);
        Assert.True(response.IsSuccessStatusCode, $"PATCH {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string ThemeOf(string html) => DataTheme().Match(html) is { Success: true } match ? match.Groups[1].Value : "(no theme)";

    private static string Head(string html) => html[..html.IndexOf("</head>", StringComparison.Ordinal)];

    private static string Href(string html, string start)
    {
        var at = html.IndexOf("href=\"" + start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No link starting with {start}");
        var from = at + "href=\"".Length;
        return html[from..html.IndexOf('"', from)];
    }

    [GeneratedRegex("<body [^>]*data-theme=\"([^\"]+)\"")]
    private static partial Regex DataTheme();
}
