using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identity.Services;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// The walk-through on 站前 with its own recipe (279 grids, their branches and courtyard groups, 175 resident
/// units, the community needs and 双结对 pairings): the district admin sees every grid's branch coverage; 五大门社区's staff
/// register a resident unit's resource, publish the community's need, are offered the resource and match it into a
/// project that is carried out; the street pairs an agency branch with the community and records its help; the year's
/// report shows the project and the help on top of what the recipe brought. Everything through the rendered forms.
/// </summary>
public sealed class ZhanqianWalkThroughTests
{
    private const string Password = "Zhanqian-pass-2026";
    private const string Community = "210802-01-001";   // 五大门社区, 八田地街道
    private const string Street = "210802-01";
    private const string UnitCode = "zq-ru-041";         // 五大门第1幼儿园（虚构）, a resident unit of 五大门
    private const string AgencyBranch = "zq-ru-001-zb";  // the party branch of 区应急局机关（虚构）

    [Fact]
    public async Task A_newcomer_sees_coverage_registers_a_resource_matches_a_need_into_a_project_and_finds_the_help_in_the_years_report()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8)));   // a Monday
        await using var host = new TestHost().WithRepositoryTenants().WithClock(clock);
        host.Start();

        // What the district's own files say: every grid, which have a grid party branch, and the help the recipe's
        // pairings in 五大门 gave this year.
        var geo = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(host.TenantsPath, "zhanqian", "grid.geojson"))).RootElement;
        var grids = geo.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .Where(p => p.GetProperty("level").GetInt32() == 4)
            .ToDictionary(p => p.GetProperty("code").GetString()!, p => p.GetProperty("name").GetString()!);
        var data = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(host.TenantsPath, "zhanqian", "redgrid.json"))).RootElement;
        var branched = data.GetProperty("organisations").EnumerateArray()
            .Where(o => o.GetProperty("kind").GetString() == "GridBranch")
            .Select(o => o.GetProperty("gridUnit").GetString()!).Where(grids.ContainsKey).ToHashSet();
        var recipeHelp = data.GetProperty("pairings").EnumerateArray()
            .Where(p => p.GetProperty("gridUnit").GetString()!.StartsWith(Community, StringComparison.Ordinal))
            .SelectMany(p => p.GetProperty("help").EnumerateArray())
            .Where(h => h.GetProperty("givenOn").GetString()!.StartsWith("2026", StringComparison.Ordinal))
            .ToList();
        var recipeMoney = recipeHelp.Where(h => h.GetProperty("kind").GetString() == "Money").Sum(h => h.GetProperty("amount").GetDecimal());
        var recipeProblems = recipeHelp.Sum(h => h.TryGetProperty("problems", out var n) ? n.GetInt32() : 0);
        Assert.Equal(279, grids.Count);

        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await Create(accounts, "admin", "Administrator", null);
            await Create(accounts, "shequ", "CommunityStaff", Community);
            await Create(accounts, "jiedao", "StreetAdmin", Street);
        }

        // 1. Every grid's branch coverage: the district's totals, the grids without a branch, and each grid of a
        // community on its own row.
        var admin = await host.SignedInAsync("zhanqian", "admin", Password);
        var coverage = new HtmlParser().ParseDocument(await PageAsync(admin, "/zhanqian/admin/redgrid"));
        var total = coverage.QuerySelector("table.gp-table tfoot tr")!.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(grids.Count.ToString(CultureInfo.InvariantCulture), total[1]);
        Assert.Equal(branched.Count.ToString(CultureInfo.InvariantCulture), total[2]);
        var gaps = coverage.QuerySelectorAll("#grids + ul.redgrid-gaps li a").Select(a => a.TextContent.Trim()).Order(StringComparer.Ordinal);
        Assert.Equal(grids.Keys.Where(g => !branched.Contains(g)).Order(StringComparer.Ordinal), gaps);
        var community = new HtmlParser().ParseDocument(await PageAsync(admin, $"/zhanqian/admin/redgrid?unit={Community}"));
        var rows = community.QuerySelectorAll("table.gp-table tbody tr").ToList();
        var ownGrids = grids.Keys.Where(g => g.StartsWith(Community + "-", StringComparison.Ordinal)).ToList();
        Assert.Equal(ownGrids.Count, rows.Count);
        foreach (var grid in ownGrids)
        {
            var row = rows.Single(r => r.TextContent.Contains(grids[grid], StringComparison.Ordinal));
            Assert.Equal(branched.Contains(grid) ? "1" : "0", row.Children[2].TextContent.Trim());
        }

        // 2. The community's staff register a resource of one of the community's resident units.
        var shequ = await host.SignedInAsync("zhanqian", "shequ", Password);
        long unitId;
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(175, await db.Set<ResidentUnit>().CountAsync());
            unitId = (await db.Set<ResidentUnit>().AsNoTracking().SingleAsync(u => u.Code == UnitCode)).Id;
        }

        var unitPath = $"/zhanqian/admin/redgrid/units/{unitId}";
        Assert.Contains(UnitCode, await PageAsync(shequ, "/zhanqian/admin/redgrid/units"), StringComparison.Ordinal);
        var registered = await HtmlForms.SubmitAsync(shequ, unitPath, $"/units/{unitId}/resources",
            ("Type", nameof(ResourceType.Venue)), ("Title", "幼儿园多功能厅"), ("Description", "周末和晚上可供社区使用"), ("Quantity", "120"), ("Unit", "座"), ("Available", "true"));
        Assert.True(registered.StatusCode == HttpStatusCode.Redirect, await registered.Content.ReadAsStringAsync());
        Assert.Contains("幼儿园多功能厅", await PageAsync(shequ, unitPath), StringComparison.Ordinal);

        // 3. The community publishes a need; the need's page offers the new resource, which they match into a project.
        var published = await HtmlForms.SubmitAsync(shequ, "/zhanqian/admin/redgrid/needs/new", "/needs/new",
            ("GridUnit", Community), ("Type", nameof(ResourceType.Venue)), ("Title", "老年合唱团排练场地"), ("Description", "每周六上午排练，约六十人。"));
        Assert.True(published.StatusCode == HttpStatusCode.Redirect, await published.Content.ReadAsStringAsync());
        var needPath = published.Headers.Location!.OriginalString.Split('?')[0];
        var needPage = new HtmlParser().ParseDocument(await PageAsync(shequ, needPath));
        var offered = needPage.QuerySelectorAll("table.redgrid-suggestions tbody tr")
            .Single(r => r.TextContent.Contains("幼儿园多功能厅", StringComparison.Ordinal));
        Assert.Contains("五大门第1幼儿园", offered.TextContent, StringComparison.Ordinal);
        var resourceId = offered.QuerySelector("input[name=ResourceId]")!.GetAttribute("value")!;
        var matched = await HtmlForms.SubmitAsync(shequ, needPath, "/match",
            ("ResourceId", resourceId), ("Title", "幼儿园多功能厅借给老年合唱团"), ("Owner", "五大门社区党委"), ("StartsOn", "2026-12-07"));
        Assert.True(matched.StatusCode == HttpStatusCode.Redirect, await matched.Content.ReadAsStringAsync());

        // The project is started and, a week later, completed with its outcome; it shows on the public site.
        var started = await HtmlForms.SubmitAsync(shequ, needPath, "/start");
        Assert.True(started.StatusCode == HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());
        clock.Advance(TimeSpan.FromDays(7));
        var completed = await HtmlForms.SubmitAsync(shequ, needPath, "/complete",
            ("Outcome", "合唱团每周六在多功能厅排练，参加了街道新年演出。"), ("Beneficiaries", "60"), ("CompletedOn", "2026-12-14"));
        Assert.True(completed.StatusCode == HttpStatusCode.Redirect, await completed.Content.ReadAsStringAsync());
        var results = await host.Client().GetStringAsync("/zhanqian/redgrid/projects");
        Assert.Contains("幼儿园多功能厅借给老年合唱团", results, StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            var project = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Project>().AsNoTracking()
                .SingleAsync(p => p.Title == "幼儿园多功能厅借给老年合唱团");
            Assert.Equal(ProjectStatus.Completed, project.Status);
            Assert.Equal(long.Parse(resourceId, CultureInfo.InvariantCulture), project.ResourceId);
        }

        // 4. The street pairs the emergency bureau's branch with 五大门 and records the help it gave.
        var jiedao = await host.SignedInAsync("zhanqian", "jiedao", Password);
        var paired = await HtmlForms.SubmitAsync(jiedao, "/zhanqian/admin/redgrid/pairings/new", "/pairings/new",
            ("Kind", nameof(PairingKind.BranchCommunity)), ("Organisation", AgencyBranch), ("GridUnit", Community), ("StartsOn", "2026-12-01"));
        Assert.True(paired.StatusCode == HttpStatusCode.Redirect, await paired.Content.ReadAsStringAsync());
        var pairingPath = paired.Headers.Location!.OriginalString.Split('?')[0];
        var money = await HtmlForms.SubmitAsync(jiedao, pairingPath, "/help",
            ("Kind", nameof(HelpKind.Money)), ("Amount", "8000"), ("Problems", "0"), ("Description", "冬季困难家庭慰问金"), ("GivenOn", "2026-12-10"));
        Assert.True(money.StatusCode == HttpStatusCode.Redirect, await money.Content.ReadAsStringAsync());
        var problems = await HtmlForms.SubmitAsync(jiedao, pairingPath, "/help",
            ("Kind", nameof(HelpKind.Problem)), ("Amount", ""), ("Problems", "3"), ("Description", "修好了3个楼院的路灯"), ("GivenOn", "2026-12-12"));
        Assert.True(problems.StatusCode == HttpStatusCode.Redirect, await problems.Content.ReadAsStringAsync());

        // 5. The year's report for the street: 五大门's row has the project matched and completed, and the year's help —
        // what the recipe's pairings gave in 2026 plus today's.
        var report = new HtmlParser().ParseDocument(await PageAsync(jiedao, $"/zhanqian/admin/redgrid/reports?unit={Street}&year=2026"));
        var projectsRow = Cells(report.QuerySelector($"table.redgrid-report-projects tr[data-unit='{Community}']")!);
        Assert.Equal(["1", "1", "60"], projectsRow.Skip(1));
        var helpRow = Cells(report.QuerySelector($"table.redgrid-report-help tr[data-unit='{Community}']")!);
        Assert.Equal(Yuan(recipeMoney + 8000), helpRow[1]);
        Assert.Equal((recipeProblems + 3).ToString(CultureInfo.InvariantCulture), helpRow[3]);
        var helpTotal = Cells(report.QuerySelector("table.redgrid-report-help tr[data-unit='total']")!);
        Assert.True(decimal.Parse(helpTotal[1].TrimStart('¥').Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) >= recipeMoney + 8000);

        // The same figures in last year's report leave today's help out.
        var lastYear = new HtmlParser().ParseDocument(await PageAsync(jiedao, $"/zhanqian/admin/redgrid/reports?unit={Street}&year=2025"));
        Assert.NotEqual(Yuan(recipeMoney + 8000), Cells(lastYear.QuerySelector($"table.redgrid-report-help tr[data-unit='{Community}']")!)[1]);

        // The workbook carries the same help row.
        var export = await jiedao.GetAsync($"/zhanqian/admin/redgrid/reports/export?unit={Street}&year=2026");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
    }

    private static List<string> Cells(AngleSharp.Dom.IElement row) => [.. row.Children.Select(c => c.TextContent.Trim())];

    private static string Yuan(decimal yuan) => "¥" + yuan.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static async Task Create(UserAccounts accounts, string userName, string role, string? unit)
    {
        var (result, _) = await accounts.CreateAsync(userName, $"{userName}@zhanqian.example.cn", userName, null, Password, [role], unit is null ? null : [unit]);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
