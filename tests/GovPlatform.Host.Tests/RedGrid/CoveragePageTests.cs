using System.Net;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;
using MiniExcelLibs;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>The coverage page over HTTP: the figures per child, drill-down, the gap lists, 403 outside the reader's scope, the audited export.</summary>
public sealed class CoveragePageTests
{
    internal static async Task SeedAsync(TestHost host)
    {
        await using var scope = await host.ScopeAsync("alpha");
        var yards = new[]
        {
            new Courtyard { GridUnitCode = "D-01-01-01", Name = "红旗院", Buildings = 3, Households = 90, Active = true },
            new Courtyard { GridUnitCode = "D-01-01-01", Name = "幸福院", Buildings = 2, Households = 60, Active = true },
            new Courtyard { GridUnitCode = "D-01-01-02", Name = "光明院", Buildings = 4, Households = 120, Active = true },
        };
        await RedGridTestData.SaveAsync(scope.ServiceProvider, yards);
        await RedGridTestData.SaveAsync(scope.ServiceProvider,
            RedGridTestData.Organisation("d-01-01-01-zb", OrganisationKind.GridBranch, "D-01-01-01"),
            RedGridTestData.Organisation("d-01-01-01-y1", OrganisationKind.CourtyardGroup, "D-01-01-01", yards[0].Id),
            RedGridTestData.Organisation("d-01-01-01-h1", OrganisationKind.MemberHousehold, "D-01-01-01", yards[1].Id));
    }

    [Fact]
    public async Task The_page_shows_each_childs_figures_links_down_lists_the_gaps_and_refuses_a_unit_outside_scope()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        await SeedAsync(host);

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var district = await admin.GetStringAsync("/alpha/admin/redgrid");
        Assert.Contains("示范区 组织覆盖", district, StringComparison.Ordinal);
        Assert.Contains("2 个网格中 1 个建有网格党支部（50%）", district, StringComparison.Ordinal);
        Assert.Contains("3 个楼院中 1 个建有党小组（33.3%）", district, StringComparison.Ordinal);
        Assert.Contains("admin/redgrid?unit=D-01\"", district, StringComparison.Ordinal);
        Assert.Contains("D-01-01-02</a> 第二网格", district, StringComparison.Ordinal);
        Assert.Contains("幸福院", district, StringComparison.Ordinal);
        Assert.Contains("光明院", district, StringComparison.Ordinal);
        Assert.DoesNotContain("红旗院", district, StringComparison.Ordinal);

        // street1 (D-01) starts at their street; street (D-02) may not open D-01.
        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        var own = await street1.GetStringAsync("/alpha/admin/redgrid");
        Assert.Contains("东风街道 组织覆盖", own, StringComparison.Ordinal);
        Assert.Contains("admin/redgrid?unit=D-01-01\"", own, StringComparison.Ordinal);
        Assert.DoesNotContain("建设街道", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await street1.GetAsync("/alpha/admin/redgrid?unit=D")).StatusCode);
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync("/alpha/admin/redgrid?unit=D-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync("/alpha/admin/redgrid/coverage.xlsx?unit=D-01-01")).StatusCode);
        Assert.Contains("0 个网格中 0 个", await street.GetStringAsync("/alpha/admin/redgrid"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/alpha/admin/redgrid?unit=NOPE")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await host.Client().GetAsync("/alpha/admin/redgrid")).StatusCode);
    }

    [Fact]
    public async Task The_export_has_the_pages_figures_and_gaps_and_is_audited()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        await SeedAsync(host);
        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        var response = await street1.GetAsync("/alpha/admin/redgrid/coverage.xlsx?unit=D-01-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["覆盖情况", "未建支部的网格", "未建小组的楼院"], workbook.GetSheetNames());
        var rows = workbook.Query(useHeaderRow: true, sheetName: "覆盖情况").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["D-01-01-01", "D-01-01-02", "D-01-01"], rows.Select(r => (string)r["编码"]));
        Assert.Equal((1.0, 1.0, 100.0, 2.0, 1.0, 50.0, 1.0), (Convert.ToDouble(rows[0]["网格数"]), Convert.ToDouble(rows[0]["已建支部"]), Convert.ToDouble(rows[0]["支部覆盖率"]),
            Convert.ToDouble(rows[0]["楼院数"]), Convert.ToDouble(rows[0]["已建小组"]), Convert.ToDouble(rows[0]["小组覆盖率"]), Convert.ToDouble(rows[0]["党员中心户"])));
        Assert.Equal((2.0, 1.0, 3.0, 1.0), (Convert.ToDouble(rows[2]["网格数"]), Convert.ToDouble(rows[2]["已建支部"]), Convert.ToDouble(rows[2]["楼院数"]), Convert.ToDouble(rows[2]["已建小组"])));
        workbook.Position = 0;
        var yards = workbook.Query(useHeaderRow: true, sheetName: "未建小组的楼院").Cast<IDictionary<string, object>>().Select(r => (string)r["楼院"]).ToList();
        Assert.Equal(["幸福院", "光明院"], yards);
        Assert.Contains(await host.AuditAsync("alpha", "redgrid"), e => e.Action == "coverage-export" && e.Subject == "D-01-01");
    }
}
