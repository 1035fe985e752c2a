using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.Petitions;
using Microsoft.Playwright;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>A resident in Chromium fills in the petition form: the location's selects narrow down level by level, and the phone's location fills the point without sending the form.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPetitionBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task The_selects_narrow_down_the_location_and_my_location_fills_the_point_without_submitting()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithKestrel();
        host.Start();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            Locale = "zh-CN",
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Longitude = (float)GridTestData.X(1.5), Latitude = (float)GridTestData.Y(0.5) },
        });
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/alpha/petitions/new"))!.Status);

        // Nothing chosen: every community is offered. 建设街道: only its own.
        Assert.Equal(3, await page.Locator("#unit-3 optgroup option").CountAsync());
        await page.SelectOptionAsync("#unit-2", "D-02");
        Assert.Equal(["D-02-01"], await Values(page, "#unit-3"));
        Assert.Empty(await Values(page, "#unit-4"));

        // 东风街道 → 五大门社区 → its two grids; going back to 建设街道 clears the community that no longer fits.
        await page.SelectOptionAsync("#unit-2", "D-01");
        Assert.Equal(["D-01-01", "D-01-02"], await Values(page, "#unit-3"));
        Assert.Equal(["D-01-01-01", "D-01-01-02"], await Values(page, "#unit-4"));
        await page.SelectOptionAsync("#unit-3", "D-01-01");
        await page.SelectOptionAsync("#unit-4", "D-01-01-02");
        await page.SelectOptionAsync("#unit-2", "D-02");
        Assert.Equal("", await page.InputValueAsync("#unit-3"));
        Assert.Equal("", await page.InputValueAsync("#unit-4"));
        await page.SelectOptionAsync("#unit-2", "");

        var url = page.Url;
        await page.ClickAsync("button[data-petition-locate]");
        await page.WaitForFunctionAsync("() => document.getElementById('longitude').value !== ''");
        Assert.Equal(url, page.Url);
        Assert.StartsWith("113.21", await page.InputValueAsync("#longitude"), StringComparison.Ordinal);

        await page.SelectOptionAsync("#categoryCode", "0102");
        await page.FillAsync("#description", "小区消防通道被私家车长期堵塞。");
        await page.FillAsync("#contactPhone", "13912345678");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync(".petition-number");
        Assert.Matches(@"^\d{14}$", await page.Locator(".petition-number").InnerTextAsync());
    }

    private static async Task<IReadOnlyList<string>> Values(IPage page, string select) =>
        await page.Locator($"{select} optgroup option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
}
