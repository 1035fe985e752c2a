using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.Mediation;
using Microsoft.Playwright;

namespace GovPlatform.Host.Tests.Browser;

/// <summary>
/// The dispute ledger in Chromium: community staff register a dispute on the form and give it to the community's 五老
/// studio without ever seeing the parties; the studio's mediator sees them and closes the dispute with an agreement.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MediationBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task Staff_register_and_assign_a_dispute_and_its_mediator_settles_it_seeing_the_parties_the_staff_never_saw()
    {
        await using var host = new TestHost().WithMediationTenant("alpha").WithMediationBodies("alpha").WithKestrel();
        host.Start();

        await using (var staffContext = await chromium.NewContextAsync(host.BaseAddress))
        {
            var page = await staffContext.NewPageAsync();
            await SignInAsync(page, "staff", "%2Falpha%2Fadmin%2Fmediation%2Fdisputes%2Fnew", "/alpha/admin/mediation/disputes/new");
            await page.FillAsync("#title", "车位占用纠纷");
            await page.SelectOptionAsync("#type", "Neighbourhood");
            await page.SelectOptionAsync("#risk", "Medium");
            await page.SelectOptionAsync("#gridUnitCode", "D-01-01-01");
            await page.FillAsync("#description", "7号楼钱先生长期占用吴女士的固定车位，双方多次发生口角。");
            await page.FillAsync("[id='parties[0].name']", "吴女士");
            await page.FillAsync("[id='parties[0].phone']", "13600007777");
            await page.FillAsync("[id='parties[1].name']", "钱先生");
            await page.ClickAsync("main form button[type=submit].gp-button");
            await page.WaitForURLAsync(url => url.Contains("done=registered", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            var main = page.Locator("main");
            Assert.Contains("纠纷已登记", await main.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("共 2 名当事人", await page.Locator("main .dispute-hidden").InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("吴女士", await main.InnerTextAsync(), StringComparison.Ordinal);

            // The assign form is folded away until opened.
            Assert.False(await page.Locator("#assign-bodyId").IsVisibleAsync());
            await page.ClickAsync("#action-assign > summary");
            await page.SelectOptionAsync("#assign-bodyId", new SelectOptionValue { Label = "一社区五老调解工作室 · 五大门社区" });
            await page.SelectOptionAsync("#assign-mediatorId", new SelectOptionValue { Label = "老李 · 一社区五老调解工作室" });
            await page.ClickAsync("#action-assign button[type=submit]");
            await page.WaitForURLAsync(url => url.Contains("done=assign", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            Assert.Equal("调解中", await page.Locator("main .dispute-state").InnerTextAsync());
            Assert.Contains("一社区五老调解工作室", await main.InnerTextAsync(), StringComparison.Ordinal);
        }

        await using var elderContext = await chromium.NewContextAsync(host.BaseAddress);
        var elder = await elderContext.NewPageAsync();
        await SignInAsync(elder, "elder", "%2Falpha%2Fadmin%2Fmediation", "/alpha/admin/mediation");
        await elder.ClickAsync("main table a:has-text('TJ')");
        await elder.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/alpha/admin/mediation/disputes/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("吴女士", await elder.Locator("main .dispute-parties").InnerTextAsync(), StringComparison.Ordinal);

        // A settlement without terms is refused beside the field (the browser's own check lifted), the form stays open.
        await elder.ClickAsync("#action-settle > summary");
        await elder.EvaluateAsync("() => document.getElementById('settle-agreementTerms').removeAttribute('required')");
        await elder.ClickAsync("#action-settle button[type=submit]");
        await elder.WaitForSelectorAsync("[id='settle-agreementTerms-error']");
        Assert.True(await elder.Locator("#action-settle").EvaluateAsync<bool>("d => d.open"));
        await elder.FillAsync("#settle-agreementTerms", "钱先生即日起不再占用吴女士车位，并向吴女士道歉。");
        await elder.ClickAsync("#action-settle button[type=submit]");
        await elder.WaitForURLAsync(url => url.Contains("done=settle", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("调解成功", await elder.Locator("main .dispute-state").InnerTextAsync());
        Assert.True(await elder.Locator("#action-follow-up").IsVisibleAsync());
    }

    private static async Task SignInAsync(IPage page, string userName, string returnUrl, string landing)
    {
        await page.GotoAsync($"/alpha/account/login?returnUrl={returnUrl}");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", GridTestData.StaffPassword);
        await page.Locator("main form[action$='/account/login'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landing, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }
}
