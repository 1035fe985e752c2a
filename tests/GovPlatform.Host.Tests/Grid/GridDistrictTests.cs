using System.Net;
using System.Net.Http.Json;
using GovPlatform.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identity.Services;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Grid;

/// <summary>The districts' own grids, from their recipes, and the issue's walk-through on 万源.</summary>
public sealed class GridDistrictTests
{
    [Theory]
    [InlineData("zhanqian", 4, 279)]
    [InlineData("lianhu", 4, 364)]
    [InlineData("wanyuan", 4, 364)]
    [InlineData("yuexiu", 4, 671)]
    public async Task Each_district_starts_with_its_own_hierarchy_and_its_rules_hold(string tenant, int gridLevel, int grids)
    {
        await using var host = new TestHost().WithRepositoryTenants();
        host.Start();
        await using var scope = await host.ScopeAsync(tenant);
        var directory = scope.ServiceProvider.GetRequiredService<GovPlatform.Grid.Services.GridDirectory>();
        var tree = await directory.TreeAsync();
        Assert.Equal(grids, tree.PreOrder.Count(n => n.Depth == gridLevel && n.Unit.Kind == GridUnitKind.Territorial));
        Assert.Single(tree.Roots);
        var findings = await scope.ServiceProvider.GetRequiredService<GovPlatform.Grid.Services.GridRuleRunner>().ReportAsync(tree, default);
        Assert.Empty(findings);

        // Every grid of the district is found from a point inside it.
        var sample = tree.PreOrder.Where(n => n.Depth == gridLevel).Take(20).ToList();
        foreach (var grid in sample)
        {
            var inside = grid.Boundary!.InteriorPoint;
            Assert.Equal(grid.Code, (await directory.LocateAsync(inside.X, inside.Y))?.Code);
        }
    }

    [Fact]
    public async Task Wanyuan_imports_micro_grids_sees_the_overlap_with_its_area_fixes_it_and_community_staff_see_only_their_community()
    {
        await using var host = new TestHost().WithRepositoryTenants();
        host.Start();
        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            Assert.True((await accounts.CreateAsync("admin", "admin@wanyuan.example.cn", "管理员", null, IdentityTestSupport.AdminPassword, ["Administrator"])).Result.Succeeded);
            Assert.True((await accounts.CreateAsync("miaogou", "miaogou@wanyuan.example.cn", "庙沟社区", null, GridTestData.StaffPassword, ["CommunityStaff"], ["511781-01-001"])).Result.Succeeded);
        }

        var admin = await host.SignedInAsync("wanyuan", "admin", IdentityTestSupport.AdminPassword);
        var samples = Path.Combine(TestHost.RepositoryRoot(), "tenants", "wanyuan", "samples");
        var refused = await ImportAsync(admin, "micro-grids.geojson", await File.ReadAllTextAsync(Path.Combine(samples, "micro-grids.geojson")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var report = await refused.Content.ReadAsStringAsync();
        Assert.Contains("511781-01-001-01-03", report, StringComparison.Ordinal);
        Assert.Contains("511781-01-001-01-04", report, StringComparison.Ordinal);
        Assert.Contains("finding-overlap", report, StringComparison.Ordinal);
        Assert.Matches(@"<td class=""num"">3,[56]\d\d</td>", report);

        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IGridDirectory>().FindAsync("511781-01-001-01-01"));
        }

        var fixedFile = await ImportAsync(admin, "micro-grids-fixed.geojson", await File.ReadAllTextAsync(Path.Combine(samples, "micro-grids-fixed.geojson")));
        Assert.Equal(HttpStatusCode.OK, fixedFile.StatusCode);
        await using (var scope = await host.ScopeAsync("wanyuan"))
        {
            var grid = scope.ServiceProvider.GetRequiredService<IGridDirectory>();
            Assert.Equal(4, (await grid.GetChildrenAsync("511781-01-001-01")).Count);
            Assert.Equal(5, (await grid.GetLevelsAsync()).Count);
        }

        var rules = await admin.GetStringAsync("/wanyuan/admin/grid/rules?culture=en");
        Assert.DoesNotContain("finding-overlap\"", rules.Replace("<i class=\"finding-overlap\"", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var staff = await host.SignedInAsync("wanyuan", "miaogou", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/wanyuan/admin/grid/units/511781-01-001-01-03")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/wanyuan/admin/grid/units/511781-01-002")).StatusCode);
        var home = await staff.GetStringAsync("/wanyuan/admin/grid");
        Assert.Contains("511781-01-001-01", home, StringComparison.Ordinal);
        Assert.DoesNotContain("511781-01-002", home, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string fileName, string content) =>
        GridTestData.ImportAsync(client, "wanyuan", "units", fileName, System.Text.Encoding.UTF8.GetBytes(content));
}
