using System.Net;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Jobs;
using GovPlatform.Points.Jobs;
using GovPlatform.Points.Models;
using GovPlatform.Points.Reports;
using GovPlatform.Points.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Points;

/// <summary>
/// The points report on entries and orders made through the ledger at known instants (tenant time Asia/Shanghai), on
/// both providers: every figure by unit and in total, for the whole district, a community's staff and another period;
/// the page, the export (without phones or identity numbers), who may use them; the hourly expiry task; isolation.
/// </summary>
public sealed class ReportTests
{
    private static readonly DateOnly October1 = new(2026, 10, 1);
    private static readonly DateOnly October31 = new(2026, 10, 31);
    private const string October = "period=custom&from=2026-10-01&to=2026-10-31";

    private static Task<bool> Anywhere(string unit, string? offered) => Task.FromResult(true);

    private static DateTimeOffset Utc(int month, int day, int hour = 4, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>
    /// v1 (D-01-01-01), v2 (D-01-01-02), v3 (D-02-01). September: v1 earns 100. October: v1 earns 50 (D-01-01-01) and 5
    /// (D-01-01-02), v2 30 (reversed), v3 40; v1 orders A (60 points, ¥20) and B (cancelled); v3 orders 2 × 20 points
    /// (¥5 each). November: v1 earns 10. Activities: completed in D-01-01-01 on 3 October, completed in D-02-01 at
    /// 1 October 01:00 local (30 September UTC), published (not held) in D-01-01-02, completed in D-01-01-01 at 1 November
    /// 00:30 local (31 October UTC).
    /// </summary>
    private static async Task SeedAsync(TestHost host, ManualClock clock, string tenant = "alpha")
    {
        await using var scope = await host.ScopeAsync(tenant);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        var ledger = services.GetRequiredService<PointsLedger>();
        var v1 = (await PointsTestData.VolunteersAsync(services, 1, "D-01-01-01", "a"))[0];
        var v2 = (await PointsTestData.VolunteersAsync(services, 1, "D-01-01-02", "b"))[0];
        var v3 = (await PointsTestData.VolunteersAsync(services, 1, "D-02-01", "c"))[0];
        await db.Set<Volunteer>().Where(v => v.Id == v1).ExecuteUpdateAsync(s => s.SetProperty(v => v.IdNumber, "511781199001011234"));
        var goods = new Reward { Kind = RewardKind.Goods, Name = "洗衣液", EnglishName = "Laundry liquid", PointsPrice = 60, Stock = 10, ValueFen = 2000, Active = true, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        var towel = new Reward { Kind = RewardKind.Goods, Name = "毛巾", EnglishName = "Towel", PointsPrice = 20, Stock = 10, ValueFen = 500, Active = true, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        db.AddRange(goods, towel);
        Activity Held(string unit, ActivityStatus status, DateTime starts) => new()
        {
            Title = "河道清理",
            Type = ActivityType.Environment,
            Status = status,
            GridUnitCode = unit,
            StartsUtc = starts,
            EndsUtc = starts.AddHours(2),
            Points = 20,
            SignUpOpensUtc = starts.AddDays(-5),
            SignUpClosesUtc = starts,
            CheckInCode = "123456",
            Organiser = "staff",
            CreatedUtc = starts.AddDays(-5),
            Version = 1,
        };
        db.AddRange(
            Held("D-01-01-01", ActivityStatus.Completed, Utc(10, 3).UtcDateTime),
            Held("D-02-01", ActivityStatus.Completed, Utc(9, 30, 17).UtcDateTime),
            Held("D-01-01-02", ActivityStatus.Published, Utc(10, 12).UtcDateTime),
            Held("D-01-01-01", ActivityStatus.Completed, Utc(10, 31, 16, 30).UtcDateTime));
        await db.SaveChangesAsync();

        async Task<LedgerResult> Earn(long volunteer, long amount, string unit, string key)
        {
            var result = await ledger.EarnAsync(new(volunteer, amount, "活动", "activity", 1, unit, null, key), "staff");
            Assert.Equal(LedgerStatus.Done, result.Status);
            return result;
        }

        clock.Advance(Utc(9, 20) - clock.GetUtcNow());
        await Earn(v1, 100, "D-01-01-01", "sep");
        clock.Advance(Utc(10, 5) - clock.GetUtcNow());
        await Earn(v1, 50, "D-01-01-01", "e1");
        var e2 = await Earn(v2, 30, "D-01-01-02", "e2");
        await Earn(v3, 40, "D-02-01", "e3");
        await Earn(v1, 5, "D-01-01-02", "e4");
        clock.Advance(Utc(10, 6) - clock.GetUtcNow());
        Assert.Equal(LedgerStatus.Done, (await ledger.ReverseAsync(e2.Entry!.Id, "误发", "rev-e2", "staff")).Status);
        clock.Advance(Utc(10, 7) - clock.GetUtcNow());
        Assert.Equal(LedgerStatus.Done, (await ledger.RedeemAsync(v1, goods.Id, 1, "order-a", "a1", Anywhere)).Status);
        clock.Advance(Utc(10, 8) - clock.GetUtcNow());
        var b = await ledger.RedeemAsync(v1, goods.Id, 1, "order-b", "a1", Anywhere);
        Assert.Equal(LedgerStatus.Done, b.Status);
        clock.Advance(Utc(10, 9) - clock.GetUtcNow());
        Assert.Equal(LedgerStatus.Done, (await ledger.CancelOrderAsync(b.Order!.Id, "不要了", "staff")).Status);
        Assert.Equal(LedgerStatus.Done, (await ledger.RedeemAsync(v3, towel.Id, 2, "order-c", "c1", Anywhere)).Status);
        clock.Advance(Utc(11, 2) - clock.GetUtcNow());
        await Earn(v1, 10, "D-01-01-01", "nov");
        clock.Advance(Utc(11, 3) - clock.GetUtcNow());
    }

    private static ManualClock Clock() => new(Utc(9, 1));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_figure_by_unit_and_in_total_is_exact_for_the_district_a_community_and_another_period(string provider)
    {
        var clock = Clock();
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await SeedAsync(host, clock);
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var report = services.GetRequiredService<PointsReport>();

        var district = await ComputeAsync(report, await PrincipalAsync(services, "admin"), new(null, October1, October31));
        Assert.Equal(["D-01", "D-02"], district.Rows.Select(r => r.Key));
        Expect(district.Rows[0].Figures, activities: 1, volunteers: 2, issued: 55, redeemed: 60, fen: 2000);
        Assert.Equal("D-01", district.Rows[0].DrillUnit);
        Expect(district.Rows[1].Figures, activities: 1, volunteers: 1, issued: 40, redeemed: 40, fen: 1000);
        Expect(district.Total, activities: 2, volunteers: 3, issued: 95, redeemed: 100, fen: 3000);
        Assert.Equal("¥30.00", district.Total.RedemptionValueText);

        // The community's staff: its grids; v1 earned in both, and counts once in the total.
        var staff = await PrincipalAsync(services, "staff");
        var community = await ComputeAsync(report, staff, new(null, October1, October31));
        Assert.Equal("D-01-01", community.Request.Unit);
        Assert.Equal(["D-01-01-01", "D-01-01-02"], community.Rows.Select(r => r.Key));
        Expect(community.Rows[0].Figures, activities: 1, volunteers: 1, issued: 50, redeemed: 60, fen: 2000);
        Expect(community.Rows[1].Figures, activities: 0, volunteers: 2, issued: 5, redeemed: 0, fen: 0);
        Expect(community.Total, activities: 1, volunteers: 2, issued: 55, redeemed: 60, fen: 2000);
        var outside = await report.SelectAsync(new("D-02", October1, October31), staff, default);
        Assert.True(outside.Forbidden);

        // Another period: September (the activity of 1 October local is not in it), and a drill into a street.
        var september = await ComputeAsync(report, await PrincipalAsync(services, "admin"), new(null, new(2026, 9, 1), new(2026, 9, 30)));
        Expect(september.Total, activities: 0, volunteers: 1, issued: 100, redeemed: 0, fen: 0);
        var street = await ComputeAsync(report, await PrincipalAsync(services, "admin"), new("D-02", October1, October31));
        Assert.Equal(district.Rows[1].Figures, street.Total);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_page_and_the_export_show_the_figures_without_phones_or_identity_numbers(string provider)
    {
        var clock = Clock();
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await SeedAsync(host, clock);

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var page = await admin.GetAsync($"/alpha/admin/points/reports?{October}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("东风街道", html, StringComparison.Ordinal);
        Assert.Contains("全区，2026-10-01 至 2026-10-31：开展活动 2 次，3 名志愿者获得积分，发放积分 95，兑换积分 100，兑换价值 ¥30.00。", html, StringComparison.Ordinal);
        Assert.Contains("admin/points/reports?unit=D-01&amp;period=custom", html, StringComparison.Ordinal);
        Assert.Contains("统计口径", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/alpha/admin/points/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/alpha/admin/points/reports?period=custom&from=2026-10-31&to=2026-10-01")).StatusCode);

        var export = await admin.GetAsync($"/alpha/admin/points/reports/export?{October}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(["报表", "积分明细"], new MemoryStream(bytes).GetSheetNames());
        var figures = Sheet(bytes, "报表");
        Assert.Equal(3, figures.Count);
        Assert.Equal("合计", figures[^1]["网格单元"]);
        Assert.Equal(95d, Convert.ToDouble(figures[^1]["发放积分"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(30d, Convert.ToDouble(figures[^1]["兑换价值（元）"], System.Globalization.CultureInfo.InvariantCulture));
        var entries = Sheet(bytes, "积分明细");
        Assert.Equal(9, entries.Count);
        var cells = entries.SelectMany(r => r.Values).Select(v => v?.ToString() ?? "").ToList();
        Assert.DoesNotContain(cells, c => c.Contains("1390000000", StringComparison.Ordinal) || c.Contains("511781199001011234", StringComparison.Ordinal));
        Assert.Contains("志愿者1", cells);

        // A community's staff: its own units; another street is refused.
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        Assert.Equal(7, Sheet(await (await staff.GetAsync($"/alpha/admin/points/reports/export?{October}")).Content.ReadAsByteArrayAsync(), "积分明细").Count);
        var foreign = await staff.GetAsync($"/alpha/admin/points/reports/export?{October}&unit=D-02");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/alpha/admin/points/reports?unit=D-02")).StatusCode);

        // A grid worker has no reports permission.
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/admin/points/reports")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_hourly_task_expires_points_when_their_time_comes(string provider)
    {
        var clock = Clock();
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        long volunteer;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            volunteer = (await PointsTestData.VolunteersAsync(scope.ServiceProvider, 1))[0];
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            await ledger.EarnAsync(new(volunteer, 70, "巡逻", "activity", 1, "D-01-01-01", Utc(9, 2).UtcDateTime, "x1"), "staff");
        }

        async Task<long> RunAsync()
        {
            await using var scope = await host.ScopeAsync("alpha");
            var task = scope.ServiceProvider.GetServices<IBackgroundTask>().OfType<PointsExpiryTask>().Single();
            Assert.True(task.WakesIdleTenant);
            Assert.Equal(TimeSpan.FromHours(1), task.Interval);
            await task.RunAsync(scope.ServiceProvider, default);
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            return await db.Set<Volunteer>().Where(v => v.Id == volunteer).Select(v => v.Balance).SingleAsync();
        }

        Assert.Equal(70, await RunAsync());
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await RunAsync());
        Assert.Equal(0, await RunAsync());
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(-70, (await db.Set<PointEntry>().SingleAsync(e => e.Kind == EntryKind.Expire)).Amount);
        }
    }

    [Fact]
    public async Task Another_tenants_points_never_reach_the_report()
    {
        var clock = Clock();
        await using var host = new TestHost().WithPointsTenant("alpha").WithPointsTenant("beta").WithClock(clock);
        host.Start();
        await SeedAsync(host, clock);
        await using (var scope = await host.ScopeAsync("beta"))
        {
            var report = scope.ServiceProvider.GetRequiredService<PointsReport>();
            var result = await ComputeAsync(report, await PrincipalAsync(scope.ServiceProvider, "admin"), new(null, October1, October31));
            Assert.Equal(PointsFigures.Zero, result.Total);
        }

        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        var export = await beta.GetAsync($"/beta/admin/points/reports/export?{October}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Empty(Sheet(await export.Content.ReadAsByteArrayAsync(), "积分明细"));
    }

    private static List<IDictionary<string, object?>> Sheet(byte[] bytes, string name) =>
        [.. new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];

    private static async Task<PointsReportResult> ComputeAsync(PointsReport report, ClaimsPrincipal user, PointsReportRequest request)
    {
        var selection = await report.SelectAsync(request, user, default);
        Assert.True(selection.IsValid, string.Join("; ", selection.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
        return await report.ComputeAsync(selection, default);
    }

    private static void Expect(PointsFigures f, long activities, long volunteers, long issued, long redeemed, long fen) =>
        Assert.Equal((activities, volunteers, issued, redeemed, fen), (f.ActivitiesHeld, f.VolunteersActive, f.PointsIssued, f.PointsRedeemed, f.RedemptionValueFen));
}
