using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.Petitions;
using Microsoft.Playwright;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>
/// The petitions hall's staff side in Chromium: a receiver registers a visit with a photo and confirms it from the case
/// page; a grid worker on a phone files a field report with the phone's location. (The citizen's side — /petitions/new
/// and tracking — is in PublicPetitionBrowserTests.) The whole loop: a citizen submits, reception assigns to a community, the
/// community escalates to the street, the street closes it, the citizen rates it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PetitionBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task A_receiver_registers_a_visit_confirms_it_and_finds_it_on_the_workbench()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithKestrel();
        host.Start();
        await using var context = await chromium.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "staff");

        await page.GotoAsync("/alpha/admin/petitions/reception");
        await page.FillAsync("#contactName", "王大爷");
        await page.FillAsync("#contactPhone", "13512345678");
        await page.FillAsync("#peopleInvolved", "楼上住户");
        await page.SelectOptionAsync("#categoryCode", "0201");
        await page.FillAsync("#description", "楼上住户长期在阳台养鸽子，气味和噪音影响休息。");
        await page.SelectOptionAsync("#gridUnitCode", "D-01-01-02");
        await page.FillAsync("#receptionOpinion", "建议网格员跟踪回访。");
        await page.SetInputFilesAsync("#attachments", new FilePayload { Name = "来访材料.png", MimeType = "image/png", Buffer = WorkbenchTestSupport.Png() });
        await page.ClickAsync("main form button[type=submit].gp-button");
        await page.WaitForURLAsync(url => url.Contains("done=received", StringComparison.Ordinal));
        var main = page.Locator("main");
        Assert.Contains("您是这件诉求的首问责任人", await main.InnerTextAsync(), StringComparison.Ordinal);
        // The thumbnail loads lazily (not part of the load event): bring it into view and wait until it has decoded.
        var thumbnail = page.Locator("main .case-files img").First;
        await thumbnail.ScrollIntoViewIfNeededAsync();
        await thumbnail.EvaluateAsync("img => img.complete && img.naturalWidth > 0 ? true : new Promise((ok, fail) => { img.onload = () => ok(true); img.onerror = () => fail(new Error('thumbnail failed to load')); })");
        Assert.Equal(8, await thumbnail.EvaluateAsync<int>("img => img.naturalWidth"));
        var number = (await page.Locator("main .case-number").InnerTextAsync()).Trim();

        // The confirm form is folded away until opened; its note goes into the timeline.
        await page.ClickAsync("#action-confirm > summary");
        await page.FillAsync("#confirm-note", "已当面了解情况");
        await page.ClickAsync("#action-confirm button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("done=confirm", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("已完成：受理", await main.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("已当面了解情况", await page.Locator("main .case-timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("问题发现", await page.Locator("main .case-stage").InnerTextAsync());

        // A refused action keeps its form open with the error beside the field.
        await page.ClickAsync("#action-reject > summary");
        await page.EvaluateAsync("() => document.getElementById('reject-note').removeAttribute('required')");
        await page.ClickAsync("#action-reject button[type=submit]");
        await page.WaitForSelectorAsync("#reject-note-error");
        Assert.True(await page.Locator("#action-reject").EvaluateAsync<bool>("d => d.open"));

        await page.GotoAsync("/alpha/admin/petitions");
        await page.ClickAsync($"main table a:has-text('{number}')");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/alpha/admin/petitions/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains(number, await page.Locator("main h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grid_worker_on_a_phone_reports_with_the_phones_location()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithPhoneUser("alpha", "mobile", "GridWorker", "D-01-01-01", "13600001111").WithKestrel();
        host.Start();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Longitude = (float)InFirstGrid.Longitude, Latitude = (float)InFirstGrid.Latitude, Accuracy = 12 },
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "mobile");

        await page.GotoAsync("/alpha/admin/petitions/report");
        await page.SelectOptionAsync("#categoryCode", "0102");
        await page.FillAsync("#description", "消防通道被电动车堵塞。");
        await page.SetInputFilesAsync("#attachments", new FilePayload { Name = "堵塞.png", MimeType = "image/png", Buffer = WorkbenchTestSupport.Png() });

        // The button is there only with JavaScript; it fills the hidden coordinates and says where it found the phone.
        var locate = page.Locator("button[data-locate-report]");
        await locate.ClickAsync();
        await Assertions.Expect(page.Locator("#report-location-status")).ToContainTextAsync("已定位");
        Assert.StartsWith("113.20", await page.InputValueAsync("#longitude"), StringComparison.Ordinal);

        // Phone-sized: the report button spans the screen.
        var submit = page.Locator("main button.report-submit");
        Assert.True((await submit.BoundingBoxAsync())!.Width > 300);
        await submit.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("filed=", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("已上报，编号", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ClickAsync("main a:has-text('查看这件诉求')");
        await page.WaitForURLAsync(url => !url.Contains("/report", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var details = await page.Locator("main .case-details").First.InnerTextAsync();
        Assert.Contains("网格上报", details, StringComparison.Ordinal);
        Assert.Contains("第一网格", details, StringComparison.Ordinal);
        Assert.Contains("13600001111", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizens_petition_goes_from_the_reception_to_the_community_up_to_the_street_and_back_to_the_citizens_rating()
    {
        // The district centre receives online petitions (intake at the top level), so its reception assigns them.
        await using var host = new TestHost()
            .WithPetitionTenant("alpha", new System.Text.Json.Nodes.JsonObject { ["intakeDepth"] = 1 })
            .WithKestrel();
        host.Start();

        // The citizen, not signed in, reports a matter and gets a tracking number.
        await using var citizen = await chromium.NewContextAsync(host.BaseAddress);
        var page = await citizen.NewPageAsync();
        await page.GotoAsync("/alpha/petitions/new");
        await page.SelectOptionAsync("#categoryCode", "0201");
        await page.FillAsync("#description", "楼上住户每晚十一点后在家装修，电钻声影响全楼休息，沟通无果。");
        await page.SelectOptionAsync("#unit-2", "D-01");
        await page.SelectOptionAsync("#unit-3", "D-01-01");
        await page.SelectOptionAsync("#unit-4", "D-01-01-01");
        await page.FillAsync("#contactName", "刘女士");
        await page.FillAsync("#contactPhone", "13698765432");
        await page.ClickAsync("main form.petition-form button[type=submit].gp-button");
        var number = (await page.Locator("main .petition-number strong").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{14}$", number);

        // Reception at the district centre confirms it, assesses it and assigns it to the community.
        await using (var reception = await chromium.NewContextAsync(host.BaseAddress))
        {
            var staff = await reception.NewPageAsync();
            await SignInAsync(staff, "leader");
            await OpenCaseAsync(staff, number);
            await ActAsync(staff, "confirm");
            await ActAsync(staff, "assess");
            await ActAsync(staff, "assign-unit", ("select", "#assign-unit-unitCode", "D-01-01"));
            Assert.Equal("流转交办", await staff.Locator("main .case-stage").InnerTextAsync());
        }

        // The community takes it, cannot solve it, and escalates it to the street.
        await using (var community = await chromium.NewContextAsync(host.BaseAddress))
        {
            var staff = await community.NewPageAsync();
            await SignInAsync(staff, "staff");
            await OpenCaseAsync(staff, number);
            await ActAsync(staff, "accept");
            await ActAsync(staff, "escalate", ("fill", "#escalate-note", "施工方不在本社区，需要街道协调执法"));
            Assert.Equal("分析研判", await staff.Locator("main .case-stage").InnerTextAsync());
            Assert.Equal(0, await staff.Locator("main details.case-action").CountAsync());
        }

        // The street routes it to itself, handles it and closes it with a reply for the citizen.
        await using (var street = await chromium.NewContextAsync(host.BaseAddress))
        {
            var staff = await street.NewPageAsync();
            await SignInAsync(staff, "street1");
            await OpenCaseAsync(staff, number);
            await ActAsync(staff, "assign-unit", ("select", "#assign-unit-unitCode", "D-01"));
            await ActAsync(staff, "accept");
            await ActAsync(staff, "complete", ("fill", "#complete-publicReply", "街道已约谈施工方，夜间停止施工。"));
            Assert.Equal("结果反馈", await staff.Locator("main .case-stage").InnerTextAsync());
        }

        // The citizen follows it with number and phone, reads the reply (no internal notes) and rates it.
        await page.GotoAsync("/alpha/petitions/track");
        await page.FillAsync("#TrackingNumber", number);
        await page.FillAsync("#Phone", "13698765432");
        await page.ClickAsync("main form[action$='/petitions/track'] button[type=submit]");
        var status = page.Locator("main");
        await Assertions.Expect(status).ToContainTextAsync("街道已约谈施工方，夜间停止施工。");
        Assert.DoesNotContain("施工方不在本社区", await status.InnerTextAsync(), StringComparison.Ordinal);
        await page.CheckAsync("input[name=Satisfaction][value='5']");
        await page.CheckAsync("input[name=Resolved][value=true]");
        await page.ClickAsync("main form[action$='/petitions/track/rate'] button[type=submit]");
        await Assertions.Expect(page.Locator("main .petition-stage")).ToHaveTextAsync("考核评价");
    }

    private static async Task OpenCaseAsync(IPage page, string number)
    {
        await page.GotoAsync($"/alpha/admin/petitions?view=all&q={number}");
        await page.ClickAsync($"main table a:has-text('{number}')");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/alpha/admin/petitions/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    /// <summary>
    /// Opens an action's folded form on the case page, fills it and sends it; waits for the page to confirm it (its HTML:
    /// in full runs Chromium's "load" event has now and then not come within 30 s although the network was idle).
    /// </summary>
    private static async Task ActAsync(IPage page, string action, params (string Kind, string Selector, string Value)[] fields)
    {
        await page.ClickAsync($"#action-{action} > summary");
        foreach (var (kind, selector, value) in fields)
        {
            if (kind == "select")
            {
                await page.SelectOptionAsync(selector, value);
            }
            else
            {
                await page.FillAsync(selector, value);
            }
        }

        await page.ClickAsync($"#action-{action} button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains($"done={action}", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    /// <summary>
    /// Signs in through the login form and lands on the workbench. (Without a return address the login goes to the
    /// tenant's home page, which this test tenant does not have: Chromium then shows its own error page for the 404,
    /// which Playwright does not always report as a navigation.)
    /// </summary>
    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/alpha/account/login?returnUrl=%2Falpha%2Fadmin%2Fpetitions");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", GridTestData.StaffPassword);
        await page.Locator("main form[action$='/account/login'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/alpha/admin/petitions", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }
}
