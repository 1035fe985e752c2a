using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Core.Jobs;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identity.Services;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>
/// The walk-through on 站前 with its own recipe (grid, duty list, 2026 calendar, mediation bodies): the half-month
/// screening campaign opens by itself; 五大门社区 reports a neighbourhood dispute it found; the dispute is in the ledger
/// and, through the one front desk, in the petitions hall with the mediation room; the community gives it to its 五老
/// studio; the studio's mediator holds a session and closes it with an agreement; the street's settlement rate moves from
/// "—" to 100%; the linked petition goes to feedback and closes when the citizen rates it.
/// </summary>
public sealed partial class ZhanqianWalkThroughTests
{
    private const string Password = "Zhanqian-pass-2026";
    private const string Community = "210802-01-001";    // 五大门社区, 八田地街道
    private const string Street = "210802-01";
    private const string Grid = "210802-01-001-03";
    private const string Studio = "zq-01-001-wulao";

    [Fact]
    public async Task A_screening_finding_is_mediated_by_the_communitys_elders_studio_to_an_agreement_and_its_petition_closes()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));   // a Tuesday
        await using var host = new TestHost().WithRepositoryTenants().WithClock(clock);
        host.Start();
        long studioId, mediatorId;
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await Create(accounts, "admin", "Administrator", null);
            await Create(accounts, "shequ", "CommunityStaff", Community);
            await Create(accounts, "jiedao", "StreetAdmin", Street);
            await Create(accounts, "zou", "Mediator", Community);
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var studio = await db.Set<MediationBody>().AsNoTracking().SingleAsync(b => b.Code == Studio);
            Assert.Equal(MediationBodyKind.EldersStudio, studio.Kind);
            Assert.Equal(Community, studio.GridUnitCode);
            studioId = studio.Id;
            mediatorId = (await db.Set<Mediator>().AsNoTracking().Where(m => m.BodyId == studio.Id).OrderBy(m => m.Id).FirstAsync()).Id;
        }

        // The district admin links the studio's first mediator (邹忠春) to the account "zou".
        var admin = await host.SignedInAsync("zhanqian", "admin", Password);
        var bodyPage = $"/zhanqian/admin/mediation/bodies/{studioId}";
        var bodyHtml = await PageAsync(admin, bodyPage);
        Assert.Contains("五大门社区五老调解工作室", bodyHtml, StringComparison.Ordinal);
        var stamp = StampPattern().Match(bodyHtml).Groups[1].Value;
        var linked = await IdentityTestSupport.PostFormAsync(admin, bodyPage, $"{bodyPage}/mediators",
            ("MediatorId", mediatorId.ToString(CultureInfo.InvariantCulture)), ("Name", "邹忠春"), ("Role", "Elder"), ("Background", "PartyMember"),
            ("Profile", "退休老党员，社区调解骨干"), ("Phone", "13904170001"), ("UserName", "zou"), ("Stamp", stamp));
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);

        // The job opens December's first half-month campaign: one report per community, 五大门's among them.
        await host.Services.GetRequiredService<BackgroundTaskRunner>().RunDueAsync();
        var shequ = await host.SignedInAsync("zhanqian", "shequ", Password);
        var screening = await PageAsync(shequ, "/zhanqian/admin/mediation/screening");
        Assert.Contains("2026年12月上半月矛盾纠纷排查", screening, StringComparison.Ordinal);
        long reportId;
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            reportId = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<ScreeningReport>()
                .Where(r => r.UnitCode == Community).Select(r => r.Id).SingleAsync();
        }

        var statisticsBefore = await StreetFiguresAsync(host);
        Assert.Equal(0, statisticsBefore.Settled);
        Assert.Null(statisticsBefore.SettlementRate);

        // 五大门 reports what its sweep found: a neighbourhood dispute over a leaking pipe.
        var reportUrl = $"/zhanqian/admin/mediation/screening/reports/{reportId}";
        var reported = await IdentityTestSupport.PostFormAsync(shequ, reportUrl, reportUrl,
            ("findings[0].type", "Neighbourhood"), ("findings[0].title", "楼上漏水邻里纠纷"),
            ("findings[0].description", "5号楼302室卫生间漏水到202室，202室住户要求赔偿装修损失，双方多次争吵。"),
            ("findings[0].gridUnitCode", Grid), ("findings[0].risk", "Medium"),
            ("findings[0].parties[0].role", "Applicant"), ("findings[0].parties[0].name", "何桂兰"), ("findings[0].parties[0].phone", "13904175202"),
            ("findings[0].parties[1].role", "Respondent"), ("findings[0].parties[1].name", "陆明"), ("findings[0].parties[1].phone", "13904175302"));
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);

        Dispute dispute;
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            dispute = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Dispute>().AsNoTracking().SingleAsync();
            Assert.Equal(DisputeSource.Screening, dispute.Source);
            Assert.Equal(reportId, dispute.ScreeningReportId);
            Assert.Equal(Community, dispute.HandlingUnitCode);
            var petition = await scope.ServiceProvider.GetRequiredService<PetitionWorkflow>().FindAsync(dispute.PetitionId!.Value, default);
            Assert.Equal(PetitionStage.Assign, petition!.Stage);
            Assert.Equal(PetitionRooms.Mediation, petition.Room);
            Assert.Equal("13904175202", petition.ContactPhone);
        }

        // The community gives it to its 五老 studio, 邹忠春 leading.
        var disputePage = $"/zhanqian/admin/mediation/disputes/{dispute.Id}";
        var assigned = await IdentityTestSupport.PostFormAsync(shequ, disputePage, $"{disputePage}/assign",
            ("version", Version(await PageAsync(shequ, disputePage))), ("bodyId", studioId.ToString(CultureInfo.InvariantCulture)),
            ("mediatorId", mediatorId.ToString(CultureInfo.InvariantCulture)), ("note", "交五老调解工作室调解"));
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);

        // The mediator sees the parties, schedules a session at the studio for the next morning and holds it.
        var zou = await host.SignedInAsync("zhanqian", "zou", Password);
        var mediatorView = await PageAsync(zou, disputePage);
        Assert.Contains("何桂兰", mediatorView, StringComparison.Ordinal);
        var sessionsPage = $"{disputePage}/sessions";
        await PageAsync(zou, sessionsPage);
        var scheduled = await IdentityTestSupport.PostFormAsync(zou, sessionsPage, sessionsPage,
            ("mode", "InPerson"), ("startsAt", "2026-12-02T10:00"), ("durationMinutes", "90"), ("bodyId", studioId.ToString(CultureInfo.InvariantCulture)), ("place", ""), ("meetingUrl", ""),
            ("p0.role", "Party"), ("p0.name", "何桂兰"), ("p0.phone", "13904175202"), ("p0.mediatorId", ""), ("p0.unit", ""), ("p0.organisation", ""),
            ("p1.role", "Party"), ("p1.name", "陆明"), ("p1.phone", "13904175302"), ("p1.mediatorId", ""), ("p1.unit", ""), ("p1.organisation", ""),
            ("p2.role", "Mediator"), ("p2.name", ""), ("p2.phone", ""), ("p2.mediatorId", mediatorId.ToString(CultureInfo.InvariantCulture)), ("p2.unit", Community), ("p2.organisation", "五老调解工作室"));
        Assert.True(scheduled.StatusCode == HttpStatusCode.Redirect, await HtmlAsync(scheduled));
        long sessionId;
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            sessionId = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<MediationSession>().Where(s => s.DisputeId == dispute.Id).Select(s => s.Id).SingleAsync();
        }

        clock.Advance(TimeSpan.FromHours(26.5));   // 2026-12-02 11:30
        var sessionPage = $"/zhanqian/admin/mediation/sessions/{sessionId}";
        var recorded = await IdentityTestSupport.PostFormAsync(zou, sessionPage, $"{sessionPage}/record",
            ("version", Version(await PageAsync(zou, sessionPage))), ("minutes", "经五老调解，302室同意维修管道并赔偿202室1500元。"), ("agreementReached", "true"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var settled = await IdentityTestSupport.PostFormAsync(zou, disputePage, $"{disputePage}/settle",
            ("version", Version(await PageAsync(zou, disputePage))), ("agreementTerms", "302室于12月10日前修复漏水管道，并一次性赔偿202室装修损失1500元；双方不再就此事争执。"));
        Assert.Equal(HttpStatusCode.Redirect, settled.StatusCode);

        // The street's settlement rate moves, and the statistics page shows it.
        var after = await StreetFiguresAsync(host);
        Assert.Equal((1L, 1L, 1L, 100.0m), (after.Found, after.Settled, after.Mediated, after.SettlementRate!.Value));
        var jiedao = await host.SignedInAsync("zhanqian", "jiedao", Password);
        var statistics = await PageAsync(jiedao, $"/zhanqian/admin/mediation/statistics?unit={Street}");
        Assert.Contains("五大门社区", statistics, StringComparison.Ordinal);
        Assert.Contains("100.0%", statistics, StringComparison.Ordinal);

        // The linked petition went to feedback with the studio's result; the citizen's rating closes it.
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            var services = scope.ServiceProvider;
            var closedDispute = await services.GetRequiredService<DisputeLedger>().FindAsync(dispute.Id);
            Assert.Equal(DisputeStatus.Settled, closedDispute!.Status);
            Assert.NotNull(closedDispute.PetitionReportedUtc);
            var tracking = services.GetRequiredService<PetitionTracking>();
            var found = await tracking.FindAsync(closedDispute.PetitionNumber!, "13904175202", default);
            Assert.Equal(PetitionStage.Feedback, found!.Stage);
            var view = await tracking.ViewAsync(found, new CultureInfo("zh-CN"), default);
            Assert.True(view.CanRate);
            var rated = await tracking.RateAsync(found, 5, true, "调解得很及时", default);
            Assert.Equal(PetitionStage.Evaluate, rated.Petition!.Stage);
            Assert.NotNull(rated.Petition.ClosedUtc);
        }
    }

    private static async Task<GovPlatform.Mediation.Statistics.MediationFigures> StreetFiguresAsync(TestHost host)
    {
        await using var scope = await host.ScopeAsync("zhanqian");
        var statistics = scope.ServiceProvider.GetRequiredService<GovPlatform.Mediation.Statistics.MediationStatistics>();
        var user = await GovPlatform.Host.Tests.Petitions.PetitionTestData.PrincipalAsync(scope.ServiceProvider, "jiedao");
        var selection = await statistics.SelectAsync(new(Street, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), GovPlatform.Mediation.Statistics.StatisticsGrouping.Unit), user, default);
        return (await statistics.ComputeAsync(selection, default)).Total;
    }

    private static string Version(string html) => VersionPattern().Match(html).Groups[1].Value;

    private static async Task Create(UserAccounts accounts, string userName, string role, string? unit)
    {
        var (result, _) = await accounts.CreateAsync(userName, $"{userName}@zhanqian.example.cn", userName, null, Password, [role], unit is null ? null : [unit]);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("name=\"Stamp\" value=\"(\\d+)\"")]
    private static partial Regex StampPattern();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
