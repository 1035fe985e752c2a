using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;
using MiniExcelLibs;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>The combined reports page (admin/redgrid/reports) and its workbook: each section per child unit and total, years, scope, isolation, audit.</summary>
public sealed class ReportsTests
{
    private static readonly HtmlParser Parser = new();

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_section_counts_per_child_unit_and_total_in_the_page_and_the_workbook(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithRedGridTenant("beta").WithProviderAsync(provider);
        host.Start();
        await SeedAsync(host, "alpha", betaNoise: false);
        await SeedAsync(host, "beta", betaNoise: true);

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var page = await admin.GetAsync("/alpha/admin/redgrid/reports?year=2025");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        // Coverage: D-01 has 2 grids, 1 with a branch; 2 courtyards, 1 with a group; D-02 has no grid.
        Assert.Equal(["东风街道", "2", "1", "50%", "2", "1", "50%", "0"], Cells(html, "coverage", "D-01"));
        Assert.Equal(["建设街道", "0", "0", "—", "0", "0", "—", "0"], Cells(html, "coverage", "D-02"));
        Assert.Equal(["合计", "2", "1", "50%", "2", "1", "50%", "0"], Cells(html, "coverage", "total"));
        // Member reporting in 2025: D-01 one living and reported, a task given and done (90 minutes); D-02 one living, not reported.
        Assert.Equal(["东风街道", "1", "1", "100%", "1", "1", "1.5"], Cells(html, "reporting", "D-01"));
        Assert.Equal(["建设街道", "1", "0", "0%", "0", "0", "0"], Cells(html, "reporting", "D-02"));
        Assert.Equal(["合计", "2", "1", "50%", "1", "1", "1.5"], Cells(html, "reporting", "total"));
        // Projects in 2025: the D-01-01 project matched and completed; the D-02-01 one was matched in 2026.
        Assert.Equal(["东风街道", "1", "1", "30"], Cells(html, "projects", "D-01"));
        Assert.Equal(["建设街道", "0", "0", "0"], Cells(html, "projects", "D-02"));
        Assert.Equal(["合计", "1", "1", "30"], Cells(html, "projects", "total"));
        // Pairing help in 2025 only (2026's ¥500.00 to D-01 is left out), rolled up to the streets.
        Assert.Equal(["东风街道", "¥1,000.00", "¥0.00", "1", "1"], Cells(html, "help", "D-01"));
        Assert.Equal(["建设街道", "¥0.00", "¥200.00", "2", "0"], Cells(html, "help", "D-02"));
        Assert.Equal(["合计", "¥1,000.00", "¥200.00", "3", "1"], Cells(html, "help", "total"));
        // Centres: the district's own centre counts only in the total; the inactive one on D-02 not at all.
        Assert.Equal(["东风街道", "0", "1", "1", "2"], Cells(html, "centres", "D-01"));
        Assert.Equal(["建设街道", "0", "0", "1", "1"], Cells(html, "centres", "D-02"));
        Assert.Equal(["合计", "1", "1", "2", "4"], Cells(html, "centres", "total"));

        var y2026 = await admin.GetStringAsync("/alpha/admin/redgrid/reports?year=2026");
        Assert.Equal(["合计", "¥500.00", "¥0.00", "0", "0"], Cells(y2026, "help", "total"));
        Assert.Equal(["建设街道", "1", "0", "0"], Cells(y2026, "projects", "D-02"));
        // A custom period inside 2025 narrows members and projects but not the year's help.
        var june = await admin.GetStringAsync("/alpha/admin/redgrid/reports?year=2025&period=custom&from=2025-06-01&to=2025-06-30");
        Assert.Equal(["合计", "0", "1", "30"], Cells(june, "projects", "total"));
        Assert.Equal(["合计", "¥1,000.00", "¥200.00", "3", "1"], Cells(june, "help", "total"));
        // A street's report: its communities as rows.
        var street1 = await admin.GetStringAsync("/alpha/admin/redgrid/reports?unit=D-01&year=2025");
        Assert.Equal(["五大门社区", "¥1,000.00", "¥0.00", "1", "1"], Cells(street1, "help", "D-01-01"));
        Assert.Equal(["五大门社区", "1", "1", "100%", "1", "1", "1.5"], Cells(street1, "reporting", "D-01-01"));
        Assert.Equal(["合计", "0", "1", "1", "2"], Cells(street1, "centres", "total"));

        // The workbook: a sheet per section, the same numbers, audited.
        var export = await admin.GetAsync("/alpha/admin/redgrid/reports/export?year=2025");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(["组织覆盖", "在职党员报到", "共建项目", "双结对帮扶", "党群服务中心"], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        List<IDictionary<string, object?>> Sheet(string name) => [.. new MemoryStream(bytes).Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];
        static decimal Number(object? value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        var help = Sheet("双结对帮扶");
        Assert.Equal(["D-01", "D-02", "D"], help.Select(r => (string)r["编码"]!));
        Assert.Equal([1000m, 0m, 1000m], help.Select(r => Number(r["帮扶资金（元）"])));
        Assert.Equal([0m, 200m, 200m], help.Select(r => Number(r["物资折价（元）"])));
        Assert.Equal([1m, 2m, 3m], help.Select(r => Number(r["解决问题"])));
        Assert.Equal([2m, 0m, 2m], Sheet("组织覆盖").Select(r => Number(r["网格数"])));
        Assert.Equal([1.5m, 0m, 1.5m], Sheet("在职党员报到").Select(r => Number(r["服务时长（小时）"])));
        Assert.Equal([1m, 0m, 1m], Sheet("共建项目").Select(r => Number(r["完成项目"])));
        Assert.Equal([2m, 1m, 4m], Sheet("党群服务中心").Select(r => Number(r["合计"])));
        Assert.Contains(await host.AuditAsync("alpha", "redgrid", "reports-export"), e => e.UserName == "admin");

        // English readers get English sheet names and headers.
        var english = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/alpha/admin/redgrid/reports/export?year=2025") { Headers = { { "Accept-Language", "en" } } });
        var englishBytes = await english.Content.ReadAsByteArrayAsync();
        Assert.Contains("Pairing help", MiniExcel.GetSheetNames(new MemoryStream(englishBytes)));
        Assert.Contains("Money (yuan)", new MemoryStream(englishBytes).Query(useHeaderRow: true, sheetName: "Pairing help").Cast<IDictionary<string, object?>>().First().Keys);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_street_admin_sees_only_its_street_and_others_are_refused(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await SeedAsync(host, "alpha", betaNoise: false);

        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var own = await street.GetStringAsync("/alpha/admin/redgrid/reports?year=2025");
        Assert.Equal(["东关社区", "¥0.00", "¥200.00", "2", "0"], Cells(own, "help", "D-02-01"));
        Assert.Equal(["合计", "¥0.00", "¥200.00", "2", "0"], Cells(own, "help", "total"));
        Assert.Equal(["合计", "0", "0", "1", "1"], Cells(own, "centres", "total"));
        Assert.DoesNotContain("东风街道", own, StringComparison.Ordinal);
        Assert.DoesNotContain("五大门社区", own, StringComparison.Ordinal);

        var refused = await street.GetAsync("/alpha/admin/redgrid/reports?unit=D-01&year=2025");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("不在您的管辖范围内", refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("redgrid-report-help", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync("/alpha/admin/redgrid/reports/export?unit=D-01&year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync("/alpha/admin/redgrid/reports?unit=X-99")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await street.GetAsync("/alpha/admin/redgrid/reports?year=twenty")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await street.GetAsync("/alpha/admin/redgrid/reports?period=custom&from=2025-02-01&to=2025-01-01")).StatusCode);

        var export = await street.GetAsync("/alpha/admin/redgrid/reports/export?year=2025");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var codes = new MemoryStream(await export.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true, sheetName: "双结对帮扶")
            .Cast<IDictionary<string, object?>>().Select(r => (string)r["编码"]!).ToList();
        Assert.Equal(["D-02-01", "D-02-P1", "D-02"], codes);
        Assert.Contains(await host.AuditAsync("alpha", "redgrid", "reports-export"), e => e.UserName == "street" && e.Subject == "D-02");

        // A grid worker holds View but not Reports; the menu shows the entry only to those who may open it.
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/admin/redgrid/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/alpha/admin/redgrid/reports/export")).StatusCode);
        Assert.Contains("admin/redgrid/reports\"", own, StringComparison.Ordinal);
    }

    /// <summary>The cells' texts of the row for <paramref name="unit"/> (or "total") in a section's table.</summary>
    private static string[] Cells(string html, string section, string unit)
    {
        var row = Parser.ParseDocument(html).QuerySelector($"table.redgrid-report-{section} tr[data-unit='{unit}']")
            ?? throw new Xunit.Sdk.XunitException($"No row {unit} in {section}.");
        return [.. row.Children.Select(c => c.TextContent.Trim())];
    }

    /// <summary>
    /// The small grid's figures: a branch and a grouped courtyard in D-01-01-01, an ungrouped courtyard in D-01-01-02;
    /// in-service members in D-01-01-01 (reported, a task done in 2025) and D-02-01; a project matched and completed in
    /// D-01-01 in 2025 and one matched in D-02-01 in 2026; pairing help in D-01-01 (2025 and 2026) and D-02-01 (2025);
    /// centres on D, D-01, D-01-01, D-02-01 and an inactive one on D-02. Beta's "noise" is a large help and more centres.
    /// </summary>
    private static async Task SeedAsync(TestHost host, string tenant, bool betaNoise)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var services = scope.ServiceProvider;
        var now = DateTime.UtcNow;
        ServiceCentre Centre(string code, CentreLevel level, string unit, bool active = true) => new()
        {
            Code = code,
            Name = code,
            Level = level,
            GridUnitCode = unit,
            Address = "x",
            Active = active,
            UpdatedUtc = now,
            Version = 1,
        };

        if (betaNoise)
        {
            var other = RedGridTestData.Organisation("beta-branch", OrganisationKind.GridBranch, "D-01-01-02");
            await RedGridTestData.SaveAsync(services, other, Centre("b1", CentreLevel.Street, "D-02"), Centre("b2", CentreLevel.Community, "D-01-02"));
            var pairing = new Pairing { Kind = PairingKind.BranchCommunity, OrganisationId = other.Id, GridUnitCode = "D-02-01", StartsOn = new(2025, 1, 1), CreatedUtc = now };
            await RedGridTestData.SaveAsync(services, pairing);
            await RedGridTestData.SaveAsync(services, new PairingHelp { PairingId = pairing.Id, Kind = HelpKind.Money, AmountFen = 99_999_900, Description = "x", GivenOn = new(2025, 5, 1), GridUnitCode = "D-02-01", RecordedBy = "t", RecordedUtc = now });
            return;
        }

        var yard = new Courtyard { GridUnitCode = "D-01-01-01", Name = "一号院", Households = 40, Active = true };
        var bare = new Courtyard { GridUnitCode = "D-01-01-02", Name = "二号院", Households = 30, Active = true };
        await RedGridTestData.SaveAsync(services, yard, bare);
        var branch = RedGridTestData.Organisation("branch-1", OrganisationKind.GridBranch, "D-01-01-01");
        await RedGridTestData.SaveAsync(services, branch, RedGridTestData.Organisation("group-1", OrganisationKind.CourtyardGroup, "D-01-01-01", yard.Id));

        var reported = MemberTestData.Member("王红", "D-01-01-01", MemberKind.InService);
        reported.ReportedUnitCode = "D-01-01";
        reported.ReportedOn = new DateOnly(2025, 3, 1);
        var away = MemberTestData.Member("李明", "D-02-01", MemberKind.InService);
        await RedGridTestData.SaveAsync(services, reported, away);
        await RedGridTestData.SaveAsync(services, new MemberTask
        {
            MemberId = reported.Id,
            GridUnitCode = "D-01-01",
            Title = "服务",
            CreatedUtc = new DateTime(2025, 4, 1, 2, 0, 0, DateTimeKind.Utc),
            CompletedUtc = new DateTime(2025, 4, 2, 2, 0, 0, DateTimeKind.Utc),
            Minutes = 90,
        });

        var resident = new ResidentUnit { Code = "u1", Name = "区财政局", Kind = default, GridUnitCode = "D-01", Active = true, UpdatedUtc = now, Version = 1 };
        await RedGridTestData.SaveAsync(services, resident);
        var venue = new UnitResource { ResidentUnitId = resident.Id, Type = ResourceType.Venue, Title = "会议室", Quantity = 1, GridUnitCode = "D-01", CreatedUtc = now, UpdatedUtc = now };
        var hands = new UnitResource { ResidentUnitId = resident.Id, Type = ResourceType.Volunteers, Title = "志愿者", Quantity = 5, GridUnitCode = "D-01", CreatedUtc = now, UpdatedUtc = now };
        var need = new CommunityNeed { GridUnitCode = "D-01-01", Type = ResourceType.Venue, Title = "活动场地", Status = NeedStatus.Closed, PublishedBy = "t", PublishedUtc = now, UpdatedUtc = now, Version = 1 };
        var need2 = new CommunityNeed { GridUnitCode = "D-02-01", Type = ResourceType.Volunteers, Title = "助老", Status = NeedStatus.Matched, PublishedBy = "t", PublishedUtc = now, UpdatedUtc = now, Version = 1 };
        await RedGridTestData.SaveAsync(services, venue, hands, need, need2);
        await RedGridTestData.SaveAsync(services,
            new Project
            {
                Title = "共建活动室",
                NeedId = need.Id,
                ResourceId = venue.Id,
                GridUnitCode = "D-01-01",
                Owner = "王",
                Status = ProjectStatus.Completed,
                CompletedOn = new DateOnly(2025, 6, 1),
                Beneficiaries = 30,
                CreatedBy = "t",
                CreatedUtc = new DateTime(2025, 5, 1, 4, 0, 0, DateTimeKind.Utc),
                UpdatedUtc = now,
                Version = 3,
            },
            new Project
            {
                Title = "助老志愿",
                NeedId = need2.Id,
                ResourceId = hands.Id,
                GridUnitCode = "D-02-01",
                Owner = "李",
                Status = ProjectStatus.InProgress,
                CreatedBy = "t",
                CreatedUtc = new DateTime(2026, 2, 1, 4, 0, 0, DateTimeKind.Utc),
                UpdatedUtc = now,
                Version = 2,
            });

        var first = new Pairing { Kind = PairingKind.BranchCommunity, OrganisationId = branch.Id, GridUnitCode = "D-01-01", StartsOn = new(2025, 1, 1), CreatedUtc = now };
        var second = new Pairing { Kind = PairingKind.MemberHousehold, MemberId = away.Id, Household = "赵大妈", GridUnitCode = "D-02-01", StartsOn = new(2025, 1, 1), CreatedUtc = now };
        await RedGridTestData.SaveAsync(services, first, second);
        PairingHelp Help(Pairing p, HelpKind kind, long fen, int problems, DateOnly on) =>
            new() { PairingId = p.Id, Kind = kind, AmountFen = fen, Problems = problems, Description = "x", GivenOn = on, GridUnitCode = p.GridUnitCode, RecordedBy = "t", RecordedUtc = now };
        await RedGridTestData.SaveAsync(services,
            Help(first, HelpKind.Money, 100_000, 0, new(2025, 3, 1)),
            Help(first, HelpKind.Visit, 0, 1, new(2025, 12, 31)),
            Help(first, HelpKind.Money, 50_000, 0, new(2026, 1, 1)),
            Help(second, HelpKind.Goods, 20_000, 2, new(2025, 7, 1)));

        await RedGridTestData.SaveAsync(services,
            Centre("c-d", CentreLevel.District, "D"), Centre("c-01", CentreLevel.Street, "D-01"), Centre("c-01-01", CentreLevel.Community, "D-01-01"),
            Centre("c-02-01", CentreLevel.Community, "D-02-01"), Centre("c-02-old", CentreLevel.Street, "D-02", active: false));
    }
}
