using GovPlatform.Host.Tests.Contents;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>In Chromium, a district admin defines a content type with three fields, publishes an item and finds it on the public site.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task An_admin_defines_a_type_with_three_fields_publishes_an_item_and_sees_it_on_the_public_site()
    {
        await using var host = new TestHost().WithContentTenant("alpha").WithKestrel();
        host.Start();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/alpha/account/login");
        await page.FillAsync("#UserName", "admin");
        await page.FillAsync("#Password", IdentityTestSupport.AdminPassword);
        await page.Locator("main form[action$='/account/login'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        // The type: title, body, route and publishing are ticked for a new type.
        await page.GotoAsync("/alpha/admin/contents/types/new");
        await page.FillAsync("#Name", "Project");
        await page.FillAsync("#DisplayName", "公益项目");
        await page.FillAsync("#EnglishName", "Public-benefit project");
        await page.FillAsync("#ListSlug", "projects");
        await page.Locator("main form button[type=submit].gp-button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/admin/contents/types/Project/edit", StringComparison.Ordinal));

        await AddFieldAsync(page, "text", "organiser", "实施单位");
        await AddFieldAsync(page, "number", "beneficiaries", "受益人数");
        await AddFieldAsync(page, "boolean", "recruiting", "招募志愿者");
        Assert.Equal(3, await page.Locator("main table tbody tr").CountAsync());

        // An item, published at once.
        await page.GotoAsync("/alpha/admin/contents");
        await page.ClickAsync("main a.gp-button-secondary:has-text('公益项目')");
        await page.FillAsync("#Title", "长者饭堂");
        await page.FillAsync("#Body", "为社区**长者**提供午餐。");
        await page.FillAsync("#f_organiser", "东风街道");
        await page.FillAsync("#f_beneficiaries", "120");
        await page.CheckAsync("#f_recruiting");
        await page.ClickAsync("button[name=submit][value=publish]");
        await page.WaitForURLAsync(url => url.Contains("saved=published", StringComparison.Ordinal));

        // The public site lists it and shows its page with the fields.
        var visitor = await context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = "zh-CN" });
        var site = await visitor.NewPageAsync();
        Assert.Equal(200, (await site.GotoAsync("/alpha/projects"))!.Status);
        await site.ClickAsync("main a:has-text('长者饭堂')");
        await site.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/alpha/projects/", StringComparison.Ordinal));
        var text = await site.Locator("main").InnerTextAsync();
        Assert.Contains("长者饭堂", text, StringComparison.Ordinal);
        Assert.Contains("东风街道", text, StringComparison.Ordinal);
        Assert.Contains("120", text, StringComparison.Ordinal);
        Assert.Equal("长者", await site.Locator("main strong").First.InnerTextAsync());
        await visitor.DisposeAsync();
    }

    private static async Task AddFieldAsync(IPage page, string kind, string name, string label)
    {
        await page.SelectOptionAsync("#kind", kind);
        await page.ClickAsync("main form[method=get] button.gp-button");
        await page.FillAsync("#Name", name);
        await page.FillAsync("#DisplayName", label);
        await page.Locator("main form[method=post] button[type=submit].gp-button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/admin/contents/types/Project/edit", StringComparison.Ordinal) && !url.Contains("/fields/", StringComparison.Ordinal));
    }
}
