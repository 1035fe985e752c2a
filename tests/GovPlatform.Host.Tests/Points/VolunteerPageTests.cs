using System.Globalization;
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
/// The volunteer's pages and the staff's volunteer and team pages through HTTP: sign-in, registration errors with input
/// kept, approval by the community only, masked ID numbers, adjust and reverse with Points.Approve, teams and members,
/// paging, tenant isolation.
/// </summary>
public sealed class VolunteerPageTests
{
    private const string Join = "/alpha/points/join";
    private const string Me = "/alpha/points/me";
    private const string Admin = "/alpha/admin/points/volunteers";
    private const string Teams = "/alpha/admin/points/teams";

    private static (string, string)[] Registration(string id = VolunteerServiceTests.IdA, string name = "张三", string unit = "D-01-01-01") =>
        [("RealName", name), ("IdNumber", id), ("Phone", "13912345678"), ("GridUnitCode", unit), ("Skills", "医疗，驾驶"), ("PublicConsent", "true")];

    private static async Task<long> RegisterAsync(TestHost host, string user = "citizen1", string id = VolunteerServiceTests.IdA, string name = "张三", string tenant = "alpha")
    {
        var client = await host.SignedInAsync(tenant, user, GridTestData.StaffPassword);
        var response = await IdentityTestSupport.PostFormAsync(client, $"/{tenant}/points/join", $"/{tenant}/points/join", Registration(id, name));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = await host.ScopeAsync(tenant);
        return (await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Volunteer>().SingleAsync(v => v.UserName == user)).Id;
    }

    private static async Task<Volunteer> VolunteerAsync(TestHost host, long id)
    {
        await using var scope = await host.ScopeAsync("alpha");
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Volunteer>().AsNoTracking().SingleAsync(v => v.Id == id);
    }

    [Fact]
    public async Task A_citizen_registers_with_errors_beside_the_fields_and_sees_where_it_stands()
    {
        await using var host = new TestHost().WithPointsTenant("alpha");
        host.Start();
        // A browser is sent to sign in and brought back; an API client is told 401.
        var anonymous = host.Client("text/html");
        var challenged = await anonymous.GetAsync(Join);
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.Equal("/alpha/account/login?returnUrl=%2Falpha%2Fpoints%2Fjoin", challenged.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync(Me)).StatusCode);

        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        var me = await citizen.GetAsync(Me);
        Assert.EndsWith("/alpha/points/join", me.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var form = await citizen.GetStringAsync(Join);
        Assert.Contains("五大门社区", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"D-01\"", form, StringComparison.Ordinal);   // streets are not offered

        var bad = await IdentityTestSupport.PostFormAsync(citizen, Join, Join, Registration(id: "510104199001011231", name: "李四光"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"idNumber-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"李四光\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"510104199001011231\"", html, StringComparison.Ordinal);
        var unknown = await IdentityTestSupport.PostFormAsync(citizen, Join, Join, Registration(unit: "D-77"));
        Assert.Contains("id=\"gridUnitCode-error\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var done = await IdentityTestSupport.PostFormAsync(citizen, Join, Join, Registration());
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var status = await citizen.GetStringAsync(Join);
        Assert.Contains("待审核", status, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"IdNumber\"", status, StringComparison.Ordinal);
        var page = await citizen.GetStringAsync($"{Me}?culture=en");
        Assert.Contains("Pending", page, StringComparison.Ordinal);
        Assert.Contains("No entries yet.", page, StringComparison.Ordinal);

        // The profile: consent off, then a bad phone keeps what was typed.
        var version = (await VolunteerAsync(host, 1)).Version.ToString(CultureInfo.InvariantCulture);
        var badPhone = await IdentityTestSupport.PostFormAsync(citizen, Me, Me, ("RealName", "张三丰"), ("Phone", "555"), ("GridUnitCode", "D-01-01-01"), ("Version", version));
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        var badHtml = await badPhone.Content.ReadAsStringAsync();
        Assert.Contains("id=\"phone-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"张三丰\"", badHtml, StringComparison.Ordinal);
        var saved = await IdentityTestSupport.PostFormAsync(citizen, Me, Me, ("RealName", "张三丰"), ("Phone", "13912345678"), ("GridUnitCode", "D-01-01-01"), ("Version", version));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await VolunteerAsync(host, 1);
        Assert.Equal("张三丰", stored.RealName);
        Assert.False(stored.PublicConsent);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_the_community_approves_and_View_only_readers_see_a_masked_ID(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var id = await RegisterAsync(host);
        var path = $"{Admin}/{id}";

        // The street admin of D-02 does not even see a volunteer of D-01-01-01.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("张三", await street.GetStringAsync(Admin), StringComparison.Ordinal);
        var forged = await IdentityTestSupport.PostFormAsync(street, Admin, $"{path}/approve", ("Version", "1"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        // The grid worker of the volunteer's grid sees the profile, the ID masked, and no decision forms.
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        var workerPage = await worker.GetStringAsync(path);
        Assert.Contains("5101**********1230", workerPage, StringComparison.Ordinal);
        Assert.DoesNotContain(VolunteerServiceTests.IdA, workerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/approve", workerPage, StringComparison.Ordinal);
        var workerApproves = await IdentityTestSupport.PostFormAsync(worker, path, $"{path}/approve", ("Version", "1"));
        Assert.Equal(HttpStatusCode.Forbidden, workerApproves.StatusCode);

        // The community's staff: the full ID on the profile, masked in the list; a refusal needs its reason.
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        Assert.Contains(VolunteerServiceTests.IdA, await staff.GetStringAsync(path), StringComparison.Ordinal);
        var list = await staff.GetStringAsync($"{Admin}?status=Pending&q=张");
        Assert.Contains("5101**********1230", list, StringComparison.Ordinal);
        Assert.DoesNotContain(VolunteerServiceTests.IdA, list, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", await staff.GetStringAsync($"{Admin}?status=Approved"), StringComparison.Ordinal);
        var noReason = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/reject", ("Version", "1"), ("Reason", " "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("id=\"reason-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stale = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/approve", ("Version", "7"));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var approved = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/approve", ("Version", "1"));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var volunteer = await VolunteerAsync(host, id);
        Assert.Equal(VolunteerStatus.Approved, volunteer.Status);
        Assert.Equal("staff", volunteer.ApprovedBy);

        var suspended = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/suspend", ("Version", "2"), ("Reason", "多次无故缺席"));
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        var reinstated = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/reinstate", ("Version", "3"));
        Assert.Equal(HttpStatusCode.Redirect, reinstated.StatusCode);
        Assert.Equal(["reinstate", "suspend", "approve", "register"], (await host.AuditAsync("alpha", "points")).Select(e => e.Action));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Adjusting_and_reversing_need_Points_Approve_and_a_repeated_form_lands_once(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            id = (await PointsTestData.VolunteersAsync(scope.ServiceProvider, 1))[0];
        }

        var path = $"{Admin}/{id}";
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        Assert.DoesNotContain("/adjust", await staff.GetStringAsync(path), StringComparison.Ordinal);
        var refused = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/adjust", ("Amount", "50"), ("Reason", "补记"), ("Key", "abcdef0123456789"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        var badAmount = await IdentityTestSupport.PostFormAsync(street1, path, $"{path}/adjust", ("Amount", "五十"), ("Reason", "补记巡逻"), ("Key", "abcdef0123456789"));
        Assert.Equal(HttpStatusCode.BadRequest, badAmount.StatusCode);
        var badHtml = await badAmount.Content.ReadAsStringAsync();
        Assert.Contains("id=\"adjust-amount-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"补记巡逻\"", badHtml, StringComparison.Ordinal);
        var tooMuch = await IdentityTestSupport.PostFormAsync(street1, path, $"{path}/adjust", ("Amount", "-5"), ("Reason", "扣减"), ("Key", "abcdef0123456789"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);

        for (var i = 0; i < 2; i++)
        {
            var adjusted = await IdentityTestSupport.PostFormAsync(street1, path, $"{path}/adjust", ("Amount", "50"), ("Reason", "补记巡逻"), ("Key", "key-one-1234"));
            Assert.Equal(HttpStatusCode.Redirect, adjusted.StatusCode);
        }

        Assert.Equal(50, (await VolunteerAsync(host, id)).Balance);
        long entryId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            entryId = (await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PointEntry>().SingleAsync()).Id;
        }

        var noReason = await IdentityTestSupport.PostFormAsync(street1, path, $"{path}/reverse", ("EntryId", entryId.ToString(CultureInfo.InvariantCulture)), ("Reason", ""), ("Key", "key-two-1234"));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("id=\"reverse-reason-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reversed = await IdentityTestSupport.PostFormAsync(street1, path, $"{path}/reverse", ("EntryId", entryId.ToString(CultureInfo.InvariantCulture)), ("Reason", "重复记录"), ("Key", "key-two-1234"));
        Assert.Equal(HttpStatusCode.Redirect, reversed.StatusCode);
        Assert.Equal(0, (await VolunteerAsync(host, id)).Balance);
        var twice = await IdentityTestSupport.PostFormAsync(street1, path, $"{path}/reverse", ("EntryId", entryId.ToString(CultureInfo.InvariantCulture)), ("Reason", "再冲"), ("Key", "key-three-1234"));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var page = await street1.GetStringAsync(path);
        Assert.Contains("（已冲正）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_volunteer_reads_the_ledger_twenty_at_a_time_with_orders()
    {
        await using var host = new TestHost().WithPointsTenant("alpha");
        host.Start();
        var id = await RegisterAsync(host);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            await db.Set<Volunteer>().Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VolunteerStatus.Approved));
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            for (var i = 1; i <= 25; i++)
            {
                Assert.True((await ledger.EarnAsync(new(id, 10, $"巡逻第{i}次", "activity", null, "D-01-01-01", null, $"seed:{i}"), "staff")).Succeeded);
            }

            var reward = new Reward { Kind = RewardKind.Goods, Name = "洗衣液", EnglishName = "Laundry liquid", PointsPrice = 30, Stock = 5, ValueFen = 2000, Active = true, UpdatedUtc = DateTime.UtcNow, Version = 1 };
            db.Add(reward);
            await db.SaveChangesAsync();
            Assert.True((await ledger.RedeemAsync(id, reward.Id, 1, "order:1", "citizen1", (_, _) => Task.FromResult(true))).Succeeded);
        }

        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        var first = await citizen.GetStringAsync(Me);
        Assert.Contains("220", first, StringComparison.Ordinal);
        Assert.Contains("兑换：洗衣液", first, StringComparison.Ordinal);
        Assert.Contains("我的兑换", first, StringComparison.Ordinal);
        Assert.DoesNotContain("我的报名", first, StringComparison.Ordinal);
        Assert.Contains("第 1 / 2 页", first, StringComparison.Ordinal);
        Assert.DoesNotContain("巡逻第5次", first, StringComparison.Ordinal);
        var second = await citizen.GetStringAsync($"{Me}?page=2");
        Assert.Contains("巡逻第1次", second, StringComparison.Ordinal);
        Assert.DoesNotContain("巡逻第25次", second, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_manage_the_teams_of_their_unit_with_approved_members_only(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var pending = await RegisterAsync(host, "citizen2", VolunteerServiceTests.IdB, "王五");
        long approved;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            approved = (await PointsTestData.VolunteersAsync(scope.ServiceProvider, 1))[0];
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        (string, string)[] Fields(string code, string unit, string leader = "", string stamp = "") =>
            [("Code", code), ("Name", "五大门巡逻队"), ("EnglishName", "Wudamen patrol"), ("GridUnitCode", unit), ("Description", "夜间巡逻"), ("LeaderId", leader), ("Stamp", stamp)];
        var badCode = await IdentityTestSupport.PostFormAsync(staff, $"{Teams}/new", $"{Teams}/new", Fields("Bad Code", "D-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        var badHtml = await badCode.Content.ReadAsStringAsync();
        Assert.Contains("id=\"code-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"五大门巡逻队\"", badHtml, StringComparison.Ordinal);
        var outside = await IdentityTestSupport.PostFormAsync(staff, $"{Teams}/new", $"{Teams}/new", Fields("patrol", "D-02-01"));
        Assert.Contains("id=\"gridUnitCode-error\"", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(staff, $"{Teams}/new", $"{Teams}/new", Fields("patrol", "D-01-01"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var teamId = long.Parse(path.Split('/')[^1], CultureInfo.InvariantCulture);

        var refused = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/members", ("VolunteerId", pending.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"member-volunteerId-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var added = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/members", ("VolunteerId", approved.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        long stamp;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            stamp = (await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<VolunteerTeam>().SingleAsync()).UpdatedUtc.Ticks;
        }

        var notMember = await IdentityTestSupport.PostFormAsync(staff, path, path, Fields("patrol", "D-01-01", pending.ToString(CultureInfo.InvariantCulture), stamp.ToString(CultureInfo.InvariantCulture)));
        Assert.Contains("id=\"leaderId-error\"", await notMember.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stale = await IdentityTestSupport.PostFormAsync(staff, path, path, Fields("patrol", "D-01-01", approved.ToString(CultureInfo.InvariantCulture), (stamp - 10_000).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var led = await IdentityTestSupport.PostFormAsync(staff, path, path, Fields("patrol", "D-01-01", approved.ToString(CultureInfo.InvariantCulture), stamp.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, led.StatusCode);
        Assert.Contains("（队长）", await staff.GetStringAsync(path), StringComparison.Ordinal);

        // The street admin of D-02 neither sees nor changes it; the worker sees it without the forms.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("五大门巡逻队", await street.GetStringAsync(Teams), StringComparison.Ordinal);
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync(path)).StatusCode);   // the team is of D-01-01, above the worker's grid
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"{Teams}/new")).StatusCode);

        var removed = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/members/{approved}/remove", ("Active", "false"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var deactivated = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/active", ("Active", "false"));
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var team = await db.Set<VolunteerTeam>().SingleAsync(t => t.Id == teamId);
            Assert.Null(team.LeaderId);
            Assert.False(team.Active);
            Assert.False(await db.Set<TeamMember>().AnyAsync());
        }

        var closed = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/members", ("VolunteerId", approved.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_volunteers_or_teams()
    {
        await using var host = new TestHost().WithPointsTenant("alpha").WithPointsTenant("beta");
        host.Start();
        var id = await RegisterAsync(host);
        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/points/volunteers/{id}")).StatusCode);
        Assert.DoesNotContain("张三", await beta.GetStringAsync("/beta/admin/points/volunteers"), StringComparison.Ordinal);

        // The same person may register in the other district: its own table, its own accounts.
        var citizen = await host.SignedInAsync("beta", "citizen1", GridTestData.StaffPassword);
        Assert.DoesNotContain("待审核", await citizen.GetStringAsync("/beta/points/join"), StringComparison.Ordinal);
        var registered = await IdentityTestSupport.PostFormAsync(citizen, "/beta/points/join", "/beta/points/join", Registration());
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
    }
}
