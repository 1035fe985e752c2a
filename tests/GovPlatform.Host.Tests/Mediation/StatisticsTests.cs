using System.Globalization;
using System.Net;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Mediation.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>
/// The mediation statistics on a known set of disputes made through the ledger (register, assign, escalate, close) and
/// then dated into October 2026 (tenant time Asia/Shanghai), on both providers: every figure by unit, mediator, type and
/// source and in total; the user's scope; the page, the Excel export (without parties) and who may use them.
/// </summary>
public sealed class StatisticsTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly October1 = new(2026, 10, 1);
    private static readonly DateOnly October31 = new(2026, 10, 31);
    private const string October = "period=custom&from=2026-10-01&to=2026-10-31";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Figures_by_unit_mediator_type_and_source_are_exact_and_follow_the_users_scope(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var bodies = await SeedAsync(services);
        var statistics = services.GetRequiredService<MediationStatistics>();
        var admin = await PrincipalAsync(services, "admin");

        // The whole district, by street.
        var byUnit = await ComputeAsync(statistics, admin, new(null, October1, October31, StatisticsGrouping.Unit));
        Assert.Equal(["D-01", "D-02"], byUnit.Rows.Select(r => r.Key));
        Expect(byUnit.Rows[0].Figures, found: 6, mediated: 4, settled: 3, failed: 1, withdrawn: 1, open: 2, high: 1, escalated: 1);
        Assert.Equal(75.0m, byUnit.Rows[0].Figures.SettlementRate);
        Assert.Equal("D-01", byUnit.Rows[0].DrillUnit);
        Expect(byUnit.Rows[1].Figures, found: 2, mediated: 1, settled: 1, failed: 0, withdrawn: 0, open: 1, high: 0, escalated: 0);
        Assert.Equal("100.0%", byUnit.Rows[1].Figures.SettlementRateText);
        Expect(byUnit.Total, found: 8, mediated: 5, settled: 4, failed: 1, withdrawn: 1, open: 3, high: 1, escalated: 1);
        Assert.Equal("80.0%", byUnit.Total.SettlementRateText);

        // By lead mediator and body: the unassigned last.
        var byMediator = await ComputeAsync(statistics, admin, new(null, October1, October31, StatisticsGrouping.Mediator));
        MediationFigures Of(long body, long mediator) => byMediator.Rows.Single(r => r.Key == $"{body}:{mediator}").Figures;
        Expect(Of(bodies.Studio, bodies.Li), found: 3, mediated: 3, settled: 2, failed: 1, withdrawn: 0, open: 1, high: 0, escalated: 0);
        Assert.Equal("66.7%", Of(bodies.Studio, bodies.Li).SettlementRateText);
        Assert.Equal("老李（一社区五老调解工作室）", byMediator.Rows.Single(r => r.Key == $"{bodies.Studio}:{bodies.Li}").Name.Chinese);
        Expect(Of(bodies.Studio, bodies.Wang), found: 1, mediated: 0, settled: 0, failed: 0, withdrawn: 1, open: 0, high: 0, escalated: 0);
        Assert.Equal("—", Of(bodies.Studio, bodies.Wang).SettlementRateText);
        Assert.Null(Of(bodies.Studio, bodies.Wang).SettlementRate);
        Expect(Of(bodies.Committee, bodies.Zhao), found: 1, mediated: 1, settled: 1, failed: 0, withdrawn: 0, open: 0, high: 0, escalated: 1);
        Expect(Of(bodies.Centre, bodies.Qian), found: 1, mediated: 1, settled: 1, failed: 0, withdrawn: 0, open: 0, high: 0, escalated: 0);
        var unassigned = byMediator.Rows[^1];
        Assert.Equal((":", "未指派调解"), (unassigned.Key, unassigned.Name.Chinese));
        Expect(unassigned.Figures, found: 2, mediated: 0, settled: 0, failed: 0, withdrawn: 0, open: 2, high: 1, escalated: 0);
        Assert.Equal(5, byMediator.Rows.Count);
        Assert.Equal(byUnit.Total, byMediator.Total);

        // By type: every type has a row, those with nothing mediated show no rate.
        var byType = await ComputeAsync(statistics, admin, new(null, October1, October31, StatisticsGrouping.Type));
        Assert.Equal(Enum.GetValues<DisputeType>().Length, byType.Rows.Count);
        MediationFigures Type(DisputeType type) => byType.Rows.Single(r => r.Key.Equals(type.ToString(), StringComparison.OrdinalIgnoreCase)).Figures;
        Expect(Type(DisputeType.Neighbourhood), found: 4, mediated: 3, settled: 2, failed: 1, withdrawn: 0, open: 1, high: 0, escalated: 1);
        Expect(Type(DisputeType.Family), found: 2, mediated: 0, settled: 0, failed: 0, withdrawn: 1, open: 1, high: 1, escalated: 0);
        Expect(Type(DisputeType.Property), found: 0, mediated: 1, settled: 1, failed: 0, withdrawn: 0, open: 0, high: 0, escalated: 0);
        Expect(Type(DisputeType.Contract), found: 2, mediated: 1, settled: 1, failed: 0, withdrawn: 0, open: 1, high: 0, escalated: 0);
        Assert.Equal(MediationFigures.Zero, Type(DisputeType.Labour));
        Assert.Equal("—", Type(DisputeType.Labour).SettlementRateText);
        Assert.Equal(byUnit.Total, byType.Total);

        var bySource = await ComputeAsync(statistics, admin, new(null, October1, October31, StatisticsGrouping.Source));
        MediationFigures Source(DisputeSource source) => bySource.Rows.Single(r => r.Key.Equals(source.ToString(), StringComparison.OrdinalIgnoreCase)).Figures;
        Expect(Source(DisputeSource.Screening), found: 1, mediated: 0, settled: 0, failed: 0, withdrawn: 1, open: 0, high: 0, escalated: 0);
        Expect(Source(DisputeSource.Referral), found: 1, mediated: 1, settled: 1, failed: 0, withdrawn: 0, open: 0, high: 0, escalated: 0);
        Assert.Equal(byUnit.Total, bySource.Total);

        // A community's staff: the community's grids only (the escalated I, located in the community, still counts).
        var staff = await PrincipalAsync(services, "staff");
        var community = await ComputeAsync(statistics, staff, new(null, October1, October31, StatisticsGrouping.Unit));
        Assert.Equal("D-01-01", community.Request.Unit);
        Assert.Equal(["D-01-01-01", "D-01-01-02"], community.Rows.Select(r => r.Key));
        Expect(community.Rows[0].Figures, found: 4, mediated: 4, settled: 3, failed: 1, withdrawn: 0, open: 1, high: 0, escalated: 1);
        Expect(community.Rows[1].Figures, found: 2, mediated: 0, settled: 0, failed: 0, withdrawn: 1, open: 1, high: 1, escalated: 0);
        Assert.Equal(byUnit.Rows[0].Figures, community.Total);
        var outside = await statistics.SelectAsync(new(" D-02 ", October1, October31, StatisticsGrouping.Unit), staff, default);
        Assert.True(outside.Forbidden);
        Assert.Contains("unit", outside.Errors.Keys);
        var staffTypes = await ComputeAsync(statistics, staff, new(null, October1, October31, StatisticsGrouping.Type));
        Assert.Equal(0, staffTypes.Rows.Single(r => r.Key == "contract").Figures.Found);

        // The admin drilling into the other street: its community.
        var street = await ComputeAsync(statistics, admin, new("D-02", October1, October31, StatisticsGrouping.Unit));
        Assert.Equal(byUnit.Rows[1].Figures, street.Total);
        Assert.Equal(2, street.Rows.Single(r => r.Key == "D-02-01").Figures.Found);

        // Open counts at the end of the period: at the end of September only E was open (G closed on 25 September).
        var september = await ComputeAsync(statistics, admin, new(null, new(2026, 9, 1), new(2026, 9, 30), StatisticsGrouping.Unit));
        Expect(september.Total, found: 2, mediated: 1, settled: 1, failed: 0, withdrawn: 0, open: 1, high: 0, escalated: 0);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_page_and_the_export_show_the_selection_without_parties_and_need_the_statistics_permission(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await SeedAsync(scope.ServiceProvider);
        }

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var page = await admin.GetAsync($"/alpha/admin/mediation/statistics?{October}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("东风街道", html, StringComparison.Ordinal);
        Assert.Contains("75.0%", html, StringComparison.Ordinal);
        Assert.Contains("admin/mediation/statistics?unit=D-01&amp;period=custom", html, StringComparison.Ordinal);
        Assert.Contains("全区，2026-10-01 至 2026-10-31：排查发现 8 件，调解 5 件，成功 4 件，调解成功率 80.0%。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("刘先生", html, StringComparison.Ordinal);

        var english = await (await admin.GetAsync($"/alpha/admin/mediation/statistics?{October}&group=mediator&culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("Settlement rate", english, StringComparison.Ordinal);
        Assert.Contains("老李 (d0101-wulao)", english, StringComparison.Ordinal);

        // This month by default.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/alpha/admin/mediation/statistics")).StatusCode);
        var bad = await admin.GetAsync("/alpha/admin/mediation/statistics?period=custom&from=2026-10-31&to=2026-13-01&group=month");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("日期格式应为 2026-01-31。", badHtml, StringComparison.Ordinal);
        Assert.Contains("请选择统计方式", badHtml, StringComparison.Ordinal);

        var export = await admin.GetAsync($"/alpha/admin/mediation/statistics/export?{October}&group=type");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(["台账", "统计"], new MemoryStream(bytes).GetSheetNames());
        var rows = Sheet(bytes, "台账");
        Assert.Equal(9, rows.Count);
        Assert.Equal(
            ["纠纷编号", "登记时间", "纠纷类型", "来源", "风险等级", "状态", "所在网格", "承办单位", "调解组织", "主调解员", "调解次数", "结案时间", "结果", "调解不成去向", "诉求编号"],
            rows[0].Keys);
        Assert.Equal("2026-09-20 10:00", rows[0]["登记时间"]);
        var failed = rows.Single(r => (string?)r["结果"] == "调解不成");
        Assert.Equal("引导诉讼", failed["调解不成去向"]);
        Assert.Equal("老李", failed["主调解员"]);
        Assert.Equal("一社区五老调解工作室", failed["调解组织"]);
        Assert.Equal("第一网格", failed["所在网格"]);
        var escalated = rows.Single(r => (string?)r["主调解员"] == "老赵");
        Assert.Equal("东风街道", escalated["承办单位"]);
        Assert.Equal("2026-10-25 15:00", escalated["结案时间"]);
        var everything = string.Join("|", rows.SelectMany(r => r.Values).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        foreach (var secret in new[] { "刘先生", "陈女士", "1370000", "110101199001011234", "漏水" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        var figures = Sheet(bytes, "统计");
        Assert.Equal("合计", figures[^1]["分组"]);
        Assert.Equal(8d, Convert.ToDouble(figures[^1]["排查发现数"], CultureInfo.InvariantCulture));
        Assert.Equal("80.0%", figures[^1]["调解成功率"]);
        Assert.Equal("—", figures.Single(f => (string?)f["分组"] == "劳动争议")["调解成功率"]);

        var audit = await host.AuditAsync("alpha", "mediation", "export");
        Assert.Contains(audit, a => a.Summary?.Contains("9 disputes", StringComparison.Ordinal) == true);

        var englishExport = await (await admin.GetAsync($"/alpha/admin/mediation/statistics/export?{October}&culture=en")).Content.ReadAsByteArrayAsync();
        Assert.Equal(["Ledger", "Statistics"], new MemoryStream(englishExport).GetSheetNames());
        Assert.Equal("Number", Sheet(englishExport, "Ledger")[0].Keys.First());

        // A community's staff: its own disputes; another street is refused with problem details.
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        Assert.Equal(7, Sheet(await (await staff.GetAsync($"/alpha/admin/mediation/statistics/export?{October}")).Content.ReadAsByteArrayAsync(), "台账").Count);
        var foreign = await staff.GetAsync($"/alpha/admin/mediation/statistics/export?{October}&unit=D-02");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        var foreignPage = await staff.GetAsync("/alpha/admin/mediation/statistics?unit=D-02");
        Assert.Equal(HttpStatusCode.Forbidden, foreignPage.StatusCode);
        Assert.Contains("这个网格单元不在您的管辖范围内。", await foreignPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Mediators and grid workers have no statistics permission.
        foreach (var user in new[] { "elder", "worker" })
        {
            var client = await host.SignedInAsync("alpha", user, GridTestData.StaffPassword);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/alpha/admin/mediation/statistics")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/alpha/admin/mediation/statistics/export?{October}")).StatusCode);
        }
    }

    [Fact]
    public async Task Another_tenants_disputes_never_reach_the_statistics()
    {
        await using var host = new TestHost().WithMediationTenant("alpha").WithMediationTenant("beta");
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await SeedAsync(scope.ServiceProvider);
        }

        await using (var scope = await host.ScopeAsync("beta"))
        {
            var statistics = scope.ServiceProvider.GetRequiredService<MediationStatistics>();
            var report = await ComputeAsync(statistics, await PrincipalAsync(scope.ServiceProvider, "admin"), new(null, October1, October31, StatisticsGrouping.Unit));
            Assert.Equal(MediationFigures.Zero, report.Total);
        }

        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        var export = await beta.GetAsync($"/beta/admin/mediation/statistics/export?{October}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Empty(Sheet(await export.Content.ReadAsByteArrayAsync(), "台账"));
    }

    private static List<IDictionary<string, object?>> Sheet(byte[] bytes, string name) =>
        [.. new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];

    private static async Task<StatisticsReport> ComputeAsync(MediationStatistics statistics, ClaimsPrincipal user, StatisticsRequest request)
    {
        var selection = await statistics.SelectAsync(request, user, default);
        Assert.True(selection.IsValid, string.Join("; ", selection.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
        return await statistics.ComputeAsync(selection, default);
    }

    private static void Expect(MediationFigures f, long found, long mediated, long settled, long failed, long withdrawn, long open, long high, long escalated) =>
        Assert.Equal((found, mediated, settled, failed, withdrawn, open, high, escalated),
            (f.Found, f.Mediated, f.Settled, f.Failed, f.Withdrawn, f.Open, f.HighRisk, f.Escalated));

    /// <summary>UTC of a tenant-local time in 2026.</summary>
    private static DateTime At(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified), Zone);

    /// <summary>
    /// The disputes (tenant-local dates, 2026), each for an edge of the figures. In community D-01-01 (street D-01):
    /// A neighbourhood, 老李, registered 1 October 00:30 (30 September in UTC), settled 10 October; B neighbourhood, 老李,
    /// failed (court) 20 October; C family, screening, 老王, withdrawn 8 October; D family, high risk, unassigned, open;
    /// E property, 老李, registered 20 September, settled 3 October; F neighbourhood, 老李, closed 2 November (open at the
    /// end of October); G labour, registered and settled in September (in no October figure); I neighbourhood,
    /// escalated to the street, 老赵 of its committee, settled 25 October 15:00. In community D-02-01 (street D-02): H
    /// contract, referral, 老钱 of the district centre, settled 11 October; K contract, unassigned, open; J other,
    /// registered 1 November 00:00 (31 October in UTC), in no October figure.
    /// </summary>
    private static async Task<MediationTestData.TestBodies> SeedAsync(IServiceProvider services)
    {
        var bodies = await MediationTestData.SeedBodiesAsync(services);
        // Not filed in the petitions hall: the statistics are about the ledger alone.
        await services.GetRequiredService<MediationSettingsStore>().SaveAsync(new MediationSettings { FileInPetitionsHall = false });
        var ledger = services.GetRequiredService<DisputeLedger>();
        var db = services.GetRequiredService<TenantDbContext>();
        var admin = DisputeActor.Staff(await PrincipalAsync(services, "admin"));
        var phone = 0;

        async Task<long> Dispute(string name, string unit, DisputeType type, DateTime registered, long? body = null, long? mediator = null,
            DisputeOutcome? outcome = null, DateTime? closed = null, DisputeSource source = DisputeSource.WalkIn, RiskLevel risk = RiskLevel.Low, bool escalate = false)
        {
            phone++;
            var result = await ledger.RegisterAsync(new DisputeRegistration
            {
                Type = type,
                Source = source,
                Risk = risk,
                Title = $"统计测试纠纷 {name}",
                Description = "刘先生家卫生间漏水到陈女士家，双方争执。",
                GridUnitCode = unit,
                Parties = [new(PartyRole.Applicant, "刘先生", $"1370000{phone:0000}", "110101199001011234"), new(PartyRole.Respondent, "陈女士", "13800001111")],
            }, admin);
            Assert.True(result.Succeeded, Errors(result.Errors));
            var id = result.Dispute!.Id;
            if (escalate)
            {
                Assert.True((await ledger.EscalateAsync(id, "社区无法化解", admin)).Succeeded);
            }

            if (body is { } b)
            {
                var assigned = await ledger.AssignAsync(id, b, mediator, [], null, admin);
                Assert.True(assigned.Succeeded, Errors(assigned.Errors));
            }

            if (outcome is not null)
            {
                var done = await ledger.CloseAsync(id, outcome, admin);
                Assert.True(done.Succeeded, Errors(done.Errors));
            }

            await db.Set<Dispute>().Where(d => d.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RegisteredUtc, registered).SetProperty(d => d.ClosedUtc, outcome is null ? null : closed));
            return id;
        }

        var settle = new DisputeOutcome(DisputeStatus.Settled) { AgreementTerms = "赔偿维修费 500 元。" };
        var fail = new DisputeOutcome(DisputeStatus.Failed) { Referral = FailedReferral.Court, Note = "分歧过大，引导诉讼。" };
        var withdraw = new DisputeOutcome(DisputeStatus.Withdrawn) { Note = "申请人撤回。" };
        await Dispute("E", "D-01-01-01", DisputeType.Property, At(9, 20, 10), bodies.Studio, bodies.Li, settle, At(10, 3, 9));
        await Dispute("A", "D-01-01-01", DisputeType.Neighbourhood, At(10, 1, 0, 30), bodies.Studio, bodies.Li, settle, At(10, 10, 9));
        await Dispute("B", "D-01-01-01", DisputeType.Neighbourhood, At(10, 6, 9), bodies.Studio, bodies.Li, fail, At(10, 20, 9));
        await Dispute("C", "D-01-01-02", DisputeType.Family, At(10, 7, 9), bodies.Studio, bodies.Wang, withdraw, At(10, 8, 9), DisputeSource.Screening);
        await Dispute("D", "D-01-01-02", DisputeType.Family, At(10, 9, 9), risk: RiskLevel.High);
        await Dispute("F", "D-01-01-01", DisputeType.Neighbourhood, At(10, 12, 9), bodies.Studio, bodies.Li, settle, At(11, 2, 9));
        await Dispute("G", "D-01-01-01", DisputeType.Labour, At(9, 1, 9), bodies.Studio, bodies.Li, settle, At(9, 25, 9));
        await Dispute("I", "D-01-01-01", DisputeType.Neighbourhood, At(10, 15, 9), bodies.Committee, bodies.Zhao, settle, At(10, 25, 15), escalate: true);
        await Dispute("H", "D-02-01", DisputeType.Contract, At(10, 10, 9), bodies.Centre, bodies.Qian, settle, At(10, 11, 9), DisputeSource.Referral);
        await Dispute("K", "D-02-01", DisputeType.Contract, At(10, 20, 9));
        await Dispute("J", "D-02-01", DisputeType.Other, At(11, 1, 0));
        return bodies;
    }

    private static string Errors(IReadOnlyDictionary<string, BilingualText>? errors) =>
        string.Join("; ", (errors ?? new Dictionary<string, BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}"));
}
