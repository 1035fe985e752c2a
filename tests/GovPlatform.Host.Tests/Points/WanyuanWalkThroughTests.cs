using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identity.Services;
using GovPlatform.Points.Models;
using GovPlatform.Points.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.Points;

/// <summary>
/// The walk-through on 万源 with its own recipe (grid, the village rules of 庙沟社区, its rewards): three residents
/// register as volunteers and the community approves them; a newcomer on the community's staff creates an emergency drill
/// in 庙沟, the volunteers sign up, two are checked in (one from the organiser's list, one with the code on their phone),
/// the third is recorded as a no-show; the community confirms, the town approves (庙沟's rules ask for it), and 50 points
/// (庙沟's rate, not the county's) land on each balance; one volunteer redeems two towels; the honour roll shows both,
/// and December's report shows the activity, the two volunteers, the points issued and redeemed and the ¥10 of gifts.
/// </summary>
public sealed partial class WanyuanWalkThroughTests
{
    private const string Password = "Wanyuan-pass-2026";
    private const string Village = "511781-01-001";      // 庙沟社区
    private const string Town = "511781-01";
    private const string Grid = "511781-01-001-01";

    [Fact]
    public async Task A_drill_in_maogou_awards_the_villages_points_a_volunteer_redeems_a_gift_and_the_honour_roll_and_report_show_it()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8)));   // Monday
        await using var host = new TestHost().WithRepositoryTenants().WithClock(clock);
        host.Start();
        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await Create(accounts, "shequ", "CommunityStaff", Village);
            await Create(accounts, "zhen", "StreetAdmin", Town);
            foreach (var citizen in new[] { "lan", "hu", "song" })
            {
                await Create(accounts, citizen, "Citizen", null);
            }
        }

        // Residents register on the site; the community approves them.
        var people = new Dictionary<string, (string Name, string Id)>
        {
            ["lan"] = ("兰秀英", IdNumber("51178119650315002")),
            ["hu"] = ("胡德明", IdNumber("51178119720708003")),
            ["song"] = ("宋小军", IdNumber("51178119881121004")),
        };
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (user, (name, id)) in people)
        {
            clients[user] = await host.SignedInAsync("wanyuan", user, Password);
            var joined = await IdentityTestSupport.PostFormAsync(clients[user], "/wanyuan/points/join", "/wanyuan/points/join",
                ("RealName", name), ("IdNumber", id), ("Phone", "1398888" + id[^4..]), ("GridUnitCode", Grid), ("Skills", "巡逻"), ("PublicConsent", "true"));
            Assert.True(joined.StatusCode == HttpStatusCode.Redirect, await HtmlAsync(joined));
        }

        var shequ = await host.SignedInAsync("wanyuan", "shequ", Password);
        var ids = new Dictionary<string, long>();
        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            ids = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Volunteer>().AsNoTracking().ToDictionaryAsync(v => v.UserName, v => v.Id);
        }

        foreach (var id in ids.Values)
        {
            var page = $"/wanyuan/admin/points/volunteers/{id}";
            var approved = await IdentityTestSupport.PostFormAsync(shequ, page, $"{page}/approve", ("Version", "1"));
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        // The newcomer creates an emergency drill in 庙沟 for tomorrow; its points come from the village's rules.
        const string admin = "/wanyuan/admin/points/activities";
        var created = await IdentityTestSupport.PostFormAsync(shequ, $"{admin}/new", $"{admin}/new",
            ("Title", "庙沟社区防汛应急演练"), ("Type", "Emergency"), ("GridUnitCode", Village), ("Place", "庙沟社区广场"), ("Description", "防汛转移演练，志愿者协助疏散群众。"),
            ("Starts", "2026-12-08T09:00"), ("Ends", "2026-12-08T11:00"), ("SignUpOpens", "2026-12-07T08:00"), ("SignUpCloses", "2026-12-08T09:00"), ("Capacity", "20"), ("Points", ""));
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await HtmlAsync(created));
        var activityPage = created.Headers.Location!.OriginalString.Split('?')[0];
        var activityId = long.Parse(activityPage.Split('/')[^1], CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(shequ, activityPage, $"{activityPage}/publish")).StatusCode);
        string code;
        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            var activity = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Activity>().AsNoTracking().SingleAsync(a => a.Id == activityId);
            Assert.Equal(50, activity.Points);   // 庙沟 pays 50 for an emergency duty; its town 40, the county 30
            code = activity.CheckInCode;
        }

        var publicPage = $"/wanyuan/points/activities/{activityId}";
        foreach (var client in clients.Values)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(client, publicPage, $"{publicPage}/signup")).StatusCode);
        }

        // On the day: 兰 from the organiser's list, 胡 with the code on the phone; 宋 does not come.
        clock.Advance(TimeSpan.FromHours(24.25));   // 2026-12-08 09:15
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(shequ, activityPage, $"{activityPage}/checkin", ("VolunteerIds", ids["lan"].ToString(CultureInfo.InvariantCulture)))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(clients["hu"], publicPage, $"{publicPage}/checkin", ("Code", code))).StatusCode);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(shequ, activityPage, $"{activityPage}/confirm")).StatusCode);
        Assert.Equal(0, await BalanceAsync(host, ids["lan"]));   // 庙沟's awards wait for a second person's approval
        var zhen = await host.SignedInAsync("wanyuan", "zhen", Password);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(zhen, activityPage, $"{activityPage}/approve")).StatusCode);
        Assert.Equal((50L, 50L, 0L), (await BalanceAsync(host, ids["lan"]), await BalanceAsync(host, ids["hu"]), await BalanceAsync(host, ids["song"])));
        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            var signUps = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<SignUp>().AsNoTracking().Where(s => s.ActivityId == activityId).ToDictionaryAsync(s => s.VolunteerId, s => s.Status);
            Assert.Equal(SignUpStatus.NoShow, signUps[ids["song"]]);
        }

        // 兰 redeems two towels (50 points, ¥10) at the village's rewards page.
        long towels;
        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            towels = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Reward>().Where(r => r.Name == "毛巾两条").Select(r => r.Id).SingleAsync();
        }

        var rewards = await PageAsync(clients["lan"], "/wanyuan/points/rewards");
        Assert.Contains("毛巾两条", rewards, StringComparison.Ordinal);
        var key = KeyPattern().Match(rewards).Groups[1].Value;
        var redeemed = await IdentityTestSupport.PostFormAsync(clients["lan"], "/wanyuan/points/rewards", "/wanyuan/points/rewards",
            ("RewardId", towels.ToString(CultureInfo.InvariantCulture)), ("Quantity", "1"), ("IdempotencyKey", key));
        Assert.True(redeemed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, await HtmlAsync(redeemed));
        Assert.Equal(0, await BalanceAsync(host, ids["lan"]));

        // The honour roll of 庙沟 for December names both (they consented), the no-show not at all.
        var honour = await PageAsync(host.Client(), $"/wanyuan/points/honour?unit={Village}&period=2026-12");
        Assert.Contains("兰秀英", honour, StringComparison.Ordinal);
        Assert.Contains("胡德明", honour, StringComparison.Ordinal);
        Assert.DoesNotContain("宋小军", honour, StringComparison.Ordinal);

        // December's report for the town: one activity, two active volunteers, 100 issued, 50 redeemed, ¥10 of gifts.
        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            var report = scope.ServiceProvider.GetRequiredService<PointsReport>();
            var user = await GovPlatform.Host.Tests.Petitions.PetitionTestData.PrincipalAsync(scope.ServiceProvider, "zhen");
            var selection = await report.SelectAsync(new PointsReportRequest(Town, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), user, default);
            var total = (await report.ComputeAsync(selection, default)).Total;
            Assert.Equal((1L, 2L, 100L, 50L, 1000L), (total.ActivitiesHeld, total.VolunteersActive, total.PointsIssued, total.PointsRedeemed, total.RedemptionValueFen));
        }

        var reportPage = await PageAsync(zhen, $"/wanyuan/admin/points/reports?unit={Town}");
        Assert.Contains("庙沟社区", reportPage, StringComparison.Ordinal);
        Assert.Contains("¥10.00", reportPage, StringComparison.Ordinal);
    }

    private static async Task<long> BalanceAsync(TestHost host, long volunteerId)
    {
        await using var scope = await host.ScopeAsync("wanyuan");
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Volunteer>().Where(v => v.Id == volunteerId).Select(v => v.Balance).SingleAsync();
    }

    /// <summary>The 17 digits with their GB 11643 check character.</summary>
    private static string IdNumber(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    private static async Task Create(UserAccounts accounts, string userName, string role, string? unit)
    {
        var (result, _) = await accounts.CreateAsync(userName, $"{userName}@wanyuan.example.cn", userName, null, Password, [role], unit is null ? null : [unit]);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("name=\"IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyPattern();
}
