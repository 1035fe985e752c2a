using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>People in Chromium: district administrators, host administrators and citizens.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(Chromium chromium)
{
    private static readonly string[] DistrictFeatures = ["GovPlatform.Home", "GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"];

    [Fact]
    public async Task A_district_admin_signs_in_enables_a_feature_and_finds_its_menu_item()
    {
        await using var host = new TestHost()
            .WithTenant("district", DistrictFeatures, extraSteps: UsersStep(("admin", AdminPassword, ["Administrator"], [])))
            .WithKestrel();
        host.Start();
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/district/admin/features");
        Assert.EndsWith("/district/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await SignInAsync(page, "admin", AdminPassword);
        Assert.Equal("/district/admin/features", new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await page.Locator("nav.admin-nav a[href='/district/admin/pages']").CountAsync());

        await page.Locator("#feature-Test\\.Pages button[type=submit]").ClickAsync();
        Assert.Contains("Test.Pages", await page.Locator("#to-enable").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("form[action='/district/admin/features/apply'] button[type=submit]").ClickAsync();

        Assert.Equal("/district/admin/features", new Uri(page.Url).AbsolutePath);
        Assert.Contains("功能已启用", await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
        var item = page.Locator("nav.admin-nav a[href='/district/admin/pages']:visible");
        Assert.Equal("页面", (await item.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task A_citizen_registers_and_signs_in_on_one_district_and_is_not_signed_in_on_another()
    {
        await using var host = new TestHost()
            .WithTenant("east", DistrictFeatures)
            .WithTenant("west", DistrictFeatures)
            .WithKestrel();
        host.Start();
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/east/");
        await page.Locator(".gp-account a[href^='/east/account/register']").ClickAsync();
        await page.FillAsync("#UserName", "wang.fang");
        await page.FillAsync("#Email", "wang.fang@example.cn");
        await page.FillAsync("#Password", "Citizen-2026");
        await page.FillAsync("#ConfirmPassword", "Citizen-2026");
        await page.Locator("main form button[type=submit]").ClickAsync();

        // Registered: signed in on east, whose pages now greet the user.
        await page.GotoAsync("/east/");
        Assert.Contains("wang.fang", await page.Locator(".gp-account").InnerTextAsync(), StringComparison.Ordinal);

        // The same browser on west: not signed in, and the east account does not exist there.
        await page.GotoAsync("/west/");
        var west = await page.Locator(".gp-account").InnerTextAsync();
        Assert.DoesNotContain("wang.fang", west, StringComparison.Ordinal);
        Assert.Contains("登录", west, StringComparison.Ordinal);
        await page.GotoAsync("/west/account/login");
        await SignInAsync(page, "wang.fang", "Citizen-2026");
        Assert.EndsWith("/west/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("[role=alert]").CountAsync());

        var cookies = await context.CookiesAsync();
        var auth = Assert.Single(cookies, c => c.Name.EndsWith(".auth", StringComparison.Ordinal));
        Assert.Equal((".gp.east.auth", "/east"), (auth.Name, auth.Path));
    }

    [Fact]
    public async Task A_newcomer_sets_up_the_host_creates_a_fifth_district_and_changes_its_feature_and_theme()
    {
        await using var host = new TestHost().WithRepositoryTenants().WithKestrel();
        host.Start();
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();

        // The host's first administrator, with the token from the log.
        await page.GotoAsync("/admin/setup");
        var token = File.ReadAllText(Path.Combine(host.DataRoot, "host-setup-token")).Trim();
        await page.FillAsync("#token", token);
        await page.FillAsync("#userName", "host");
        await page.FillAsync("#email", "host@example.cn");
        await page.FillAsync("#password", "Host-admin-2026");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await SignInAsync(page, "host", "Host-admin-2026");
        Assert.Equal("/admin", new Uri(page.Url).AbsolutePath);

        // The wizard: the street-centre template, then the site and its administrator.
        await page.Locator("nav.admin-nav a[href='/admin/tenants/new']:visible").ClickAsync();
        await page.CheckAsync("input[name=recipe][value=street-centre]");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.FillAsync("#Name", "xinhua");
        await page.FillAsync("#NameChinese", "新华街道");
        await page.FillAsync("#NameEnglish", "Xinhua Street");
        await page.FillAsync("#AdminUserName", "xinhua-admin");
        await page.FillAsync("#AdminEmail", "admin@xinhua.example.cn");
        await page.FillAsync("#AdminPassword", "Xinhua-2026-pass");
        await page.Locator("main form button[type=submit]").ClickAsync();
        Assert.Equal("/admin/tenants", new Uri(page.Url).AbsolutePath);
        Assert.Equal(1, await page.Locator("#tenant-xinhua").CountAsync());

        // Its administrator signs in to its admin, switches a feature on and the theme to red.
        await page.GotoAsync("/xinhua/admin/features");
        await SignInAsync(page, "xinhua-admin", "Xinhua-2026-pass");
        await page.Locator("#feature-GovPlatform\\.Diagnostics button[type=submit]").ClickAsync();
        await page.Locator("form[action='/xinhua/admin/features/apply'] button[type=submit]").ClickAsync();
        Assert.Contains("功能已启用", await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/xinhua/admin/settings");
        await page.SelectOptionAsync("#Theme", "GovPlatform.Themes.Red");
        await page.Locator("main form.gp-form button[type=submit]").ClickAsync();
        Assert.Contains("设置已保存", await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);

        // The public site: red, in Chinese by default, in English on request; the new feature answers.
        await page.GotoAsync("/xinhua/");
        Assert.Equal("GovPlatform.Themes.Red", await page.GetAttributeAsync("body", "data-theme"));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("新华街道", await page.TitleAsync(), StringComparison.Ordinal);
        await page.Locator("a[lang=en]").First.ClickAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Xinhua Street", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (await page.GotoAsync("/xinhua/diagnostics"))!.Status);
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", password);
        await page.Locator("main form[action$='/account/login'] button[type=submit]").ClickAsync();
    }
}
