using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>A person in Chromium on a district's public site.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DistrictSiteBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task A_visitor_reads_a_district_in_Chinese_and_switches_it_to_English()
    {
        await using var host = new TestHost().WithRepositoryTenants().WithKestrel();
        host.Start();
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/lianhu/");
        Assert.Equal(200, response!.Status);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("莲湖", await page.TitleAsync(), StringComparison.Ordinal);

        await page.ClickAsync("a[lang=en]");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Lianhu", await page.TitleAsync(), StringComparison.Ordinal);
    }
}
