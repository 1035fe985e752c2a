using System.Net;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>The stations' admin pages and the coverage report through HTTP: permissions, scope, errors with input kept, stale edits.</summary>
public sealed class StationsAdminTests
{
    private const string Stations = "/alpha/admin/legal/stations";

    [Fact]
    public async Task Readers_list_their_scope_only_Manage_edits_and_bad_or_stale_input_is_kept_and_refused()
    {
        await using var host = new TestHost().WithLegalAidTenant("alpha").WithClock(new ManualClock(LegalAidTestData.Monday));
        host.Start();
        LegalAidTestData.Seeded seeded;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            seeded = await LegalAidTestData.SeedAsync(scope.ServiceProvider);
        }

        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        var list = await street1.GetStringAsync(Stations);
        Assert.Contains("一街公共法律服务工作站", list, StringComparison.Ordinal);
        Assert.DoesNotContain("测试区公共法律服务中心", list, StringComparison.Ordinal);
        Assert.DoesNotContain("stations/new", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await street1.GetAsync($"{Stations}/new")).StatusCode);

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("一街公共法律服务工作站", await admin.GetStringAsync($"{Stations}?kind=AidWorkstation"), StringComparison.Ordinal);
        var bad = await IdentityTestSupport.PostFormAsync(admin, $"{Stations}/new", $"{Stations}/new",
            ("Code", "new-clinic"), ("Kind", "LegalClinic"), ("Name", "新诊所"), ("EnglishName", "New clinic"), ("GridUnit", "D-01-02"), ("Address", "北关路"),
            ("Days", "Saturday"), ("Opens", "12:00"), ("Closes", "09:00"), ("SlotMinutes", "30"), ("SlotCapacity", "1"), ("DaysAhead", "14"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("结束时间必须晚于开始时间", page, StringComparison.Ordinal);
        Assert.Contains("value=\"新诊所\"", page, StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(admin, $"{Stations}/new", $"{Stations}/new",
            ("Code", "new-clinic"), ("Kind", "LegalClinic"), ("Name", "新诊所"), ("EnglishName", "New clinic"), ("GridUnit", "D-01-02"), ("Address", "北关路"),
            ("Services", "Consultation"), ("Services", "Education"), ("Days", "Saturday"), ("Opens", "09:00"), ("Closes", "12:00"), ("SlotMinutes", "30"), ("SlotCapacity", "1"), ("DaysAhead", "14"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("新诊所", await host.Client().GetStringAsync("/alpha/legal?service=Education"), StringComparison.Ordinal);

        var edit = $"{Stations}/{seeded.StreetCentreId}";
        var editor = await admin.GetStringAsync(edit);
        Assert.Contains("data-pick", editor, StringComparison.Ordinal);
        Assert.DoesNotContain("data-submit", editor, StringComparison.Ordinal);
        (string, string)[] fields = [("Code", "street-centre"), ("Kind", "StreetCentre"), ("Name", "一街工作站（改）"), ("EnglishName", "Street one"), ("GridUnit", "D-01"), ("Address", "一街"),
            ("Days", "Monday"), ("Opens", "09:00"), ("Closes", "11:00"), ("SlotMinutes", "60"), ("SlotCapacity", "1"), ("DaysAhead", "14"), ("Active", "true")];
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, edit, edit, [.. fields, ("Version", "1")])).StatusCode);
        var stale = await IdentityTestSupport.PostFormAsync(admin, edit, edit, [.. fields.Select(f => f.Item1 == "Name" ? ("Name", "过时的修改") : f), ("Version", "1")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("过时的修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("一街工作站（改）", await host.Client().GetStringAsync("/alpha/legal/stations/street-centre"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coverage_report_shows_the_readers_streets_and_exports_to_excel()
    {
        await using var host = new TestHost().WithLegalAidTenant("alpha").WithClock(new ManualClock(LegalAidTestData.Monday));
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await LegalAidTestData.SeedAsync(scope.ServiceProvider);
        }

        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        var page = await street1.GetStringAsync("/alpha/admin/legal/advisers/coverage");
        Assert.Contains("2 个社区中有 1 个", page, StringComparison.Ordinal);
        Assert.Contains("北关社区", page, StringComparison.Ordinal);
        Assert.DoesNotContain("东关社区", page, StringComparison.Ordinal);
        var excel = await street1.GetAsync("/alpha/admin/legal/advisers/coverage.xlsx");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType!.MediaType);
        Assert.True((await excel.Content.ReadAsByteArrayAsync()).Length > 1000);
        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/alpha/admin/legal/advisers/coverage")).StatusCode);
    }
}
