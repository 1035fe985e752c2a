using System.Net;
using GovPlatform.Core.Jobs;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Screening;
using GovPlatform.Mediation.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>
/// Screening (排查): campaigns with a pending report per community (D-01-01, D-02-01), reports of nothing found or of
/// findings registered as disputes, the job's half-month and pre-holiday campaigns and its flags for missing reports,
/// permissions, the pages, and tenant isolation.
/// </summary>
public sealed class ScreeningTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, China);

    private static DateTime LocalUtc(int year, int month, int day) => Local(year, month, day, 0).UtcDateTime;

    private static string Errors(IReadOnlyDictionary<string, BilingualText>? errors) =>
        string.Join("; ", (errors ?? new Dictionary<string, BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}"));

    private static DisputeRegistration Finding(string title, string unit = "D-01-01-01") => new()
    {
        Type = DisputeType.Neighbourhood,
        Risk = RiskLevel.Low,
        Title = title,
        Description = "楼上楼下因漏水问题多次争吵，需要调解。",
        GridUnitCode = unit,
        Parties = [new PartyInput(PartyRole.Applicant, "张三", "13912345678"), new PartyInput(PartyRole.Respondent, "李四")],
    };

    private static async Task<ScreeningCampaign> OpenAsync(IServiceProvider services, string user = "admin", string? scope = null, DateOnly? startsOn = null, DateTime? due = null)
    {
        var result = await services.GetRequiredService<ScreeningService>().OpenCampaignAsync(CampaignKind.Special, "专项排查", scope,
            startsOn ?? new DateOnly(2026, 11, 20), due ?? LocalUtc(2026, 11, 25), DisputeActor.Staff(await PrincipalAsync(services, user)));
        Assert.True(result.Status == ScreeningStatus.Done, Errors(result.Errors));
        return result.Campaign!;
    }

    private static async Task<List<ScreeningReport>> ReportsAsync(TestHost host, long campaignId)
    {
        await using var scope = await host.ScopeAsync("alpha");
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<ScreeningReport>().AsNoTracking()
            .Where(r => r.CampaignId == campaignId).OrderBy(r => r.UnitCode).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_unit_that_does_not_report_is_flagged_once_to_its_parent_and_one_that_found_nothing_is_not(string provider)
    {
        var clock = new ManualClock(Local(2026, 11, 20, 10));
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        long campaignId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            await MediationTestData.SeedBodiesAsync(services);
            var campaign = await OpenAsync(services);
            campaignId = campaign.Id;
            var reports = await services.GetRequiredService<TenantDbContext>().Set<ScreeningReport>().AsNoTracking()
                .Where(r => r.CampaignId == campaign.Id).OrderBy(r => r.UnitCode).ToListAsync();
            Assert.Equal(["D-01-01", "D-01-02", "D-02-01"], reports.Select(r => r.UnitCode));
            var nothing = await services.GetRequiredService<ScreeningService>().ReportAsync(reports[0].Id, true, "已走访全部楼栋", [],
                DisputeActor.Staff(await PrincipalAsync(services, "staff")));
            Assert.True(nothing.Status == ScreeningStatus.Done, Errors(nothing.Errors));
        }

        var runner = host.Services.GetRequiredService<BackgroundTaskRunner>();
        await runner.RunDueAsync();
        Assert.All(await ReportsAsync(host, campaignId), r => Assert.Null(r.FlaggedUtc));

        clock.Advance(LocalUtc(2026, 11, 25) - clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(5));
        await runner.RunDueAsync();
        clock.Advance(TimeSpan.FromMinutes(15));
        await runner.RunDueAsync();

        var after = await ReportsAsync(host, campaignId);
        Assert.Null(after[0].FlaggedUtc);
        Assert.True(after[0].FoundNothing);
        Assert.NotNull(after[1].FlaggedUtc);
        Assert.NotNull(after[2].FlaggedUtc);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<TenantDbContext>();
            Assert.NotNull((await db.Set<ScreeningCampaign>().SingleAsync(c => c.Id == campaignId)).CheckedUtc);
            var ids = after.Select(r => (long?)r.Id).ToList();
            var alerts = await db.Set<MediationAlert>().Where(a => ids.Contains(a.ScreeningReportId)).OrderBy(a => a.SubjectUnitCode).ToListAsync();
            Assert.Equal(2, alerts.Count);
            Assert.All(alerts, a => Assert.Equal(AlertKind.ScreeningMissed, a.Kind));
            Assert.Equal([("D-01", "D-01-02", after[1].Id), ("D-02", "D-02-01", after[2].Id)], alerts.Select(a => (a.UnitCode, a.SubjectUnitCode, a.ScreeningReportId!.Value)));

            // The unit may still report, late; the one that reported can no longer change its report.
            var screening = services.GetRequiredService<ScreeningService>();
            var late = await screening.ReportAsync(after[2].Id, true, null, [], DisputeActor.Staff(await PrincipalAsync(services, "street")));
            Assert.True(late.Succeeded, Errors(late.Errors));
            Assert.True((await screening.FindReportAsync(after[2].Id, await PrincipalAsync(services, "admin")))!.Late);
            var amend = await screening.ReportAsync(after[0].Id, false, null, [Finding("漏水纠纷")], DisputeActor.Staff(await PrincipalAsync(services, "staff")));
            Assert.Equal(ScreeningStatus.NotAllowed, amend.Status);
        }
    }

    [Fact]
    public async Task Regular_campaigns_open_for_each_half_month_at_the_boundaries_of_the_tenants_zone()
    {
        var clock = new ManualClock(Local(2026, 11, 15, 23, 50)); // still 15:50 UTC on the 15th after the boundary below
        await using var host = new TestHost().WithMediationTenant("alpha").WithClock(clock);
        host.Start();
        await (await host.ScopeAsync("alpha")).DisposeAsync(); // sets the tenant up
        var runner = host.Services.GetRequiredService<BackgroundTaskRunner>();
        await runner.RunDueAsync();
        clock.Advance(TimeSpan.FromMinutes(15)); // 2026-11-16 00:05 in Shanghai, 2026-11-15 16:05 UTC
        await runner.RunDueAsync();
        clock.Advance(TimeSpan.FromMinutes(15));
        await runner.RunDueAsync();
        clock.Advance(LocalUtc(2026, 12, 1) - clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1)); // 2026-12-01 00:01
        await runner.RunDueAsync();

        await using var scope = await host.ScopeAsync("alpha");
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var regular = await db.Set<ScreeningCampaign>().AsNoTracking().Where(c => c.Kind == CampaignKind.Regular).OrderBy(c => c.DueUtc).ToListAsync();
        Assert.Equal([new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 16), new DateOnly(2026, 12, 1)], regular.Select(c => c.StartsOn));
        Assert.Equal([LocalUtc(2026, 11, 16), LocalUtc(2026, 12, 1), LocalUtc(2026, 12, 16)], regular.Select(c => c.DueUtc));
        Assert.Equal("2026年11月上半月矛盾纠纷排查", regular[0].Title);
        Assert.Equal("2026年11月下半月矛盾纠纷排查", regular[1].Title);
        Assert.All(regular, c => Assert.Null(c.ScopeUnitCode));

        // Both past halves were checked, and each community flagged once per half.
        Assert.NotNull(regular[0].CheckedUtc);
        Assert.NotNull(regular[1].CheckedUtc);
        Assert.Null(regular[2].CheckedUtc);
        Assert.Equal(6, await db.Set<MediationAlert>().CountAsync(a => a.Kind == AlertKind.ScreeningMissed));
        Assert.Equal(9, await db.Set<ScreeningReport>().CountAsync());
    }

    [Fact]
    public async Task A_holiday_campaign_opens_three_working_days_before_the_calendars_holidays()
    {
        var clock = new ManualClock(Local(2026, 9, 24, 10)); // Thursday; National Day 1–7 October, Sunday 27 September worked
        await using var host = new TestHost().WithMediationTenant("alpha").WithClock(clock);
        host.Start();
        var runner = host.Services.GetRequiredService<BackgroundTaskRunner>();

        async Task<List<ScreeningCampaign>> HolidayAsync()
        {
            await using var scope = await host.ScopeAsync("alpha");
            return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<ScreeningCampaign>().AsNoTracking()
                .Where(c => c.Kind == CampaignKind.Holiday).ToListAsync();
        }

        await runner.RunDueAsync();
        Assert.Empty(await HolidayAsync());
        clock.Advance(TimeSpan.FromDays(3)); // the make-up Sunday: the 28th is still the third working day before
        await runner.RunDueAsync();
        Assert.Empty(await HolidayAsync());
        clock.Advance(TimeSpan.FromDays(1)); // Monday 28 September
        await runner.RunDueAsync();
        clock.Advance(TimeSpan.FromHours(1));
        await runner.RunDueAsync();

        var holiday = Assert.Single(await HolidayAsync());
        Assert.Equal(new DateOnly(2026, 9, 28), holiday.StartsOn);
        Assert.Equal(LocalUtc(2026, 10, 1), holiday.DueUtc);
        Assert.Equal("国庆节前矛盾纠纷集中排查", holiday.Title);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Findings_become_screening_disputes_of_the_report_filed_in_the_petitions_hall_and_a_repost_changes_nothing(string provider)
    {
        var clock = new ManualClock(Local(2026, 11, 20, 10));
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        await MediationTestData.SeedBodiesAsync(services);
        var campaign = await OpenAsync(services);
        var screening = services.GetRequiredService<ScreeningService>();
        var db = services.GetRequiredService<TenantDbContext>();
        var report = await db.Set<ScreeningReport>().AsNoTracking().SingleAsync(r => r.CampaignId == campaign.Id && r.UnitCode == "D-01-01");
        var staff = DisputeActor.Staff(await PrincipalAsync(services, "staff"));

        var both = await screening.ReportAsync(report.Id, true, null, [Finding("漏水纠纷")], staff);
        Assert.Equal(ScreeningStatus.Invalid, both.Status);
        Assert.Contains("foundNothing", both.Errors!.Keys);
        var elsewhere = await screening.ReportAsync(report.Id, false, null, [Finding("漏水纠纷", "D-02-01")], staff);
        Assert.Equal(ScreeningStatus.Invalid, elsewhere.Status);
        Assert.Contains("findings[0].gridUnitCode", elsewhere.Errors!.Keys);
        var blank = await screening.ReportAsync(report.Id, false, null, [Finding("漏水纠纷") with { Title = "" }], staff);
        Assert.Contains("findings[0].title", blank.Errors!.Keys);
        Assert.Equal(0, await db.Set<Dispute>().CountAsync());

        var reported = await screening.ReportAsync(report.Id, false, "两起", [Finding("漏水纠纷"), Finding("停车位纠纷", "D-01-01-02")], staff);
        Assert.True(reported.Status == ScreeningStatus.Done, Errors(reported.Errors));
        Assert.Equal(2, reported.Report!.Findings);
        Assert.False(reported.Report.FoundNothing);
        db.ChangeTracker.Clear();
        var disputes = await db.Set<Dispute>().AsNoTracking().Where(d => d.ScreeningReportId == report.Id).ToListAsync();
        Assert.Equal(2, disputes.Count);
        Assert.All(disputes, d =>
        {
            Assert.Equal(DisputeSource.Screening, d.Source);
            Assert.Equal("D-01-01", d.HandlingUnitCode);
            Assert.NotNull(d.PetitionId);
        });

        var again = await screening.ReportAsync(report.Id, false, "两起", [Finding("漏水纠纷"), Finding("停车位纠纷", "D-01-01-02")], staff);
        Assert.Equal(ScreeningStatus.Replayed, again.Status);
        Assert.Equal(2, await db.Set<Dispute>().CountAsync());
        Assert.Equal(reported.Report.Version, (await db.Set<ScreeningReport>().AsNoTracking().SingleAsync(r => r.Id == report.Id)).Version);

        // One more is added to the same report; saying nothing was found after findings is refused.
        var added = await screening.ReportAsync(report.Id, false, null, [Finding("漏水纠纷"), Finding("噪音纠纷")], staff);
        Assert.True(added.Status == ScreeningStatus.Done, Errors(added.Errors));
        Assert.Equal(3, added.Report!.Findings);
        Assert.Equal(reported.Report.ReportedUtc, added.Report.ReportedUtc);
        var nothing = await screening.ReportAsync(report.Id, true, null, [], staff);
        Assert.Equal(ScreeningStatus.Invalid, nothing.Status);
    }

    [Fact]
    public async Task A_grid_worker_cannot_open_campaigns_a_street_only_over_its_own_units_and_a_community_reports_only_for_itself()
    {
        await using var host = new TestHost().WithMediationTenant("alpha").WithClock(new ManualClock(Local(2026, 11, 20, 10)));
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var screening = services.GetRequiredService<ScreeningService>();
        async Task<ScreeningResult> Open(string user, string? unit) => await screening.OpenCampaignAsync(CampaignKind.Sensitive, "敏感节点排查", unit,
            new DateOnly(2026, 11, 20), LocalUtc(2026, 11, 25), DisputeActor.Staff(await PrincipalAsync(services, user)));

        Assert.Equal(ScreeningStatus.Forbidden, (await Open("worker", "D-01-01-01")).Status);
        Assert.Equal(ScreeningStatus.Forbidden, (await Open("worker", null)).Status);
        Assert.Equal(ScreeningStatus.Forbidden, (await Open("street1", null)).Status);
        Assert.Equal(ScreeningStatus.Forbidden, (await Open("street1", "D-02")).Status);
        var own = await Open("street1", "D-01");
        Assert.True(own.Status == ScreeningStatus.Done, Errors(own.Errors));

        var tooLong = await screening.OpenCampaignAsync(CampaignKind.Special, "x", null, new DateOnly(2026, 11, 20), LocalUtc(2026, 12, 30), DisputeActor.System);
        Assert.Equal(["dueUtc", "title"], tooLong.Errors!.Keys.Order(StringComparer.Ordinal));
        var backwards = await screening.OpenCampaignAsync(CampaignKind.Special, "专项排查", "D-09", new DateOnly(2026, 11, 20), LocalUtc(2026, 11, 19), DisputeActor.System);
        Assert.Equal(["dueUtc", "scopeUnitCode"], backwards.Errors!.Keys.Order(StringComparer.Ordinal));

        var whole = await OpenAsync(services);
        var db = services.GetRequiredService<TenantDbContext>();
        var other = await db.Set<ScreeningReport>().AsNoTracking().SingleAsync(r => r.CampaignId == whole.Id && r.UnitCode == "D-02-01");
        var refused = await screening.ReportAsync(other.Id, true, null, [], DisputeActor.Staff(await PrincipalAsync(services, "staff")));
        Assert.Equal(ScreeningStatus.Forbidden, refused.Status);
        Assert.Null((await db.Set<ScreeningReport>().AsNoTracking().SingleAsync(r => r.Id == other.Id)).ReportedUtc);
        Assert.Null(await screening.FindReportAsync(other.Id, await PrincipalAsync(services, "staff")));
    }

    [Fact]
    public async Task The_pages_list_campaigns_open_one_and_take_a_units_report_and_another_tenant_sees_none()
    {
        await using var host = new TestHost().WithMediationTenant("alpha").WithMediationTenant("beta");
        host.Start();
        const string List = "/alpha/admin/mediation/screening";
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var page = await admin.GetStringAsync(List);
        Assert.Contains("开展排查", page, StringComparison.Ordinal);

        var bad = await IdentityTestSupport.PostFormAsync(admin, List, List,
            ("Kind", "Sensitive"), ("Title", "两会期间排查"), ("ScopeUnitCode", ""), ("StartsOn", "2026-03-01"), ("DueOn", "2026-02-20"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("截止时间须晚于开始日期", badHtml, StringComparison.Ordinal);
        Assert.Contains("两会期间排查", badHtml, StringComparison.Ordinal);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        var opened = await IdentityTestSupport.PostFormAsync(admin, List, List, ("Kind", "Sensitive"), ("Title", "两会期间排查"), ("ScopeUnitCode", ""),
            ("StartsOn", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("DueOn", today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var campaignUrl = opened.Headers.Location!.OriginalString.Split('?')[0];
        Assert.Contains("D-02-01", await admin.GetStringAsync(campaignUrl), StringComparison.Ordinal);

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var staffCampaign = await staff.GetStringAsync(campaignUrl);
        Assert.DoesNotContain("D-02-01", staffCampaign, StringComparison.Ordinal);
        Assert.DoesNotContain("开展排查</h2>", await staff.GetStringAsync(List), StringComparison.Ordinal);
        var reportUrl = System.Text.RegularExpressions.Regex.Match(staffCampaign, "href=\"(/alpha/admin/mediation/screening/reports/\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(reportUrl);

        var empty = await IdentityTestSupport.PostFormAsync(staff, reportUrl, reportUrl, ("Note", "先存着"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Contains("foundNothing-error", emptyHtml, StringComparison.Ordinal);
        Assert.Contains("先存着", emptyHtml, StringComparison.Ordinal);

        var found = await IdentityTestSupport.PostFormAsync(staff, reportUrl, reportUrl,
            ("findings[0].type", "Neighbourhood"), ("findings[0].title", "漏水纠纷"), ("findings[0].description", "楼上漏水，双方多次争吵。"),
            ("findings[0].gridUnitCode", "D-01-01-01"), ("findings[0].risk", "Low"),
            ("findings[0].parties[0].role", "Applicant"), ("findings[0].parties[0].name", "张三"), ("findings[0].parties[0].phone", "13912345678"));
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        var reportPage = await staff.GetStringAsync(found.Headers.Location!.OriginalString);
        Assert.Contains("报告已提交", reportPage, StringComparison.Ordinal);
        Assert.Contains("漏水纠纷", reportPage, StringComparison.Ordinal);

        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        var forbidden = await IdentityTestSupport.PostFormAsync(worker, List, List, ("Kind", "Special"), ("Title", "网格员开展"), ("ScopeUnitCode", "D-01-01-01"),
            ("StartsOn", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("DueOn", today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // Another tenant: neither the campaign nor the report.
        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("两会期间排查", await beta.GetStringAsync("/beta/admin/mediation/screening"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync(reportUrl.Replace("/alpha/", "/beta/", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync(campaignUrl.Replace("/alpha/", "/beta/", StringComparison.Ordinal))).StatusCode);
    }
}
