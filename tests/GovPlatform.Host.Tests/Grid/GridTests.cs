using System.Net;
using System.Net.Http.Json;
using GovPlatform.Grid;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Services;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Grid.GridTestData;

namespace GovPlatform.Host.Tests.Grid;

/// <summary>The grid module in a running host: recipe, queries, rules on edits, moves, levels, import, scope, public page.</summary>
public sealed class GridTests
{
    [Fact]
    public async Task The_recipe_builds_the_hierarchy_that_other_modules_query()
    {
        await using var host = new TestHost().WithGridTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var grid = scope.ServiceProvider.GetRequiredService<IGridDirectory>();

        Assert.Equal(["区", "街道", "社区", "网格"], (await grid.GetLevelsAsync()).Select(l => l.Name.Chinese));
        Assert.Equal(["D", "D-01", "D-01-01"], (await grid.GetAncestorsAsync("D-01-01-01")).Select(u => u.Code));
        Assert.Equal(["D-01", "D-01-01", "D-01-01-01", "D-01-01-02", "D-01-02"], (await grid.GetSubtreeAsync("D-01")).Select(u => u.Code));
        Assert.Equal(["D-02-01", "D-02-P1"], (await grid.GetChildrenAsync("D-02")).Select(u => u.Code));
        Assert.True(await grid.IsWithinAsync("D", "D-01-01-02"));
        Assert.False(await grid.IsWithinAsync("D-02", "D-01-01-02"));

        // A point is routed to the deepest territorial unit that contains it; the professional grid never is.
        Assert.Equal("D-01-01-01", (await grid.LocateAsync(X(0.5), Y(0.5)))?.Code);
        Assert.Equal("D-01-01-02", (await grid.LocateAsync(X(1.5), Y(0.5)))?.Code);
        Assert.Equal("D-01-02", (await grid.LocateAsync(X(1), Y(1.5)))?.Code);
        Assert.Equal("D-02-01", (await grid.LocateAsync(X(3), Y(1)))?.Code);
        Assert.Null(await grid.LocateAsync(X(5), Y(1)));

        var streets = await grid.RollUpAsync(2);
        var west = streets.Single(r => r.Unit.Code == "D-01");
        Assert.Equal(400 + 350 + 900, west.Households);
        Assert.Equal(2, west.Units[3]);
        Assert.Equal(2, west.Units[4]);
        Assert.Equal(3, west.Workers);
        Assert.Equal(1, streets.Single(r => r.Unit.Code == "D-02").Workers);

        var leader = (await scope.ServiceProvider.GetRequiredService<GridQueries>().PostsOfUnitAsync(
            (await scope.ServiceProvider.GetRequiredService<GridDirectory>().TreeAsync()).Find("D-01-01")!, default)).Single();
        Assert.Equal(("王建国", GridRole.Leader), (leader.WorkerName, leader.Role));
    }

    [Fact]
    public async Task An_edit_that_breaks_a_rule_is_refused_with_the_area_and_nothing_is_saved()
    {
        await using var host = new TestHost().WithGridTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var editor = scope.ServiceProvider.GetRequiredService<GridUnitEditor>();
        var grid = scope.ServiceProvider.GetRequiredService<IGridDirectory>();

        // A third grid in D-01-01 that takes half a cell of D-01-01-02: refused, with the overlap's area (~0.5 km²).
        var overlapping = new GridUnitEdit { Code = "D-01-01-03", Name = "第三网格", Level = 4, ParentCode = "D-01-01", Households = 300, Boundary = Box(1.5, 0, 2, 1) };
        var refused = await editor.CreateAsync(overlapping);
        Assert.False(refused.Succeeded);
        var overlap = Assert.Single(refused.Findings, f => f.Kind == GridFindingKind.Overlap);
        Assert.Equal(("D-01-01-02", "D-01-01-03"), (overlap.UnitCode, overlap.OtherCode));
        Assert.InRange(overlap.AreaSquareMeters, 0.5 * 1023 * 1106 * 0.98, 0.5 * 1023 * 1106 * 1.02);
        Assert.Null(await grid.FindAsync("D-01-01-03"));

        // Poking out of the parent by 0.3 m is inside the 1 m tolerance; by 30 m it is not.
        var slightly = new GridUnitEdit { Code = "D-01-02-01", Name = "北一网格", Level = 4, ParentCode = "D-01-02", Households = 320, Boundary = Box(0, 1, 1, 2.00027) };
        Assert.True((await editor.CreateAsync(slightly)).Succeeded, "0.3 m out is within tolerance");
        var outside = new GridUnitEdit { Code = "D-01-02-02", Name = "北二网格", Level = 4, ParentCode = "D-01-02", Households = 320, Boundary = Box(1, 1, 2, 2.027) };
        var result = await editor.CreateAsync(outside);
        Assert.Contains(result.Findings, f => f.Kind == GridFindingKind.OutsideParent && f.UnitCode == "D-01-02-02" && f.AreaSquareMeters > 20_000);
        Assert.Null(await grid.FindAsync("D-01-02-02"));

        // Households outside the level's range are a warning: saved, and reported.
        var small = new GridUnitEdit { Code = "D-01-02-02", Name = "北二网格", Level = 4, ParentCode = "D-01-02", Households = 120, Boundary = Box(1, 1, 2, 2) };
        var warned = await editor.CreateAsync(small);
        Assert.True(warned.Succeeded);
        Assert.Contains(warned.Findings, f => f.Kind == GridFindingKind.TooFewHouseholds && f.Severity == GridFindingSeverity.Warning);
        Assert.NotNull(await grid.FindAsync("D-01-02-02"));
    }

    [Fact]
    public async Task Moving_a_subtree_recodes_it_and_its_former_codes_still_find_it_and_its_records()
    {
        await using var host = new TestHost().WithGridTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/alpha/test-records", new[] { "D-01-01-02", "D-02-01" })).StatusCode);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var editor = scope.ServiceProvider.GetRequiredService<GridUnitEditor>();

            // Its boundary lies outside the new parent: refused.
            var refused = await editor.MoveAsync("D-01-01-02", "D-01-02", null, "test");
            Assert.False(refused.Succeeded);
            Assert.Contains(refused.Findings, f => f.Kind == GridFindingKind.OutsideParent);

            // Without a boundary the move goes through, and the code follows the new parent.
            var tree = await scope.ServiceProvider.GetRequiredService<GridDirectory>().TreeAsync();
            var unit = tree.Find("D-01-01-02")!;
            var edit = new GridUnitEdit { Name = unit.Unit.Name, Level = 4, Households = 350, Version = unit.Unit.Version };
            Assert.True((await editor.UpdateAsync("D-01-01-02", edit)).Succeeded);
            var moved = await editor.MoveAsync("D-01-01-02", "D-01-02", null, "boundary redrawn");
            Assert.True(moved.Succeeded, string.Join(" ", moved.Errors.Values));
        }

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var grid = scope.ServiceProvider.GetRequiredService<IGridDirectory>();
            Assert.Equal("D-01-02-02", (await grid.FindAsync("D-01-01-02"))?.Code);
            Assert.Equal("D-01-02", (await grid.FindAsync("D-01-02-02"))?.ParentCode);
            Assert.True(await grid.IsWithinAsync("D-01-02", "D-01-01-02"));
            Assert.False(await grid.IsWithinAsync("D-01-01", "D-01-02-02"));

            // Every stored path is its parent's path and its own id, after the recipe's import and the move alike.
            var units = await scope.ServiceProvider.GetRequiredService<GovPlatform.Data.TenantDbContext>().Set<GridUnit>().ToDictionaryAsync(u => u.Id);
            Assert.All(units.Values, u => Assert.Equal((u.ParentId is { } p ? units[p].Path : "/") + u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/", u.Path));
        }

        // A record filed under the old code is seen by the staff of its new community, not of its old one.
        await using var scope2 = await host.ScopeAsync("alpha");
        var accounts = scope2.ServiceProvider.GetRequiredService<GovPlatform.Identity.Services.UserAccounts>();
        var users = scope2.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<GovPlatform.Identity.Models.GovUser>>();
        var staff = (await users.FindByNameAsync("staff"))!;
        var typo = await accounts.SetGridUnitsAsync(staff, ["D-01-2"]);
        Assert.False(typo.Succeeded);
        Assert.Contains("D-01-2", typo.Errors.Single().Description, StringComparison.Ordinal);
        Assert.True((await accounts.SetGridUnitsAsync(staff, ["D-01-01-02"])).Succeeded, "a former code still names its unit");
        Assert.True((await accounts.SetGridUnitsAsync(staff, ["D-01-02"])).Succeeded);
        var client = await host.SignedInAsync("alpha", "staff", StaffPassword);
        Assert.Equal(["D-01-01-02"], (await client.GetFromJsonAsync<string[]>("/alpha/test-records"))!);
        Assert.Contains(await host.AuditAsync("alpha", "grid", "move-unit"), e => e.Subject == "D-01-01-02");
    }

    [Fact]
    public async Task Levels_in_use_cannot_be_removed_nor_reordered_above_their_parents_but_can_be_renamed()
    {
        await using var host = new TestHost().WithGridTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var editor = scope.ServiceProvider.GetRequiredService<GridLevelsEditor>();
        var levels = (await scope.ServiceProvider.GetRequiredService<GridDirectory>().TreeAsync()).LevelEntities;
        GridLevelEdit Edit(GridLevel l, string? name = null) => new(l.Id, name ?? l.Name, l.EnglishName, l.MinHouseholds, l.MaxHouseholds);

        var removed = await editor.SaveAsync([.. levels.Take(3).Select(l => Edit(l))]);
        Assert.False(removed.Succeeded);
        Assert.Contains("2", string.Join(" ", removed.Errors.Values), StringComparison.Ordinal);

        var swapped = await editor.SaveAsync([Edit(levels[0]), Edit(levels[2]), Edit(levels[1]), Edit(levels[3])]);
        Assert.False(swapped.Succeeded);

        var renamed = await editor.SaveAsync([Edit(levels[0]), Edit(levels[1], "街道办"), Edit(levels[2]), Edit(levels[3]), new GridLevelEdit(null, "微网格", "Micro-grid", 20, 80)]);
        Assert.True(renamed.Succeeded, string.Join(" ", renamed.Errors.Values));
        var after = await scope.ServiceProvider.GetRequiredService<IGridDirectory>().GetLevelsAsync();
        Assert.Equal(["区", "街道办", "社区", "网格", "微网格"], after.Select(l => l.Name.Chinese));
        Assert.Equal((20, 80), (after[4].MinHouseholds, after[4].MaxHouseholds));
    }

    [Fact]
    public async Task An_import_with_a_bad_row_changes_nothing_and_names_the_row_then_the_corrected_file_is_applied()
    {
        await using var host = new TestHost().WithGridTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        const string Bad = "code,name,level,parent,households\nD-02-01-01,东一网格,4,D-02-01,320\nD-02-01-02,东二网格,4,D-02-09,330\nD-02-01-03,,4,D-02-01,310\n";
        // A form posted without its antiforgery token is refused before anything is read.
        using (var forged = new MultipartFormDataContent { { new StringContent("units"), "kind" }, { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Bad)), "file", "units.csv" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/alpha/admin/grid/import", forged)).StatusCode);
        }

        var refused = await ImportAsync(admin, "units", "units.csv", Bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<td>3</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>4</td>", page, StringComparison.Ordinal);
        Assert.Contains("D-02-09", page, StringComparison.Ordinal);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IGridDirectory>().FindAsync("D-02-01-01"));
        }

        var good = Bad.Replace("D-02-09", "D-02-01", StringComparison.Ordinal).Replace(",,4", ",东三网格,4", StringComparison.Ordinal);
        var applied = await ImportAsync(admin, "units", "units.csv", good);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var grid = scope.ServiceProvider.GetRequiredService<IGridDirectory>();
            Assert.Equal(3, (await grid.GetChildrenAsync("D-02-01")).Count);
        }

        Assert.Contains(await host.AuditAsync("alpha", "grid", "import-units"), e => e.Subject == "units.csv");
    }

    [Fact]
    public async Task A_scoped_staff_user_sees_and_acts_only_within_their_subtree()
    {
        await using var host = new TestHost().WithGridTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        await admin.PostAsJsonAsync("/alpha/test-records", new[] { "D-01-01", "D-01-01-01", "D-01-02", "D-02-01", "" });

        // The unit page sums its subtree: three people in post below 东风街道, 1,650 households.
        var westPage = await admin.GetStringAsync("/alpha/admin/grid/units/D-01");
        Assert.Contains("<dt>在岗人员</dt><dd>3</dd>", westPage, StringComparison.Ordinal);
        Assert.Contains("1,650", westPage, StringComparison.Ordinal);

        var staff = await host.SignedInAsync("alpha", "staff", StaffPassword);
        Assert.Equal(["D-01-01", "D-01-01-01"], (await staff.GetFromJsonAsync<string[]>("/alpha/test-records"))!);
        Assert.Equal(5, (await admin.GetFromJsonAsync<string?[]>("/alpha/test-records"))!.Length);

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/alpha/admin/grid/units/D-01-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/alpha/admin/grid/units/D-02-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/alpha/admin/grid/units/D-01")).StatusCode);
        var home = await staff.GetStringAsync("/alpha/admin/grid?q=%E7%A4%BE%E5%8C%BA");
        Assert.Contains("D-01-01", home, StringComparison.Ordinal);
        Assert.DoesNotContain("D-02-01", home, StringComparison.Ordinal);
        var workers = await staff.GetStringAsync("/alpha/admin/grid/workers");
        Assert.Contains("李秀英", workers, StringComparison.Ordinal);
        Assert.DoesNotContain("刘洋", workers, StringComparison.Ordinal);

        // Community staff may not edit units (no Grid.Manage); a street admin may, inside its street only.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/alpha/admin/grid/units/D-01-01-01/edit")).StatusCode);
        var street = await host.SignedInAsync("alpha", "street", StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await street.GetAsync("/alpha/admin/grid/units/D-02-01/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync("/alpha/admin/grid/units/D-01-01/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync("/alpha/admin/grid/levels")).StatusCode);
    }

    [Fact]
    public async Task The_public_page_finds_a_grid_and_its_people_by_point_or_by_choice_and_tenants_do_not_share_grids()
    {
        await using var host = new TestHost().WithGridTenant("alpha").WithGridTenant("beta", shift: 1.0);
        host.Start();
        var client = host.Client();

        var byPoint = await client.GetStringAsync($"/alpha/grid?longitude={Invariant(X(0.5))}&latitude={Invariant(Y(0.5))}");
        Assert.Contains("第一网格", byPoint, StringComparison.Ordinal);
        Assert.Contains("李秀英", byPoint, StringComparison.Ordinal);
        Assert.Contains("13800000002", byPoint, StringComparison.Ordinal);

        var located = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/alpha/grid/api/locate?longitude={Invariant(X(1.5))}&latitude={Invariant(Y(0.5))}");
        Assert.Equal("D-01-01-02", (string?)located!["code"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/alpha/grid/api/locate?longitude={Invariant(X(9))}&latitude={Invariant(Y(0.5))}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/alpha/grid/api/locate?longitude=abc")).StatusCode);

        var byChoice = await client.GetStringAsync("/alpha/grid?unit=D-01");
        Assert.Contains("value=\"D-01-01\"", byChoice, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"D-02-01\"", byChoice, StringComparison.Ordinal);

        // The same point is nowhere in beta, whose district lies a degree further east; beta finds its own.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/beta/grid?longitude={Invariant(X(0.5))}&latitude={Invariant(Y(0.5))}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/beta/test-records/locate?longitude={Invariant(X(0.5))}&latitude={Invariant(Y(0.5))}")).StatusCode);
        Assert.Equal("D-01-01-01", await client.GetFromJsonAsync<string>($"/beta/test-records/locate?longitude={Invariant(X(0.5) + 1)}&latitude={Invariant(Y(0.5))}"));

        var english = await client.GetStringAsync("/alpha/grid?culture=en");
        Assert.Contains("Find my grid", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_are_valid_imports_that_change_nothing_when_imported_again()
    {
        await using var host = new TestHost().WithGridTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        foreach (var format in new[] { "geojson", "csv", "xlsx" })
        {
            var file = await admin.GetAsync($"/alpha/admin/grid/export/units.{format}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            var again = await ImportAsync(admin, "units", $"units.{format}", await file.Content.ReadAsByteArrayAsync());
            var page = await again.Content.ReadAsStringAsync();
            Assert.True(again.StatusCode == HttpStatusCode.OK, page);
            Assert.Contains("新增 0 个网格，更新 9 个", page, StringComparison.Ordinal);
        }

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var file = await admin.GetAsync($"/alpha/admin/grid/export/workers.{format}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            var again = await ImportAsync(admin, "workers", $"workers.{format}", await file.Content.ReadAsByteArrayAsync());
            var page = await again.Content.ReadAsStringAsync();
            Assert.True(again.StatusCode == HttpStatusCode.OK, page);
            Assert.Contains("新增 0 条任职", page, StringComparison.Ordinal);
        }

        // Community staff (confined to a unit, no Grid.Manage) cannot export the district's grid.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.SignedInAsync("alpha", "staff", StaffPassword)).GetAsync("/alpha/admin/grid/export/units.csv")).StatusCode);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string kind, string fileName, string content) =>
        GridTestData.ImportAsync(client, "alpha", kind, fileName, System.Text.Encoding.UTF8.GetBytes(content));

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string kind, string fileName, byte[] content) =>
        GridTestData.ImportAsync(client, "alpha", kind, fileName, content);
}
