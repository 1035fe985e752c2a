using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.RedGrid;
using GovPlatform.RedGrid.Models;
using Microsoft.Playwright;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>
/// 站前's public red grid in Chromium, on the real recipe in the red theme: the visitor opens 党建红网格 from the menu, reads
/// the coverage, follows a party-building news item, comes back, opens the service centres' map and a centre from its pin.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RedGridBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task A_visitor_opens_the_red_grid_follows_a_news_item_and_finds_a_centre_on_the_map()
    {
        await using var host = new TestHost().WithRepositoryTenants().WithKestrel();
        host.Start();
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        // The first request sets 站前 up from its recipe (its grid, 1,570 organisations, 1,112 courtyards, 175 resident
        // units …), which on a loaded machine with PostgreSQL can take longer than a page's usual 30 seconds.
        await page.GotoAsync("/zhanqian/", new() { Timeout = 180_000 });

        // The first visit activated the shell (the tests' warm-up client does not reach a Kestrel host).
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            // 站前's recipe has no centre yet: one in 五大门社区, inside its outline.
            await RedGridTestData.SaveAsync(scope.ServiceProvider, new ServiceCentre
            {
                Code = "wudamen",
                Level = CentreLevel.Community,
                Name = "五大门社区党群服务站",
                GridUnitCode = "210802-01-001",
                Address = "八田地街道五大门社区",
                Longitude = 122.2348,
                Latitude = 40.6928,
                Services = "党员活动\n政策咨询",
                Active = true,
                UpdatedUtc = DateTime.UtcNow,
                Version = 1,
            });
        }

        await page.ClickAsync("header nav a[href='/zhanqian/redgrid']");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/zhanqian/redgrid", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("GovPlatform.Themes.Red", await page.GetAttributeAsync("body", "data-theme"));
        Assert.Equal("page", await page.GetAttributeAsync("header nav a[href='/zhanqian/redgrid']", "aria-current"));
        Assert.Contains("274 / 279", await page.Locator("main [data-figure=grids]").InnerTextAsync(), StringComparison.Ordinal);

        // The hero is drawn in the theme's accent: the red theme's red, not the civic blue.
        Assert.Equal("rgb(166, 27, 27)", await page.Locator("main .redgrid-hero").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        // A news item and back.
        var news = page.Locator("main .redgrid-news-list a");
        Assert.Equal(4, await news.CountAsync());
        // Items published by the recipe in the same instant come in the contents module's tie order (by id), which
        // the providers may differ on: the newest item shown is followed, whichever it is.
        var first = news.First;
        var href = (await first.GetAttributeAsync("href"))!;
        var title = (await first.InnerTextAsync()).Trim();
        Assert.StartsWith("/zhanqian/party-building/", href, StringComparison.Ordinal);
        await first.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == href, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains(title, await page.Locator("main h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("GovPlatform.Themes.Red", await page.GetAttributeAsync("body", "data-theme"));
        await page.GoBackAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        // The centres' map and a centre from its pin.
        await page.ClickAsync("main .redgrid-centres-block a.redgrid-more");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/zhanqian/redgrid/centres", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        // Found by its link: the district's recipe may add centres of its own.
        var pin = page.Locator("main svg.grid-map a[href='/zhanqian/redgrid/centres/wudamen'] circle.grid-map-pin");
        Assert.Equal(1, await pin.CountAsync());
        await pin.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/zhanqian/redgrid/centres/wudamen", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("五大门社区党群服务站", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Contains("政策咨询", await page.Locator("main .redgrid-services").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("GovPlatform.Themes.Red", await page.GetAttributeAsync("body", "data-theme"));
    }
}
