using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>A resident in Chromium finds their grid on the public page by clicking the map or with the phone's location.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GridBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task A_resident_clicks_the_map_and_then_uses_the_phones_location_to_find_the_grid_and_its_worker()
    {
        await using var host = new TestHost().WithGridTenant("alpha").WithKestrel();
        host.Start();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            Locale = "zh-CN",
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Longitude = (float)GridTestData.X(1.5), Latitude = (float)GridTestData.Y(0.5) },
        });
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/alpha/grid"))!.Status);

        // The map shows the two streets; a click in the south-west quarter of 东风街道 (D-01) is inside 第一网格.
        var street = page.Locator("svg.grid-map path[data-code='D-01']");
        var box = (await street.BoundingBoxAsync())!;
        await street.ClickAsync(new LocatorClickOptions { Position = new Position { X = box.Width * 0.25f, Y = box.Height * 0.75f } });
        await page.WaitForURLAsync(url => url.Contains("longitude=", StringComparison.Ordinal));
        Assert.Contains("第一网格", await page.Locator("h2").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("李秀英", await page.Locator("table.grid-people").InnerTextAsync(), StringComparison.Ordinal);
        Assert.StartsWith("113.2", await page.InputValueAsync("#longitude"), StringComparison.Ordinal);

        var clicked = page.Url;
        await page.ClickAsync("button[data-locate]");
        await page.WaitForURLAsync(url => url != clicked);
        Assert.Contains("第二网格", await page.Locator("h2").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("张伟", await page.Locator("table.grid-people").InnerTextAsync(), StringComparison.Ordinal);
    }
}
