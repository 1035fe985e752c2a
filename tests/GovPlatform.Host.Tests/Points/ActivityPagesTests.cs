using System.Globalization;
using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Points.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Points.ActivityTestSupport;

namespace GovPlatform.Host.Tests.Points;

/// <summary>The activity pages through HTTP: the organiser's form with errors and input kept, grid scope, the roster, the code view, the volunteers' pages, tenant isolation.</summary>
public sealed class ActivityPagesTests
{
    private const string Admin = "/alpha/admin/points/activities";
    private const string Public = "/alpha/points/activities";

    private static (string, string)[] Fields(string title, string starts, string ends, string unit = "D-01-01-01") =>
    [
        ("Title", title), ("Type", "Environment"), ("GridUnitCode", unit), ("Place", "庙沟河边"), ("Description", "清理河道垃圾"),
        ("Starts", starts), ("Ends", ends), ("SignUpOpens", "2026-01-01T08:00"), ("SignUpCloses", starts), ("Capacity", "10"), ("Points", ""),
    ];

    [Fact]
    public async Task An_organiser_creates_publishes_checks_in_and_confirms_with_errors_beside_fields_and_input_kept()
    {
        var clock = new ManualClock();
        await using var host = new TestHost().WithPointsTenant("alpha").WithClock(clock);
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await PointsTestData.VolunteersAsync(scope.ServiceProvider, 2);
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var startLocal = TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime.AddHours(2), zone);
        string Text(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

        var invalid = await IdentityTestSupport.PostFormAsync(staff, $"{Admin}/new", $"{Admin}/new", Fields("河道清理", Text(startLocal), Text(startLocal.AddHours(-1))));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("id=\"ends-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"河道清理\"", html, StringComparison.Ordinal);
        Assert.Contains("清理河道垃圾", html, StringComparison.Ordinal);
        var unreadable = await IdentityTestSupport.PostFormAsync(staff, $"{Admin}/new", $"{Admin}/new", Fields("河道清理", "明天", Text(startLocal)));
        Assert.Contains("id=\"starts-error\"", await unreadable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var outOfScope = await IdentityTestSupport.PostFormAsync(staff, $"{Admin}/new", $"{Admin}/new", Fields("河道清理", Text(startLocal), Text(startLocal.AddHours(1)), "D-02-01"));
        Assert.Contains("id=\"gridUnitCode-error\"", await outOfScope.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(staff, $"{Admin}/new", $"{Admin}/new", Fields("河道清理", Text(startLocal), Text(startLocal.AddHours(1))));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString.Split('?')[0];
        var id = long.Parse(path.Split('/')[^1], CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/publish")).StatusCode);
        Assert.Contains("河道清理", await staff.GetStringAsync($"{Admin}?status=Published&type=Environment"), StringComparison.Ordinal);
        Assert.DoesNotContain("河道清理", await staff.GetStringAsync($"{Admin}?type=Patrol"), StringComparison.Ordinal);

        string code;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var activity = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Activity>().AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.Equal(10, activity.Points);
            code = activity.CheckInCode;
            await SignUpAsync(scope.ServiceProvider, id, "v1", "v2");
        }

        Assert.Contains(code, await staff.GetStringAsync($"{path}/code"), StringComparison.Ordinal);

        // Another street's admin neither lists nor opens it; a citizen cannot reach the staff pages.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.DoesNotContain("河道清理", await street.GetStringAsync(Admin), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"{path}/code")).StatusCode);
        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync(Admin)).StatusCode);

        // Cancelling without a reason is refused beside the field; the roster checks v1 in, confirmation awards and records v2 as a no-show.
        var noReason = await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/cancel", ("Reason", " "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("id=\"reason-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromMinutes(5)));
        var page = await staff.GetStringAsync(path);
        Assert.Contains("name=\"VolunteerIds\"", page, StringComparison.Ordinal);
        long v1;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            v1 = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Volunteer>().Where(v => v.UserName == "v1").Select(v => v.Id).SingleAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/checkin", ("VolunteerIds", v1.ToString(CultureInfo.InvariantCulture)))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, path, $"{path}/confirm")).StatusCode);
        var done = await staff.GetStringAsync($"{path}?culture=en");
        Assert.Contains("Points awarded", done, StringComparison.Ordinal);
        Assert.Contains("No-show", done, StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Equal(10, await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Volunteer>().Where(v => v.Id == v1).Select(v => v.Balance).SingleAsync());
        }
    }

    [Fact]
    public async Task Volunteers_see_their_area_sign_up_and_check_in_with_the_code_and_anonymous_readers_see_everything()
    {
        var clock = new ManualClock();
        await using var host = new TestHost().WithPointsTenant("alpha").WithClock(clock);
        host.Start();
        long near, far;
        string code;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            await PointsTestData.VolunteersAsync(services, 1, "D-01-01-02", prefix: "citizen");
            near = (await PublishedAsync(services, "admin", "D-01", startsIn: TimeSpan.FromHours(1), title: "街道巡逻")).Id;
            var farActivity = await PublishedAsync(services, "admin", "D-02-01", startsIn: TimeSpan.FromHours(1), title: "二街道清扫");
            far = farActivity.Id;
            var nearActivity = await services.GetRequiredService<TenantDbContext>().Set<Activity>().AsNoTracking().SingleAsync(a => a.Id == near);
            code = nearActivity.CheckInCode;
        }

        var anonymous = host.Client();
        var all = await anonymous.GetStringAsync(Public);
        Assert.Contains("街道巡逻", all, StringComparison.Ordinal);
        Assert.Contains("二街道清扫", all, StringComparison.Ordinal);
        Assert.Contains("account/login", await anonymous.GetStringAsync($"{Public}/{near}"), StringComparison.Ordinal);

        var volunteer = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        var mine = await volunteer.GetStringAsync(Public);
        Assert.Contains("街道巡逻", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("二街道清扫", mine, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(volunteer, $"{Public}/{near}", $"{Public}/{near}/signup")).StatusCode);
        Assert.Contains("您已报名", await volunteer.GetStringAsync($"{Public}/{near}"), StringComparison.Ordinal);

        // A volunteer without a profile is told so; the code field appears half an hour before the start.
        var citizen2 = await host.SignedInAsync("alpha", "citizen2", GridTestData.StaffPassword);
        var refused = await IdentityTestSupport.PostFormAsync(citizen2, $"{Public}/{far}", $"{Public}/{far}/signup");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("请先登记成为志愿者", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Code\"", await volunteer.GetStringAsync($"{Public}/{near}"), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromMinutes(40));
        var wrongCode = code == "000000" ? "111111" : "000000";
        var wrong = await IdentityTestSupport.PostFormAsync(volunteer, $"{Public}/{near}", $"{Public}/{near}/checkin", ("Code", wrongCode));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("签到码不正确", wrongHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{wrongCode}\"", wrongHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(volunteer, $"{Public}/{near}", $"{Public}/{near}/checkin", ("Code", code))).StatusCode);
        Assert.Contains("已签到", await volunteer.GetStringAsync($"{Public}/{near}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_activities()
    {
        await using var host = new TestHost().WithPointsTenant("alpha").WithPointsTenant("beta");
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            id = (await PublishedAsync(scope.ServiceProvider, "admin", title: "阿尔法巡逻")).Id;
        }

        var admin = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("阿尔法巡逻", await admin.GetStringAsync("/beta/admin/points/activities"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/beta/admin/points/activities/{id}")).StatusCode);
        Assert.DoesNotContain("阿尔法巡逻", await host.Client().GetStringAsync("/beta/points/activities"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync($"/beta/points/activities/{id}")).StatusCode);
    }
}
