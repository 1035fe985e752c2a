using System.Text.RegularExpressions;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.LegalAid;
using Microsoft.Playwright;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>
/// Legal services in Chromium: a resident finds the nearest station by clicking the map, finds the community's adviser,
/// books the adviser's first free slot and looks the booking up with its code and phone; the adviser (lawyer1) then
/// sees it on the day list. The host's clock is Monday 2026-09-21 08:00, so the adviser's Wednesday slots are ahead.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LegalAidBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task A_resident_finds_the_nearest_station_books_the_community_adviser_and_the_adviser_sees_the_booking()
    {
        await using var host = new TestHost().WithLegalAidTenant("alpha").WithLegalAidData("alpha")
            .WithClock(new ManualClock(LegalAidTestData.Monday)).WithKestrel();
        host.Start();
        string code;

        await using (var residentContext = await chromium.NewContextAsync(host.BaseAddress))
        {
            var page = await residentContext.NewPageAsync();

            // 1. The directory: every station listed, each pinned on the map.
            await page.GotoAsync("/alpha/legal");
            var stations = page.Locator("main ul.legal-stations > li.legal-station");
            Assert.Equal(3, await stations.CountAsync());
            var map = page.Locator("main svg.grid-map[data-pick]");
            Assert.Equal(3, await map.Locator("circle.grid-map-pin").CountAsync());
            Assert.Equal(0, await page.Locator("main .legal-distance").CountAsync());

            // A click on the map east of the district's middle (no pin there) picks that point and submits the form;
            // the procuratorate's workstation (3, 1 cells) is the nearest, well under a kilometre away. The point becomes
            // an offset inside the map's box, so Playwright clicks it wherever the map sits once it is laid out and stable.
            var offset = await map.EvaluateAsync<double[]>(
                """
                (svg, [lon, lat]) => {
                  const n = (name) => Number.parseFloat(svg.getAttribute(name));
                  const p = svg.createSVGPoint();
                  p.x = (lon - n('data-lon0')) * n('data-kx');
                  p.y = (n('data-lat0') - lat) * n('data-ky');
                  const screen = p.matrixTransform(svg.getScreenCTM());
                  const box = svg.getBoundingClientRect();
                  return [screen.x - box.left, screen.y - box.top];
                }
                """,
                new[] { GridTestData.X(3.3), GridTestData.Y(1.5) });
            await map.ClickAsync(new() { Position = new Position { X = (float)offset[0], Y = (float)offset[1] } });
            await page.WaitForURLAsync(url => url.Contains("longitude=113.23", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            Assert.StartsWith("23.11", await page.InputValueAsync("#latitude"), StringComparison.Ordinal);
            Assert.Equal(1, await page.Locator("main svg.grid-map circle.grid-map-marker").CountAsync());
            var first = stations.First;
            Assert.Contains("检察院法律援助工作站", await first.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Matches(MetresPattern(), await first.Locator(".legal-distance").InnerTextAsync());
            Assert.Contains("测试区公共法律服务中心", await stations.Last.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);

            // Typed coordinates beside the district centre put it first.
            await page.FillAsync("#longitude", GridTestData.X(0.6).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.FillAsync("#latitude", GridTestData.Y(0.4).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.ClickAsync("main form.legal-filters button[type=submit]");
            await page.WaitForURLAsync(url => url.Contains("longitude=113.206", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            Assert.Contains("测试区公共法律服务中心", await stations.First.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Matches(MetresPattern(), await stations.First.Locator(".legal-distance").InnerTextAsync());

            // 2. The community's adviser: street first, then its communities.
            await page.ClickAsync("main a:has-text('查找我的社区法律顾问')");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/alpha/legal/advisers", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await page.SelectOptionAsync("main form.legal-choose #street", "D-01");
            await page.ClickAsync("main form.legal-choose button[type=submit]");
            await page.WaitForSelectorAsync("main form.legal-choose #community");
            await page.SelectOptionAsync("main form.legal-choose #community", "D-01-01");
            await page.ClickAsync("main form.legal-choose button[type=submit]");
            await page.WaitForURLAsync(url => url.Contains("community=D-01-01", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            var adviser = await page.Locator("main dl.legal-adviser").InnerTextAsync();
            Assert.Contains("李明", adviser, StringComparison.Ordinal);
            Assert.Contains("广东测试律师事务所", adviser, StringComparison.Ordinal);
            Assert.DoesNotContain("13800000001", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

            await page.ClickAsync("main a.button:has-text('预约')");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/alpha/legal/book/adviser/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            Assert.Contains("李明", await page.Locator("main h1").InnerTextAsync(), StringComparison.Ordinal);

            // The first free slot is Wednesday's 14:30.
            var slot = page.Locator("main ul.legal-slots li.legal-slot:not(.is-full) a").First;
            Assert.Equal("14:30–15:00", await slot.InnerTextAsync());
            await slot.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("slot=", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            var form = page.Locator("main form.legal-book-form");
            await form.Locator("input[name=CitizenName]").FillAsync("陈阿姨");
            await form.Locator("input[name=Phone]").FillAsync("13912345678");
            await form.Locator("select[name=MatterType]").SelectOptionAsync("Family");
            await form.Locator("textarea[name=Matter]").FillAsync("儿子离婚后孙子的抚养问题。");
            await form.Locator("button[type=submit]").ClickAsync();
            await page.WaitForSelectorAsync("main .legal-appointment-page .gp-ok");
            Assert.Contains("预约成功", await page.Locator("main .gp-ok").InnerTextAsync(), StringComparison.Ordinal);
            code = (await page.Locator("main .legal-code").InnerTextAsync()).Trim();
            Assert.Matches("^[A-Z0-9]{4,12}$", code);
            Assert.Contains(code, await page.Locator("main .gp-ok").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("已预约", await page.Locator("main .legal-status").InnerTextAsync());

            // 3. The look-up with the code and the phone.
            await page.GotoAsync("/alpha/legal/appointments");
            await page.FillAsync("main form input[name=Code]", code);
            await page.FillAsync("main form input[name=Phone]", "13912345678");
            await page.ClickAsync("main form button[type=submit].gp-button");
            await page.WaitForSelectorAsync("main .legal-appointment-page");
            Assert.Equal(code, (await page.Locator("main .legal-code").InnerTextAsync()).Trim());
            Assert.Equal("已预约", await page.Locator("main .legal-status").InnerTextAsync());
            var facts = await page.Locator("main dl.legal-appointment").InnerTextAsync();
            Assert.Contains("李明", facts, StringComparison.Ordinal);
            Assert.Contains("一社区居委会二楼法律服务室", facts, StringComparison.Ordinal);
            Assert.Contains("14:30", facts, StringComparison.Ordinal);
        }

        // 4. The adviser's day list for Wednesday, in a browser of their own.
        await using var lawyerContext = await chromium.NewContextAsync(host.BaseAddress);
        var lawyer = await lawyerContext.NewPageAsync();
        await lawyer.GotoAsync("/alpha/account/login?returnUrl=%2Falpha%2Fadmin%2Flegal%2Fappointments%3Fdate%3D2026-09-23");
        await lawyer.FillAsync("#UserName", "lawyer1");
        await lawyer.FillAsync("#Password", GridTestData.StaffPassword);
        await lawyer.Locator("main form[action$='/account/login'] button[type=submit]").ClickAsync();
        await lawyer.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/alpha/admin/legal/appointments", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("2026-09-23", await lawyer.InputValueAsync("main input[name=date]"));
        var rows = lawyer.Locator("main table.legal-day-table tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        var row = await rows.First.InnerTextAsync();
        Assert.Contains("14:30–15:00", row, StringComparison.Ordinal);
        Assert.Contains("李明", row, StringComparison.Ordinal);
        Assert.Contains("陈阿姨", row, StringComparison.Ordinal);
        Assert.Contains(code, row, StringComparison.Ordinal);
        Assert.Contains("已预约", row, StringComparison.Ordinal);
        // The appointment's own lawyer may act on it: it is still ahead, so it can be cancelled, not marked.
        Assert.Equal(1, await rows.First.Locator("form[action$='/cancel']").CountAsync());
    }

    [GeneratedRegex(@"^\d+ m$")]
    private static partial Regex MetresPattern();
}
