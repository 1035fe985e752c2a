using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Points.Models;
using GovPlatform.Points.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Points;

/// <summary>
/// The rules page: a community's staff creates its own set and sees it in force, cannot touch the street's or the
/// tenant's; bad numbers and a stale version are refused with nothing saved; deleting falls back to the set above.
/// </summary>
public sealed class RulesAdminTests
{
    private const string Page = "/alpha/admin/points/rules";

    private static (string, string)[] Fields(string unit, int version, string daily = "50", string monthly = "300", string patrol = "25") =>
    [
        ("Unit", unit), ("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("DefaultPoints", "12"), ("DailyCap", daily),
        ("MonthlyCap", monthly), ("ExpiryMonths", "12"), ("AwardsNeedApproval", "true"), ("Points.Patrol", patrol), ("Points.HomeVisit", "15"),
    ];

    private static async Task<PointRuleSet> InForceAsync(TestHost host, string unit)
    {
        await using var scope = await host.ScopeAsync("alpha");
        return await scope.ServiceProvider.GetRequiredService<PointRules>().InForceAsync(unit);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Community_staff_create_their_set_see_where_rules_come_from_and_delete_back_to_the_set_above(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);

        // The tenant's set, by a tenant-wide user.
        var tenantSet = await IdentityTestSupport.PostFormAsync(admin, Page, Page, Fields("", 0, patrol: "20"));
        Assert.Equal(HttpStatusCode.Redirect, tenantSet.StatusCode);
        Assert.Equal(20, PointRules.PointsFor(await InForceAsync(host, "D-01-01-01"), ActivityType.Patrol));

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var before = await (await staff.GetAsync($"{Page}?unit=D-01-01")).Content.ReadAsStringAsync();
        Assert.Contains("此处执行的规则来自：全区统一规则", before, StringComparison.Ordinal);
        Assert.Contains("新建本级规则", before, StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", Page, Fields("D-01-01", 0));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var rules = await InForceAsync(host, "D-01-01-02");
        Assert.Equal(("D-01-01", 25, 15, 12, 50, 300, 12, true),
            (rules.GridUnitCode, PointRules.PointsFor(rules, ActivityType.Patrol), PointRules.PointsFor(rules, ActivityType.HomeVisit), PointRules.PointsFor(rules, ActivityType.Emergency),
                rules.DailyCap, rules.MonthlyCap, rules.ExpiryMonths, rules.AwardsNeedApproval));
        var grid = await (await staff.GetAsync($"{Page}?unit=D-01-01-01")).Content.ReadAsStringAsync();
        Assert.Contains("此处执行的规则来自：五大门社区", grid, StringComparison.Ordinal);
        Assert.Contains("本级规则", await (await staff.GetAsync($"{Page}?unit=D-01-01&done=saved")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Bad numbers: the message beside the field, the input kept, nothing saved.
        var bad = await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", Page, Fields("D-01-01", 1, daily: "500", monthly: "300", patrol: "abc"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("每日上限不能大于每月上限。", badHtml, StringComparison.Ordinal);
        Assert.Contains("请填写整数。", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"abc\"", badHtml, StringComparison.Ordinal);
        Assert.Equal(50, (await InForceAsync(host, "D-01-01")).DailyCap);

        // A stale version: refused, nothing saved.
        var stale = await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", Page, Fields("D-01-01", 0, daily: "40"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(50, (await InForceAsync(host, "D-01-01")).DailyCap);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", Page, Fields("D-01-01", 1, daily: "40"))).StatusCode);
        Assert.Equal((40, 2), ((await InForceAsync(host, "D-01-01")).DailyCap, (await InForceAsync(host, "D-01-01")).Version));

        // Delete (with a stale version first): falls back to the tenant's.
        Assert.Equal(HttpStatusCode.Conflict, (await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", $"{Page}/delete", ("Unit", "D-01-01"), ("Version", "1"))).StatusCode);
        Assert.Equal("D-01-01", (await InForceAsync(host, "D-01-01-01")).GridUnitCode);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", $"{Page}/delete", ("Unit", "D-01-01"), ("Version", "2"))).StatusCode);
        var fallen = await InForceAsync(host, "D-01-01-01");
        Assert.Null(fallen.GridUnitCode);
        Assert.Equal(20, PointRules.PointsFor(fallen, ActivityType.Patrol));
        Assert.Contains("此处执行的规则来自：全区统一规则", await (await staff.GetAsync($"{Page}?unit=D-01-01")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Gone from the table.
        await using var scope = await host.ScopeAsync("alpha");
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        Assert.Empty(await db.Set<PointRuleSet>().Where(s => s.GridUnitCode == "D-01-01").ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Community_staff_cannot_change_the_streets_or_the_tenants_rules(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var street = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(street, $"{Page}?unit=D-01", Page, Fields("D-01", 0))).StatusCode);

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var page = await staff.GetAsync($"{Page}?unit=D-01-01");
        Assert.Contains("此处执行的规则来自：东风街道", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var streetSet = await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", Page, Fields("D-01", 1, daily: "1"));
        Assert.Equal(HttpStatusCode.Forbidden, streetSet.StatusCode);
        Assert.Contains("这个网格单元不在您的管辖范围内。", await streetSet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", $"{Page}/delete", ("Unit", "D-01"), ("Version", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(staff, $"{Page}?unit=D-01-01", Page, Fields("", 0))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Page}?unit=D-02")).StatusCode);
        var rules = await InForceAsync(host, "D-01-01");
        Assert.Equal(("D-01", 50), (rules.GridUnitCode, rules.DailyCap));

        // The grid worker reads (view) but may not save.
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"{Page}?unit=D-01-01-01")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_rules_are_not_seen()
    {
        await using var host = new TestHost().WithPointsTenant("alpha").WithPointsTenant("beta");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, $"{Page}?unit=D-01", Page, Fields("D-01", 0))).StatusCode);
        await using var scope = await host.ScopeAsync("beta");
        Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<PointRules>().InForceAsync("D-01-01")).Id);
        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.Contains("此处执行的规则来自：系统默认", await (await beta.GetAsync("/beta/admin/points/rules?unit=D-01")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
