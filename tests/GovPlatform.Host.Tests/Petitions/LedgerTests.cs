using System.Net;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Services;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Ledger;
using GovPlatform.Petitions.Models;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>
/// The ledger's figures on a known set of petitions written straight into the tenant's database (October 2026, tenant
/// time Asia/Shanghai), on both providers: every count and rate per group and in total, by unit, category and month;
/// the user's scope; the page, the Excel export and who may use them.
/// </summary>
public sealed class LedgerTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly October1 = new(2026, 10, 1);
    private static readonly DateOnly October31 = new(2026, 10, 31);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Figures_by_unit_category_and_month_are_exact_and_follow_the_users_scope(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await SeedAsync(host, "alpha");
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var statistics = services.GetRequiredService<PetitionStatistics>();
        var admin = await PrincipalAsync(services, "admin");

        // The whole district, broken down by street (D has one top unit: its children are the rows).
        var byUnit = await ComputeAsync(statistics, admin, new LedgerRequest(null, October1, October31, LedgerGrouping.Unit));
        Assert.Equal(["D-01", "D-02", ""], byUnit.Groups.Select(g => g.Key));
        var d01 = byUnit.Groups[0].Figures;
        Expect(d01, received: 8, completed: 5, open: 3, onTime: 3, late: 1, openOverdue: 1, evaluated: 3, rejected: 0, merged: 0,
            rated: 3, satisfied: 2, sum: 12, answered: 2, resolved: 1);
        Assert.Equal("75.0%", d01.OnTimeRate.ToString());
        Assert.Equal("66.7%", d01.SatisfactionRate.ToString());
        Assert.Equal("4.00", d01.AverageText);
        Assert.Equal("50.0%", d01.ResolutionRate.ToString());
        var d02 = byUnit.Groups[1].Figures;
        Expect(d02, received: 5, completed: 0, open: 3, onTime: 0, late: 0, openOverdue: 0, evaluated: 0, rejected: 1, merged: 1,
            rated: 0, satisfied: 0, sum: 0, answered: 0, resolved: 0);
        Assert.Equal("—", d02.OnTimeRate.ToString());
        Assert.Equal("—", d02.SatisfactionRate.ToString());
        Assert.Equal("—", d02.AverageText);
        Assert.Equal("—", d02.ResolutionRate.ToString());
        Assert.Null(d02.OnTimeRate.Percent);
        var other = byUnit.Groups[2];
        Assert.Equal("未定位到网格", other.Name.Chinese);
        Expect(other.Figures, received: 1, completed: 0, open: 1, onTime: 0, late: 0, openOverdue: 0, evaluated: 0, rejected: 0, merged: 0,
            rated: 0, satisfied: 0, sum: 0, answered: 0, resolved: 0);
        Expect(byUnit.Total, received: 14, completed: 5, open: 7, onTime: 3, late: 1, openOverdue: 1, evaluated: 3, rejected: 1, merged: 1,
            rated: 3, satisfied: 2, sum: 12, answered: 2, resolved: 1);
        Assert.Equal(2, byUnit.Total.Overdue);
        Assert.Equal(new LedgerRatio(3, 4), byUnit.Total.OnTimeRate);

        // By category: an item counts under its category.
        var byCategory = await ComputeAsync(statistics, admin, new LedgerRequest(null, October1, October31, LedgerGrouping.Category));
        Assert.Equal(["01", "02", "03"], byCategory.Groups.Select(g => g.Key));
        Expect(byCategory.Groups[0].Figures, received: 4, completed: 2, open: 1, onTime: 1, late: 0, openOverdue: 1, evaluated: 1, rejected: 1, merged: 0,
            rated: 1, satisfied: 1, sum: 5, answered: 1, resolved: 1);
        Assert.Equal("100.0%", byCategory.Groups[0].Figures.OnTimeRate.ToString());
        Expect(byCategory.Groups[1].Figures, received: 7, completed: 3, open: 3, onTime: 2, late: 1, openOverdue: 0, evaluated: 2, rejected: 0, merged: 1,
            rated: 2, satisfied: 1, sum: 7, answered: 1, resolved: 0);
        Assert.Equal("3.50", byCategory.Groups[1].Figures.AverageText);
        Assert.Equal("0.0%", byCategory.Groups[1].Figures.ResolutionRate.ToString());
        Expect(byCategory.Groups[2].Figures, received: 3, completed: 0, open: 3, onTime: 0, late: 0, openOverdue: 0, evaluated: 0, rejected: 0, merged: 0,
            rated: 0, satisfied: 0, sum: 0, answered: 0, resolved: 0);
        Assert.Equal(byUnit.Total, byCategory.Total);

        // By month, in the tenant's time: 30 September 23:30 is September, 1 October 00:30 (still 30 September in UTC)
        // is October, 1 November 00:00 (31 October in UTC) is November.
        var byMonth = await ComputeAsync(statistics, admin, new LedgerRequest(null, new(2026, 9, 15), new(2026, 11, 10), LedgerGrouping.Month));
        Assert.Equal(["2026-09", "2026-10", "2026-11"], byMonth.Groups.Select(g => g.Key));
        Assert.Equal([1L, 14L, 1L], byMonth.Groups.Select(g => g.Figures.Received));
        Assert.Equal(byUnit.Total, byMonth.Groups[1].Figures);
        Assert.Equal((new DateOnly(2026, 9, 15), new DateOnly(2026, 9, 30)), (byMonth.Groups[0].From, byMonth.Groups[0].To));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10)), (byMonth.Groups[2].From, byMonth.Groups[2].To));

        // A community's staff: only the community's subtree, even the case its community handles elsewhere (N).
        var staff = await PrincipalAsync(services, "staff");
        var community = await ComputeAsync(statistics, staff, new LedgerRequest(null, October1, October31, LedgerGrouping.Unit));
        Assert.Equal("D-01-01", community.Request.Unit);
        Assert.Equal(["D-01-01-01", "D-01-01-02"], community.Groups.Select(g => g.Key));
        Expect(community.Groups[0].Figures, received: 3, completed: 3, open: 0, onTime: 2, late: 1, openOverdue: 0, evaluated: 3, rejected: 0, merged: 0,
            rated: 3, satisfied: 2, sum: 12, answered: 2, resolved: 1);
        Assert.Equal("66.7%", community.Groups[0].Figures.OnTimeRate.ToString());
        Expect(community.Groups[1].Figures, received: 2, completed: 2, open: 0, onTime: 1, late: 0, openOverdue: 0, evaluated: 0, rejected: 0, merged: 0,
            rated: 0, satisfied: 0, sum: 0, answered: 0, resolved: 0);
        Assert.Equal(5, community.Total.Received);
        var outside = await statistics.SelectAsync(new LedgerRequest("D-02", October1, October31, LedgerGrouping.Unit), staff, default);
        Assert.True(outside.Forbidden);
        Assert.Contains("unit", outside.Errors.Keys);
        var above = await statistics.SelectAsync(new LedgerRequest("D-01", October1, October31, LedgerGrouping.Unit), staff, default);
        Assert.True(above.Forbidden);

        // A street: its communities, and a row for what is at the street itself (H).
        var street = await ComputeAsync(statistics, await PrincipalAsync(services, "street"), new LedgerRequest(null, October1, October31, LedgerGrouping.Unit));
        Assert.Equal(["D-02-01", "D-02-P1", "D-02"], street.Groups.Select(g => g.Key));
        Assert.Equal([4L, 0L, 1L], street.Groups.Select(g => g.Figures.Received));
        Assert.Equal("D-02-01", street.Groups[0].DrillUnit);
        Assert.Null(street.Groups[2].DrillUnit);
        Assert.Equal(1, street.Groups[2].Figures.Merged);

        // The admin may choose any unit; a period ending before it starts is refused.
        var chosen = await ComputeAsync(statistics, admin, new LedgerRequest("D-01-01", October1, October31, LedgerGrouping.Unit));
        Assert.Equal(community.Total, chosen.Total);
        var backwards = await statistics.SelectAsync(new LedgerRequest(null, October31, October1, LedgerGrouping.Unit), admin, default);
        Assert.False(backwards.IsValid);
        Assert.Contains("to", backwards.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_page_and_the_export_show_the_selection_and_need_the_ledger_permission(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await SeedAsync(host, "alpha");
        const string query = "period=custom&from=2026-10-01&to=2026-10-31&group=unit";

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var page = await admin.GetAsync($"/alpha/admin/petitions/ledger?{query}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("东风街道", html, StringComparison.Ordinal);
        Assert.Contains("75.0%", html, StringComparison.Ordinal);
        Assert.Contains("admin/petitions/ledger?unit=D-01&amp;", html, StringComparison.Ordinal);
        Assert.Contains("全区，2026-10-01 至 2026-10-31，受理 14 件", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/alpha/admin/petitions/ledger\" aria-current=\"page\">台账与统计", html, StringComparison.Ordinal);
        Assert.Contains("admin/petitions?view=all&amp;from=2026-10-01&amp;to=2026-10-31&amp;unit=D-02", html, StringComparison.Ordinal);

        var bad = await admin.GetAsync("/alpha/admin/petitions/ledger?period=custom&from=2026-10-31&to=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("日期格式应为 2026-01-31。", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var export = await admin.GetAsync($"/alpha/admin/petitions/ledger/export?{query}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        {
            Assert.Equal(["台账", "统计"], Workbook(bytes).GetSheetNames());
            var rows = Sheet(bytes, "台账");
            Assert.Equal(14, rows.Count);
            Assert.Equal(
                ["诉求编号", "受理时间", "来源渠道", "诉求类别", "所在网格", "联系人", "联系电话", "诉求内容", "办理环节", "承办单位", "办理时限", "办结时间", "是否按期", "满意度", "是否解决", "结案时间"],
                rows[0].Keys);
            var first = rows[0];
            Assert.Equal("LEDGER-K2", first["诉求编号"]);
            Assert.Equal("2026-10-01 00:30", first["受理时间"]);
            Assert.Equal("安全隐患 / 消防通道堵塞", first["诉求类别"]);
            Assert.Equal("第二网格", first["所在网格"]);
            Assert.Equal("13900000000", first["联系电话"]);
            var late = rows.Single(r => (string?)r["诉求编号"] == "LEDGER-B");
            Assert.Equal("超期", late["是否按期"]);
            Assert.Equal("否", late["是否解决"]);
            Assert.Equal(3d, Convert.ToDouble(late["满意度"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("超期", rows.Single(r => (string?)r["诉求编号"] == "LEDGER-D")["是否按期"]);
            Assert.Equal("按期", rows.Single(r => (string?)r["诉求编号"] == "LEDGER-C")["是否按期"]);
            Assert.Equal("", rows.Single(r => (string?)r["诉求编号"] == "LEDGER-G")["是否按期"] ?? "");

            var figures = Sheet(bytes, "统计");
            Assert.Equal(["东风街道", "建设街道", "未定位到网格", "合计"], figures.Select(f => f["分组"]));
            Assert.Equal(14d, Convert.ToDouble(figures[^1]["受理数"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("75.0%", figures[^1]["按期办结率"]);
            Assert.Equal("—", figures[1]["满意率"]);
        }

        var audit = await host.AuditAsync("alpha", "petitions", "export");
        Assert.Contains(audit, a => a.Summary?.Contains("14 petitions", StringComparison.Ordinal) == true);

        // English headers for an English reader.
        var english = await admin.GetAsync($"/alpha/admin/petitions/ledger/export?{query}&culture=en");
        var englishBytes = await english.Content.ReadAsByteArrayAsync();
        Assert.Equal(["Ledger", "Statistics"], Workbook(englishBytes).GetSheetNames());
        Assert.Equal("Tracking number", Sheet(englishBytes, "Ledger")[0].Keys.First());

        // A community's staff: its own rows only; another street's unit is refused with problem details.
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var own = await staff.GetAsync($"/alpha/admin/petitions/ledger/export?{query}");
        Assert.Equal(5, Sheet(await own.Content.ReadAsByteArrayAsync(), "台账").Count);

        var foreign = await staff.GetAsync("/alpha/admin/petitions/ledger/export?unit=D-02");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        var foreignPage = await staff.GetAsync("/alpha/admin/petitions/ledger?unit=D-02");
        Assert.Equal(HttpStatusCode.Forbidden, foreignPage.StatusCode);
        Assert.Contains("这个网格单元不在您的管辖范围内。", await foreignPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A grid worker has no ledger permission.
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/admin/petitions/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/alpha/admin/petitions/ledger/export?{query}")).StatusCode);
    }

    [Fact]
    public async Task Petitions_filed_under_a_former_code_count_under_the_moved_unit()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        await SeedAsync(host, "alpha");
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            // The grid D-01-01-02 (C and K2 are filed under that code) moves to community D-01-02: D-01-02-02.
            var editor = scope.ServiceProvider.GetRequiredService<GridUnitEditor>();
            var unit = (await scope.ServiceProvider.GetRequiredService<GridDirectory>().TreeAsync()).Find("D-01-01-02")!;
            Assert.True((await editor.UpdateAsync("D-01-01-02", new GridUnitEdit { Name = unit.Unit.Name, Level = 4, Households = 350, Version = unit.Unit.Version })).Succeeded);
            Assert.True((await editor.MoveAsync("D-01-01-02", "D-01-02", null, "test")).Succeeded);
        }

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var statistics = scope.ServiceProvider.GetRequiredService<PetitionStatistics>();
            var admin = await PrincipalAsync(scope.ServiceProvider, "admin");
            var street = await ComputeAsync(statistics, admin, new LedgerRequest("D-01", October1, October31, LedgerGrouping.Unit));
            Assert.Equal(["D-01-01", "D-01-02", "D-01"], street.Groups.Select(g => g.Key));
            Assert.Equal([3L, 4L, 1L], street.Groups.Select(g => g.Figures.Received));

            var moved = await ComputeAsync(statistics, admin, new LedgerRequest("D-01-01-02", October1, October31, LedgerGrouping.Unit));
            Assert.Equal("D-01-02-02", moved.Request.Unit);
            Assert.Equal(2, moved.Total.Received);

            var community = await ComputeAsync(statistics, await PrincipalAsync(scope.ServiceProvider, "staff"), new LedgerRequest(null, October1, October31, LedgerGrouping.Unit));
            Assert.Equal(3, community.Total.Received);
        }
    }

    [Fact]
    public async Task Another_tenants_petitions_never_reach_the_ledger()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithPetitionTenant("beta");
        host.Start();
        await SeedAsync(host, "alpha");
        await using var scope = await host.ScopeAsync("beta");
        var statistics = scope.ServiceProvider.GetRequiredService<PetitionStatistics>();
        var report = await ComputeAsync(statistics, await PrincipalAsync(scope.ServiceProvider, "admin"),
            new LedgerRequest(null, October1, October31, LedgerGrouping.Unit));
        Assert.Equal(0, report.Total.Received);
    }

    private static MemoryStream Workbook(byte[] bytes) => new(bytes);

    private static List<IDictionary<string, object?>> Sheet(byte[] bytes, string name) =>
        [.. Workbook(bytes).Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];

    private static async Task<LedgerReport> ComputeAsync(PetitionStatistics statistics, System.Security.Claims.ClaimsPrincipal user, LedgerRequest request)
    {
        var selection = await statistics.SelectAsync(request, user, default);
        Assert.True(selection.IsValid, string.Join("; ", selection.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
        return await statistics.ComputeAsync(selection, default);
    }

    private static void Expect(LedgerFigures f, long received, long completed, long open, long onTime, long late, long openOverdue, long evaluated,
        long rejected, long merged, long rated, long satisfied, long sum, long answered, long resolved)
    {
        Assert.Equal(
            (received, completed, open, onTime, late, openOverdue, evaluated, rejected, merged, rated, satisfied, sum, answered, resolved),
            (f.Received, f.Completed, f.Open, f.OnTime, f.Late, f.OpenOverdue, f.Evaluated, f.Rejected, f.Merged, f.Rated, f.Satisfied, f.SatisfactionSum, f.ResolvedAnswered, f.Resolved));
    }

    /// <summary>UTC of a tenant-local time in 2026.</summary>
    private static DateTime At(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified), Zone);

    /// <summary>
    /// The petitions of October 2026 (and one either side), each chosen for an edge of the figures:
    /// A on time, rated 5, solved; B late, rated 3, not solved; C completed exactly at its due time; D open past its
    /// due time; E open without a due time; F open, due in the future; G rejected after its due time (not overdue);
    /// H merged, at the street itself; I on time, rated 4, no answer on solved; J without a place, handled by street
    /// D-01; K2 received 00:30 on 1 October (30 September in UTC), completed without a due time; L received 23:59 on
    /// 31 October; N in D-02-01 but handled by community D-01-01; P in a unit the grid no longer has.
    /// Outside October: K (23:30 on 30 September) and M (00:00 on 1 November, 31 October in UTC).
    /// </summary>
    private static async Task SeedAsync(TestHost host, string tenant)
    {
        var future = DateTime.UtcNow.AddDays(30);
        Petition P(string name, string? unit, string category, DateTime received, DateTime? due = null, DateTime? completed = null,
            PetitionStage stage = PetitionStage.Handle, int? satisfaction = null, bool? resolved = null, string? handling = null) => new()
            {
                TrackingNumber = $"LEDGER-{name}",
                Channel = unit is null ? PetitionChannel.Api : PetitionChannel.Online,
                Stage = stage,
                CategoryCode = category,
                Title = $"诉求 {name}",
                Description = $"台账测试诉求 {name}",
                GridUnitCode = unit,
                ContactName = "测试",
                ContactPhone = "13900000000",
                HandlingUnitCode = handling ?? unit,
                ReceivedUtc = received,
                DueUtc = due,
                CompletedUtc = completed,
                ClosedUtc = stage is PetitionStage.Evaluate or PetitionStage.Rejected or PetitionStage.Merged ? (completed ?? received).AddHours(1) : null,
                Satisfaction = satisfaction,
                Resolved = resolved,
                UpdatedUtc = received,
                Version = 1,
            };

        Petition[] petitions =
        [
            P("A", "D-01-01-01", "0101", At(10, 9, 9), At(10, 9, 17), At(10, 9, 15), PetitionStage.Evaluate, 5, true),
            P("B", "D-01-01-01", "0201", At(10, 12, 10), At(10, 15, 17), At(10, 16, 11), PetitionStage.Evaluate, 3, false),
            P("C", "D-01-01-02", "0202", At(10, 13, 9), At(10, 20, 17), At(10, 20, 17), PetitionStage.Feedback),
            P("D", "D-01-02", "0102", At(10, 14, 9), At(10, 14, 17)),
            P("E", "D-01-02", "03", At(10, 15, 9), stage: PetitionStage.Assess),
            P("F", "D-02-01", "0201", At(10, 16, 9), future),
            P("G", "D-02-01", "0101", At(10, 19, 9), At(10, 19, 17), stage: PetitionStage.Rejected),
            P("H", "D-02", "0201", At(10, 20, 9), At(10, 23, 17), stage: PetitionStage.Merged),
            P("I", "D-01-01-01", "0201", At(10, 21, 9), At(10, 24, 17), At(10, 22, 9), PetitionStage.Evaluate, 4),
            P("J", null, "03", At(10, 22, 9), stage: PetitionStage.Collect, handling: "D-01"),
            P("K2", "D-01-01-02", "0102", At(10, 1, 0, 30), completed: At(10, 1, 10), stage: PetitionStage.Feedback),
            P("L", "D-02-01", "0202", At(10, 31, 23, 59), future, stage: PetitionStage.Assign),
            P("N", "D-02-01", "0202", At(10, 23, 9), stage: PetitionStage.Assess, handling: "D-01-01"),
            P("P", "GONE-1", "03", At(10, 25, 9), stage: PetitionStage.Assess),
            P("K", "D-01-01-01", "0101", At(9, 30, 23, 30)),
            P("M", "D-02-01", "0201", At(11, 1, 0)),
        ];

        await using var scope = await host.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        db.AddRange(petitions);
        await db.SaveChangesAsync();
    }
}
