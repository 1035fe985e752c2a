using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Committees;
using GovPlatform.RedGrid.Lists;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// The editors' finishing fixes: versions on committees and resources (stale saves refused, input kept), the committee
/// list's paging and unit filter, the courtyard choice of the chosen grid, the resident unit's map picker, a cancelled
/// project giving its resource back, the member export audited first.
/// </summary>
public sealed class EditorsTests
{
    private static JointCommittee Committee(string name, string unit) => new()
    {
        Kind = JointCommitteeKind.CommunityCommittee,
        Name = name,
        GridUnitCode = unit,
        TermStartsOn = new DateOnly(2024, 1, 1),
        TermEndsOn = new DateOnly(2026, 12, 31),
        UpdatedUtc = DateTime.UtcNow,
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_editors_of_a_committee_or_a_resource_do_not_overwrite_each_other(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var committees = scope.ServiceProvider.GetRequiredService<CommitteeEditor>();
        CommitteeInput Input(string name) => new("CommunityCommittee", name, "D-01-01", "2024-01-01", "2026-12-31", []);
        var created = await committees.SaveAsync(null, Input("五大门社区大党委"), null);
        Assert.Equal(EditOutcome.Done, created.Outcome);
        var id = created.Value!.Id;
        Assert.Equal(1, created.Value.Version);

        // Both opened it at version 1: the first save wins, the second is refused and nothing of it is saved.
        var firstSave = await committees.SaveAsync(id, Input("第一位的名字"), 1, null);
        Assert.Equal((EditOutcome.Done, 2), (firstSave.Outcome, firstSave.Value!.Version));
        var second = await committees.SaveAsync(id, Input("第二位的名字"), 1, null);
        Assert.Equal(EditOutcome.Stale, second.Outcome);
        Assert.Contains("", second.Errors.Keys);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var stored = await db.Set<JointCommittee>().AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal(("第一位的名字", 2), (stored.Name, stored.Version));

        var units = scope.ServiceProvider.GetRequiredService<ResidentUnitEditor>();
        var unit = await units.CreateAsync(new ResidentUnitInput("school-1", "第一中学", "Institution", "D-01-01-01", null, null, null, null, null, true), null);
        Assert.Equal(ListsOutcome.Done, unit.Outcome);
        var resource = await units.SaveResourceAsync(unit.Id!.Value, null, new UnitResourceInput("Venue", "学校礼堂", null, "300", "座", true), null);
        var resourceId = resource.Id!.Value;
        Assert.Equal(1, (await db.Set<UnitResource>().AsNoTracking().SingleAsync(r => r.Id == resourceId)).Version);
        Assert.Equal(ListsOutcome.Done, (await units.SaveResourceAsync(unit.Id.Value, resourceId, new UnitResourceInput("Venue", "大礼堂", null, "300", "座", true), 1, null)).Outcome);
        var stale = await units.SaveResourceAsync(unit.Id.Value, resourceId, new UnitResourceInput("Venue", "小礼堂", null, "100", "座", false), 1, null);
        Assert.Equal(ListsOutcome.Stale, stale.Outcome);
        var kept = await db.Set<UnitResource>().AsNoTracking().SingleAsync(r => r.Id == resourceId);
        Assert.Equal(("大礼堂", 2, true), (kept.Title, kept.Version, kept.Available));
    }

    [Fact]
    public async Task Over_http_a_stale_committee_or_resource_save_is_a_409_with_the_input_kept()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        long committeeId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var committee = Committee("五大门社区大党委", "D-01-01");
            await RedGridTestData.SaveAsync(scope.ServiceProvider, committee);
            committeeId = committee.Id;
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var path = $"/alpha/admin/redgrid/committees/{committeeId}";
        Assert.Contains("name=\"Version\" value=\"1\"", await staff.GetStringAsync(path), StringComparison.Ordinal);
        (string, string)[] Fields(string name, string version) => [("Kind", "CommunityCommittee"), ("Name", name), ("GridUnit", "D-01-01"), ("TermStartsOn", "2024-01-01"), ("TermEndsOn", "2026-12-31"), ("Version", version)];
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, path, path, Fields("先保存的名字", "1"))).StatusCode);
        var stale = await IdentityTestSupport.PostFormAsync(staff, path, path, Fields("后保存的名字", "1"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = await stale.Content.ReadAsStringAsync();
        Assert.Contains("刚被他人修改", page, StringComparison.Ordinal);
        Assert.Contains("value=\"后保存的名字\"", page, StringComparison.Ordinal);

        const string Units = "/alpha/admin/redgrid/units";
        var created = await IdentityTestSupport.PostFormAsync(staff, $"{Units}/new", $"{Units}/new",
            ("Code", "school-1"), ("Name", "第一中学"), ("Kind", "Institution"), ("GridUnit", "D-01-01-01"), ("Active", "true"));
        var unitPath = created.Headers.Location!.OriginalString.Split('?')[0];
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, unitPath, $"{unitPath}/resources", ("Type", "Venue"), ("Title", "学校礼堂"), ("Quantity", "300"), ("Available", "true"))).StatusCode);
        long resourceId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            resourceId = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<UnitResource>().Select(r => r.Id).SingleAsync();
        }

        var resourcePath = $"{unitPath}/resources/{resourceId}";
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, unitPath, resourcePath, ("Type", "Venue"), ("Title", "大礼堂"), ("Quantity", "300"), ("Available", "true"), ("Version", "1"))).StatusCode);
        var staleResource = await IdentityTestSupport.PostFormAsync(staff, unitPath, resourcePath, ("Type", "Venue"), ("Title", "小礼堂"), ("Quantity", "120"), ("Available", "true"), ("Version", "1"));
        Assert.Equal(HttpStatusCode.Conflict, staleResource.StatusCode);
        var resourcePage = await staleResource.Content.ReadAsStringAsync();
        Assert.Contains("这项资源刚被他人修改", resourcePage, StringComparison.Ordinal);
        Assert.Contains("value=\"小礼堂\"", resourcePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_committee_list_is_paged_and_filtered_by_unit_within_the_scope()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha").WithRedGridTenant("beta");
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var rows = Enumerable.Range(1, 55).Select(i => (object)Committee($"甲社区大党委{i:00}", "D-01-01"))
                .Append(Committee("乙社区大党委", "D-01-02")).Append(Committee("丙社区大党委", "D-02-01")).ToArray();
            await RedGridTestData.SaveAsync(scope.ServiceProvider, rows);
        }

        await using (var scope = await host.ScopeAsync("beta"))
        {
            await RedGridTestData.SaveAsync(scope.ServiceProvider, Committee("别区社区大党委", "D-01-01"));
        }

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        const string List = "/alpha/admin/redgrid/committees";
        var first = await admin.GetStringAsync(List);
        Assert.Contains("共 57 个", first, StringComparison.Ordinal);
        Assert.Equal(50, CountOf(first, "/alpha/admin/redgrid/committees/"));
        Assert.Contains("page=2", first, StringComparison.Ordinal);
        Assert.DoesNotContain("别区社区大党委", first, StringComparison.Ordinal);
        var second = await admin.GetStringAsync($"{List}?page=2");
        Assert.Equal(7, CountOf(second, "/alpha/admin/redgrid/committees/"));

        var street = await admin.GetStringAsync($"{List}?unit=D-02");
        Assert.Contains("丙社区大党委", street, StringComparison.Ordinal);
        Assert.Contains("共 1 个", street, StringComparison.Ordinal);
        var community = await admin.GetStringAsync($"{List}?unit=D-01-02");
        Assert.Contains("乙社区大党委", community, StringComparison.Ordinal);
        Assert.DoesNotContain("甲社区大党委", community, StringComparison.Ordinal);

        // Street staff of D-02 see theirs only, whatever unit they ask for.
        var streetStaff = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var outside = await streetStaff.GetStringAsync($"{List}?unit=D-01-01");
        Assert.Contains("丙社区大党委", outside, StringComparison.Ordinal);
        Assert.DoesNotContain("甲社区大党委", outside, StringComparison.Ordinal);

        static int CountOf(string page, string link) =>
            System.Text.RegularExpressions.Regex.Count(page, $"href=\"{link}[0-9]+\"");
    }

    [Fact]
    public async Task The_organisation_editor_offers_the_courtyards_of_the_chosen_grid_and_refuses_another_grids()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        long east, west;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var a = new Courtyard { GridUnitCode = "D-01-01-01", Name = "东院", Buildings = 3, Households = 90 };
            var b = new Courtyard { GridUnitCode = "D-01-01-02", Name = "西院", Buildings = 2, Households = 60 };
            await RedGridTestData.SaveAsync(scope.ServiceProvider, a, b);
            (east, west) = (a.Id, b.Id);
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        const string New = "/alpha/admin/redgrid/organisations/new";
        var first = await staff.GetStringAsync($"{New}?kind=CourtyardGroup&unit=D-01-01-01");
        Assert.Contains($"<option value=\"{east}\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{west}\"", first, StringComparison.Ordinal);

        // The grid changed in the form: the button lists the new grid's courtyards, keeps the input and saves nothing.
        (string, string)[] fields = [("Code", "d-01-01-02-xy"), ("Kind", "CourtyardGroup"), ("Name", "西院党小组"), ("GridUnit", "D-01-01-02"), ("Courtyard", east.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Active", "true")];
        var refreshed = await IdentityTestSupport.PostFormAsync(staff, $"{New}?unit=D-01-01-01", New, [.. fields, ("Refresh", "true")]);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var page = await refreshed.Content.ReadAsStringAsync();
        Assert.Contains($"<option value=\"{west}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{east}\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"西院党小组\"", page, StringComparison.Ordinal);

        // A courtyard of another grid posted anyway is refused, as before.
        var refused = await IdentityTestSupport.PostFormAsync(staff, New, New, fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("楼院不在所选网格内", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PartyOrganisation>().AnyAsync(o => o.Code == "d-01-01-02-xy"));
        }
    }

    [Fact]
    public async Task A_resident_units_location_is_picked_on_the_map_and_optional()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        const string Units = "/alpha/admin/redgrid/units";
        var blank = await staff.GetStringAsync($"{Units}/new");
        Assert.Contains("data-pick=\"\"", blank, StringComparison.Ordinal);
        Assert.DoesNotContain("data-submit", blank, StringComparison.Ordinal);
        Assert.Contains("grid-map.js", blank, StringComparison.Ordinal);

        var without = await IdentityTestSupport.PostFormAsync(staff, $"{Units}/new", $"{Units}/new",
            ("Code", "school-1"), ("Name", "第一中学"), ("Kind", "Institution"), ("GridUnit", "D-01-01-01"), ("Longitude", ""), ("Latitude", ""), ("Active", "true"));
        Assert.Equal(HttpStatusCode.Redirect, without.StatusCode);
        var with = await IdentityTestSupport.PostFormAsync(staff, $"{Units}/new", $"{Units}/new",
            ("Code", "hospital-1"), ("Name", "第一医院"), ("Kind", "Institution"), ("GridUnit", "D-01-01-01"), ("Longitude", "1.25"), ("Latitude", "0.75"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.Redirect, with.StatusCode);
        var page = await staff.GetStringAsync(with.Headers.Location!.OriginalString);
        Assert.Contains("data-pick=\"\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"1.25\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cancelling_a_project_gives_back_the_resource_it_used_up_and_completing_keeps_it_used(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var unit = new ResidentUnit { Code = "school-1", Name = "第一中学", Kind = ResidentUnitKind.Institution, GridUnitCode = "D-01-01-01", UpdatedUtc = DateTime.UtcNow, Version = 1 };
        await RedGridTestData.SaveAsync(scope.ServiceProvider, unit);
        UnitResource Resource(string title) => new() { ResidentUnitId = unit.Id, Type = ResourceType.Venue, Title = title, Quantity = 1, GridUnitCode = unit.GridUnitCode, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
        CommunityNeed Need(string title) => new() { GridUnitCode = "D-01-01", Type = ResourceType.Venue, Title = title, Status = NeedStatus.Open, PublishedBy = "staff", PublishedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        var (hall, yard, room) = (Resource("礼堂"), Resource("操场"), Resource("教室"));
        var (n1, n2, n3) = (Need("汇演场地"), Need("运动会场地"), Need("课堂场地"));
        await RedGridTestData.SaveAsync(scope.ServiceProvider, hall, yard, room, n1, n2, n3);

        var matcher = scope.ServiceProvider.GetRequiredService<ResourceMatcher>();
        var board = scope.ServiceProvider.GetRequiredService<ProjectBoard>();
        var cancelled = await matcher.MatchAsync(n1.Id, new MatchInput(hall.Id, 1, "社区文艺汇演", "王示例", null, UsedUp: true), null);
        var completed = await matcher.MatchAsync(n2.Id, new MatchInput(yard.Id, 1, "社区运动会", "王示例", null, UsedUp: true), null);
        var notUsedUp = await matcher.MatchAsync(n3.Id, new MatchInput(room.Id, 1, "四点半课堂", "王示例", null, UsedUp: false), null);
        Assert.All(new[] { cancelled, completed, notUsedUp }, r => Assert.Equal(ListsOutcome.Done, r.Outcome));
        async Task<UnitResource> Reload(UnitResource r) => await db.Set<UnitResource>().AsNoTracking().SingleAsync(x => x.Id == r.Id);
        Assert.False((await Reload(hall)).Available);

        // Someone marked the room used up by hand: cancelling a project that did not use it up leaves it so.
        var handEdit = await scope.ServiceProvider.GetRequiredService<ResidentUnitEditor>().SaveResourceAsync(unit.Id, room.Id, new UnitResourceInput("Venue", "教室", null, "1", null, false), 1, null);
        Assert.Equal(ListsOutcome.Done, handEdit.Outcome);

        Assert.Equal(ListsOutcome.Done, (await board.CancelAsync(cancelled.Id!.Value, 1, null)).Outcome);
        Assert.Equal(ListsOutcome.Done, (await board.CompleteAsync(completed.Id!.Value, 1, "办成了", "200", "2026-05-01", null)).Outcome);
        Assert.Equal(ListsOutcome.Done, (await board.CancelAsync(notUsedUp.Id!.Value, 1, null)).Outcome);
        var freed = await Reload(hall);
        Assert.True(freed.Available);
        Assert.Equal(3, freed.Version);   // created, used up, given back: an editor open before sees a stale save
        Assert.False((await Reload(yard)).Available);
        Assert.False((await Reload(room)).Available);
        Assert.Contains(await matcher.SuggestAsync(n1.Id) ?? [], s => s.Resource.Id == hall.Id);
    }

    [Fact]
    public async Task The_member_export_is_audited_with_its_row_count_and_whether_it_carries_personal_data()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await RedGridTestData.SaveAsync(scope.ServiceProvider,
                MemberTestData.Member("张建国", "D-01-01-01", MemberKind.InService, MemberTestData.IdNumber("19800215", 123), "13912345678"),
                MemberTestData.Member("李卫东", "D-01-01-02"),
                MemberTestData.Member("王红", "D-02-01"));
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var masked = await staff.GetAsync("/alpha/admin/redgrid/members/export");
        Assert.Equal(HttpStatusCode.OK, masked.StatusCode);
        Assert.Equal(2, new MemoryStream(await masked.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Count());
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/alpha/admin/redgrid/members/export")).StatusCode);

        var exports = await host.AuditAsync("alpha", "redgrid", "member-export");
        Assert.Contains(exports, e => e.UserName == "staff" && e.Summary!.StartsWith("2 rows without personal data", StringComparison.Ordinal));
        Assert.Contains(exports, e => e.UserName == "admin" && e.Summary!.StartsWith("3 rows with personal data", StringComparison.Ordinal));
    }
}
