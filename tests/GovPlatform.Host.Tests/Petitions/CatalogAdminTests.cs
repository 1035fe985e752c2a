using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>
/// The duty list, the departments and the petition rules in the admin, through HTTP as a browser without JavaScript
/// uses them: permissions, edits and their rules, export and import, validation, audit and tenant isolation.
/// </summary>
public sealed class CatalogAdminTests
{
    private const string Catalog = "/alpha/admin/petitions/catalog";
    private const string Settings = "/alpha/admin/petitions/settings";

    [Fact]
    public async Task Only_a_tenant_administrator_manages_the_duty_list_and_the_rules()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();

        // Anonymous: not let in. StreetAdmin holds every petitions permission but Manage: 403, GET or POST.
        var anonymous = await host.Client().GetAsync(Catalog);
        Assert.Contains(anonymous.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect });
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        foreach (var path in new[] { Catalog, $"{Catalog}/departments", $"{Catalog}/new", $"{Catalog}/0101", $"{Catalog}/export", $"{Catalog}/import", Settings })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync(path)).StatusCode);
        }

        var forged = await IdentityTestSupport.PostFormAsync(street, "/alpha/petitions/new", $"{Catalog}/0101/delete", ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var forgedSettings = await IdentityTestSupport.PostFormAsync(street, "/alpha/petitions/new", Settings, ("RatingDays", "30"));
        Assert.Equal(HttpStatusCode.Forbidden, forgedSettings.StatusCode);
        Assert.Empty(await host.AuditAsync("alpha", "petitions", "delete-category"));

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var html = await admin.GetStringAsync(Catalog);
        Assert.Contains("燃气泄漏隐患", html, StringComparison.Ordinal);
        Assert.Contains("区住房和城乡建设局", html, StringComparison.Ordinal);
        Assert.Contains("2 个工作小时", html, StringComparison.Ordinal);
        Assert.Contains("3 个工作日", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/admin/petitions/catalog/0101\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/admin/petitions/catalog/new?parent=02\"", html, StringComparison.Ordinal);
        var english = await admin.GetStringAsync($"{Catalog}?culture=en");
        Assert.Contains("2 working hours", english, StringComparison.Ordinal);
        Assert.Contains("Urban management bureau", english, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/admin/petitions/settings\"", html, StringComparison.Ordinal); // the admin menu
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Entries_are_added_and_edited_and_a_used_item_is_deactivated_instead_of_deleted(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);

        // Mistakes: beside their fields, what was typed kept, nothing saved.
        var bad = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/new?parent=02", $"{Catalog}/new",
            ("ParentCode", "02"), ("Code", "0103"), ("Name", " "), ("EnglishName", "Lease dispute"), ("Department", "sifa"), ("DeadlineAmount", "99"), ("DeadlineUnit", "h"));
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"Code-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("以类别编码“02”开头", badHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"Name-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"DeadlineAmount-error\"", badHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"Department-error\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"0103\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Lease dispute\"", badHtml, StringComparison.Ordinal);
        Assert.Contains("<option value=\"sifa\" selected", badHtml, StringComparison.Ordinal);
        var taken = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/new?parent=02", $"{Catalog}/new",
            ("ParentCode", "02"), ("Code", "0201"), ("Name", "租赁纠纷"), ("Department", "sifa"), ("DeadlineAmount", "5"), ("DeadlineUnit", "d"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("这个编码已被使用", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reserved = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/new", $"{Catalog}/new", ("Code", "new"), ("Name", "保留字"));
        Assert.Equal(HttpStatusCode.BadRequest, reserved.StatusCode);
        Assert.Equal(7, (await CategoriesAsync(host, "alpha")).Count);

        // A new item and a new category.
        var form = await admin.GetStringAsync($"{Catalog}/new?parent=02");
        Assert.Contains("value=\"0203\"", form, StringComparison.Ordinal); // the next code is suggested
        Assert.DoesNotContain("value=\"0203\" selected", form, StringComparison.Ordinal);
        var added = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/new?parent=02", $"{Catalog}/new",
            ("ParentCode", "02"), ("Code", "0203"), ("Name", "租赁纠纷"), ("EnglishName", "Lease dispute"), ("Department", "sifa"),
            ("DeadlineAmount", "5"), ("DeadlineUnit", "d"), ("OnTheSpot", "true"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"{Catalog}?saved=true", added.Headers.Location!.ToString());
        var category = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/new", $"{Catalog}/new",
            ("ParentCode", ""), ("Code", "04"), ("Name", "环境卫生"), ("EnglishName", "Sanitation"), ("Department", "chengguan"), ("DeadlineAmount", "8"), ("DeadlineUnit", "h"));
        Assert.Equal(HttpStatusCode.Redirect, category.StatusCode);
        var lease = (await CategoriesAsync(host, "alpha")).Single(c => c.Code == "0203");
        Assert.Equal(("02", "租赁纠纷", "Lease dispute", "sifa", 5, DeadlineUnit.WorkingDays, true, true),
            (lease.ParentCode, lease.Name, lease.EnglishName, lease.Department, lease.DeadlineAmount, lease.DeadlineUnit, lease.OnTheSpot, lease.Active));
        var list = await admin.GetStringAsync($"{Catalog}?saved=true");
        Assert.Contains("已保存", list, StringComparison.Ordinal);
        Assert.Contains("租赁纠纷", list, StringComparison.Ordinal);
        Assert.Contains("5 个工作日", list, StringComparison.Ordinal);
        Assert.Contains("8 个工作小时", list, StringComparison.Ordinal);

        // The new category without items is at once choosable, with its own deadline.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var filed = await scope.ServiceProvider.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online() with { CategoryCode = "04" }, null, default);
            Assert.True(filed.Succeeded, string.Join("; ", filed.Errors.Select(e => e.Value.English)));
        }

        // An unused item is deleted.
        var unused = await admin.GetStringAsync($"{Catalog}/0203");
        Assert.Contains("删除 0203", unused, StringComparison.Ordinal);
        var deleted = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/0203", $"{Catalog}/0203/delete", ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain(await CategoriesAsync(host, "alpha"), c => c.Code == "0203");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Catalog}/0203")).StatusCode);

        // An item a petition names: no delete button, a forged delete refused, and it stays.
        var petition = await FileAsync(host, "alpha", "0201");
        var used = await admin.GetStringAsync($"{Catalog}/0201");
        Assert.DoesNotContain("删除 0201", used, StringComparison.Ordinal);
        Assert.Contains("诉求 1 件", used, StringComparison.Ordinal);
        var refused = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/0201", $"{Catalog}/0201/delete", ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("已有 1 件诉求使用这一条目，不能删除，只能停用", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withItems = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/02", $"{Catalog}/02/delete", ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Conflict, withItems.StatusCode);
        Assert.Contains(await CategoriesAsync(host, "alpha"), c => c.Code == "0201");

        // Deactivated (and renamed): no longer choosable for new petitions; the old one keeps showing its name.
        var deactivated = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/0201", $"{Catalog}/0201",
            ("Name", "邻里纠纷"), ("EnglishName", "Dispute between neighbours"), ("Department", "sifa"), ("DeadlineAmount", "3"), ("DeadlineUnit", "d"), ("OnTheSpot", "true"));
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var neighbour = (await CategoriesAsync(host, "alpha")).Single(c => c.Code == "0201");
        Assert.False(neighbour.Active);
        Assert.Equal("Dispute between neighbours", neighbour.EnglishName);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var refusedIntake = await scope.ServiceProvider.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online(), null, default);
            Assert.False(refusedIntake.Succeeded);
            Assert.Contains("categoryCode", refusedIntake.Errors.Keys);
            var tracking = scope.ServiceProvider.GetRequiredService<PetitionTracking>();
            var view = await tracking.ViewAsync((await tracking.FindAsync(petition.TrackingNumber, petition.ContactPhone, default))!, new CultureInfo("zh-CN"), default);
            Assert.Equal("矛盾纠纷 / 邻里纠纷", view.CategoryName);
        }

        Assert.DoesNotContain(">邻里纠纷</option>", await host.Client().GetStringAsync("/alpha/petitions/new"), StringComparison.Ordinal);
        Assert.Contains("已停用", await admin.GetStringAsync(Catalog), StringComparison.Ordinal);

        // An item of an inactive category cannot be activated on its own; deactivating a category takes its items with it.
        var closeCategory = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/01", $"{Catalog}/01", ("Name", "安全隐患"), ("EnglishName", "Safety hazards"));
        Assert.Equal(HttpStatusCode.Redirect, closeCategory.StatusCode);
        Assert.All((await CategoriesAsync(host, "alpha")).Where(c => c.Code.StartsWith("01", StringComparison.Ordinal)), c => Assert.False(c.Active));
        var reopenItem = await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/0101", $"{Catalog}/0101",
            ("Name", "燃气泄漏隐患"), ("Department", "zhujian"), ("DeadlineAmount", "2"), ("DeadlineUnit", "h"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, reopenItem.StatusCode);
        Assert.Contains("id=\"Active-error\"", await reopenItem.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var audit = await host.AuditAsync("alpha", "petitions");
        Assert.Equal(2, audit.Count(e => e.Action == "create-category"));
        var removal = Assert.Single(audit, e => e.Action == "delete-category");
        Assert.Equal("0203", removal.Subject);
        Assert.Equal("租赁纠纷", (string?)JsonNode.Parse(removal.Before!)!["name"]);
        var change = audit.First(e => e.Action == "update-category" && e.Subject == "0201");
        Assert.Contains("deactivated", change.Summary!, StringComparison.Ordinal);
        Assert.Contains("\"englishName\":\"Neighbour dispute\"", change.Before!, StringComparison.Ordinal);
        Assert.Contains("\"englishName\":\"Dispute between neighbours\"", change.After!, StringComparison.Ordinal);
        Assert.Contains("0101, 0102", audit.First(e => e.Action == "update-category" && e.Subject == "01").Summary!, StringComparison.Ordinal);
        Assert.All(audit.Where(e => e.Action.EndsWith("-category", StringComparison.Ordinal)), e => Assert.Equal("admin", e.UserName));
    }

    [Fact]
    public async Task The_departments_table_adds_and_renames_and_refuses_to_deactivate_a_lead_naming_its_items()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        const string Page = $"{Catalog}/departments";
        var page = await admin.GetStringAsync(Page);
        Assert.Contains("value=\"区司法局\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Departments[3].Code\"", page, StringComparison.Ordinal); // the first blank row

        // Rows by code: chengguan, sifa, zhujian; zhujian leads 0101 and 0202 and cannot be deactivated.
        (string, string)[] Rows(bool zhujianActive, string sifa = "区司法局", bool removeChengguan = false) =>
        [
            ("Departments[0].Code", "chengguan"), ("Departments[0].Name", "区城市管理和综合执法局"), ("Departments[0].EnglishName", "Urban management bureau"), ("Departments[0].Active", "true"),
            .. removeChengguan ? new[] { ("Departments[0].Remove", "true") } : [],
            ("Departments[1].Code", "sifa"), ("Departments[1].Name", sifa), ("Departments[1].EnglishName", "Justice bureau"), ("Departments[1].Active", "true"),
            ("Departments[2].Code", "zhujian"), ("Departments[2].Name", "区住房和城乡建设局"), ("Departments[2].EnglishName", "Housing and construction bureau"),
            .. zhujianActive ? new[] { ("Departments[2].Active", "true") } : [],
            ("Departments[3].IsNew", "true"), ("Departments[3].Code", "xinfang"), ("Departments[3].Name", "区信访局"), ("Departments[3].EnglishName", "Letters and visits bureau"), ("Departments[3].Active", "true"),
            ("Departments[4].IsNew", "true"), ("Departments[4].Code", ""), ("Departments[4].Name", ""), ("Departments[4].EnglishName", ""), ("Departments[4].Active", "true"),
        ];

        var refused = await IdentityTestSupport.PostFormAsync(admin, Page, Page, Rows(zhujianActive: false));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"department-2-Active-error\"", html, StringComparison.Ordinal);
        Assert.Contains("0101 燃气泄漏隐患", html, StringComparison.Ordinal);
        Assert.Contains("0202 物业纠纷", html, StringComparison.Ordinal);
        Assert.Contains("value=\"区信访局\"", html, StringComparison.Ordinal); // the new row is kept
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var stored = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PetitionDepartment>().ToListAsync();
            Assert.Equal(["chengguan", "sifa", "zhujian"], stored.Select(d => d.Code).Order());
            Assert.All(stored, d => Assert.True(d.Active));
        }

        var badCode = await IdentityTestSupport.PostFormAsync(admin, Page, Page,
            [.. Rows(zhujianActive: true).Select(f => f.Item1 == "Departments[3].Code" ? (f.Item1, "Xin Fang") : f)]);
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        Assert.Contains("id=\"department-3-Code-error\"", await badCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await IdentityTestSupport.PostFormAsync(admin, Page, Page, Rows(zhujianActive: true, sifa: "区司法局（公共法律服务）"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{Page}?saved=true", saved.Headers.Location!.ToString());
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var catalog = await scope.ServiceProvider.GetRequiredService<PetitionCatalogCache>().GetAsync(scope.ServiceProvider.GetRequiredService<TenantDbContext>(), default);
            Assert.Equal("区信访局", catalog.FindDepartment("xinfang")!.Name);
            Assert.Equal("区司法局（公共法律服务）", catalog.FindDepartment("sifa")!.Name);
        }

        // A lead cannot be deleted; an unused department can, and one that leads nothing can be deactivated.
        var leadDeleted = await IdentityTestSupport.PostFormAsync(admin, Page, Page, [.. Rows(zhujianActive: true, removeChengguan: true).Where(f => !f.Item1.StartsWith("Departments[3]", StringComparison.Ordinal))]);
        Assert.Equal(HttpStatusCode.BadRequest, leadDeleted.StatusCode);
        Assert.Contains("id=\"department-0-Delete-error\"", await leadDeleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var removed = await IdentityTestSupport.PostFormAsync(admin, Page, Page, ("Departments[0].Code", "xinfang"), ("Departments[0].Name", "区信访局"), ("Departments[0].Remove", "true"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PetitionDepartment>().AnyAsync(d => d.Code == "xinfang"));
        }

        var audit = await host.AuditAsync("alpha", "petitions", "update-departments");
        Assert.Equal(2, audit.Count);
        Assert.Contains("xinfang added", audit[1].Summary!, StringComparison.Ordinal);
        Assert.Contains("sifa edited", audit[1].Summary!, StringComparison.Ordinal);
        Assert.DoesNotContain("zhujian", audit[1].Summary!, StringComparison.Ordinal); // unchanged rows are not recorded
        Assert.Contains("xinfang deleted", audit[0].Summary!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_import_with_errors_changes_nothing_and_an_export_imported_again_changes_nothing(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        await FileAsync(host, "alpha", "0202");

        var export = await admin.GetAsync($"{Catalog}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("alpha-petitions.json", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var exported = await export.Content.ReadAsStringAsync();
        Assert.Contains("\"zh-CN\": \"燃气泄漏隐患\"", exported, StringComparison.Ordinal); // Chinese as it is, indented
        var file = JsonNode.Parse(exported)!.AsObject();
        Assert.Equal(["chengguan", "sifa", "zhujian"], file["departments"]!.AsArray().Select(d => (string)d!["code"]!));
        var gas = file["categories"]![0]!["items"]![0]!;
        Assert.Equal("""{"code":"0101","name":{"zh-CN":"燃气泄漏隐患","en":"Gas leak hazard"},"department":"zhujian","deadline":"2h","onTheSpot":false}""",
            gas.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var before = await SnapshotAsync(host, "alpha");

        // Errors: every one listed, nothing written.
        var broken = file.DeepClone().AsObject();
        broken["categories"]![0]!["items"]![0]!["deadline"] = "99d";
        broken["categories"]![0]!["items"]![1]!["department"] = "gongan";
        broken["categories"]![1]!["items"]!.AsArray().Add(new JsonObject { ["code"] = "0201", ["name"] = new JsonObject { ["zh-CN"] = "重复" } });
        broken["departments"]!.AsArray().RemoveAt(1);
        var refused = await ImportAsync(admin, broken.ToJsonString());
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("什么都没有导入", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("时限“99d”须为工作小时", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("没有部门“gongan”", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("类别“0201”出现了两次", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("没有部门“sifa”", refusedHtml, StringComparison.Ordinal); // the file must name every department it uses
        var misspelt = await ImportAsync(admin, exported.Replace("\"deadline\"", "\"deadlin\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        Assert.Contains("deadlin", await misspelt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await ImportAsync(admin, "{ \"departments\": [")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ImportAsync(admin, "{}")).StatusCode); // would deactivate everything
        var moved = file.DeepClone().AsObject();
        moved["categories"]![1]!["items"]!.AsArray().Add(moved["categories"]![0]!["items"]![0]!.DeepClone());
        moved["categories"]![0]!["items"]!.AsArray().RemoveAt(0);
        Assert.Contains("编码不能换到别处", await (await ImportAsync(admin, moved.ToJsonString())).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(host, "alpha"));
        Assert.Empty(await host.AuditAsync("alpha", "petitions", "import-catalog"));

        // The export imported as it is: nothing changes, and the next export is the same file.
        var same = await ImportAsync(admin, exported);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains("新增 0 条，修改 0 条，停用 0 条，10 条未变", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(host, "alpha"));
        Assert.Equal(exported, await admin.GetStringAsync($"{Catalog}/export"));

        // A changed file: one renamed, one added, one left out (used by a petition: deactivated, not deleted).
        var edited = file.DeepClone().AsObject();
        edited["categories"]![0]!["items"]![0]!["name"]!["zh-CN"] = "燃气泄漏";
        edited["categories"]![1]!["items"]!.AsArray().RemoveAt(1);
        edited["categories"]![1]!["items"]!.AsArray().Add(new JsonObject
        {
            ["code"] = "0203",
            ["name"] = new JsonObject { ["zh-CN"] = "租赁纠纷", ["en"] = "Lease dispute" },
            ["department"] = "sifa",
            ["deadline"] = "5d",
            ["onTheSpot"] = true,
        });
        var applied = await ImportAsync(admin, edited.ToJsonString(), "edited.json");
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Contains("新增 1 条，修改 1 条，停用 1 条，8 条未变", await applied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var categories = await CategoriesAsync(host, "alpha");
        Assert.Equal("燃气泄漏", categories.Single(c => c.Code == "0101").Name);
        Assert.False(categories.Single(c => c.Code == "0202").Active);
        Assert.True(categories.Single(c => c.Code == "0203").Active);
        var imports = await host.AuditAsync("alpha", "petitions", "import-catalog");
        Assert.Equal(2, imports.Count);
        Assert.Contains("0 added, 0 changed, 0 deactivated, 10 unchanged", imports[1].Summary!, StringComparison.Ordinal);
        var audit = imports[0];
        Assert.Equal("edited.json", audit.Subject);
        Assert.Contains("1 added, 1 changed, 1 deactivated", audit.Summary!, StringComparison.Ordinal);

        // The deactivated item travels as "active": false, and that round trip changes nothing either.
        var second = await admin.GetStringAsync($"{Catalog}/export");
        Assert.Contains("\"active\": false", second, StringComparison.Ordinal);
        var afterEdit = await SnapshotAsync(host, "alpha");
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(admin, second)).StatusCode);
        Assert.Equal(afterEdit, await SnapshotAsync(host, "alpha"));
    }

    [Fact]
    public async Task The_rules_are_checked_beside_their_fields_saved_audited_and_do_not_rewrite_open_petitions()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        var recipe = JsonNode.Parse(File.ReadAllText(Path.Combine(host.TenantsPath, "alpha", "recipe.json")))!;
        recipe["steps"]![0]!["enable"]!.AsArray().Add("Test.PetitionExtraRoom");
        host.WriteFile("alpha/recipe.json", recipe.ToJsonString());
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var petition = await FileAsync(host, "alpha", "0201");

        var page = await admin.GetStringAsync(Settings);
        Assert.Contains("<option value=\"3\" selected", page, StringComparison.Ordinal);
        Assert.Contains(">3. 社区</option>", page, StringComparison.Ordinal);
        Assert.Contains(">4. 网格</option>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"WarnBeforeHours\" value=\"2\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"MaxImageMegabytes\" value=\"10\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"psychological\" checked", page, StringComparison.Ordinal);
        Assert.Contains("退役军人服务站", page, StringComparison.Ordinal); // a module's own room, offered but not chosen
        Assert.Contains("value=\"veterans\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"veterans\" checked", page, StringComparison.Ordinal);
        Assert.Contains("已有诉求的提醒时间不会重算", page, StringComparison.Ordinal);

        (string, string)[] Fields(string warn = "3", string rating = "10", string similarity = "0.6", string image = "5", string depth = "4", params string[] rooms) =>
        [
            ("IntakeDepth", depth), ("WarnBeforeHours", warn), ("RatingDays", rating), ("ReopenDays", "30"), ("DuplicateWindowDays", "14"),
            ("DuplicateSimilarity", similarity), ("MaxAttachments", "6"), ("MaxImageMegabytes", image), ("MaxVideoMegabytes", "200"),
            .. rooms.Select(r => ("Rooms", r)),
        ];

        var bad = await IdentityTestSupport.PostFormAsync(admin, Settings, Settings, Fields(warn: "500", rating: "十天", similarity: "0.05", image: "80", depth: "9", "mediation", "sauna"));
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        foreach (var field in new[] { "warnBeforeHours", "ratingDays", "duplicateSimilarity", "maxImageBytes", "intakeDepth", "rooms" })
        {
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("id=\"reopenDays-error\"", html, StringComparison.Ordinal);
        Assert.Contains("应在 0.1 到 50 MB 之间", html, StringComparison.Ordinal);
        Assert.Contains("name=\"RatingDays\" value=\"十天\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"ReopenDays\" value=\"30\"", html, StringComparison.Ordinal);
        Assert.Contains("没有功能室“sauna”", html, StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var stored = await scope.ServiceProvider.GetRequiredService<PetitionSettingsStore>().GetAsync(default);
            Assert.Equal((2d, 7, 3), (stored.WarnBeforeHours, stored.RatingDays, stored.IntakeDepth));
        }

        var saved = await IdentityTestSupport.PostFormAsync(admin, Settings, Settings, Fields(rooms: ["mediation", "veterans"]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{Settings}?saved=true", saved.Headers.Location!.ToString());
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var stored = await scope.ServiceProvider.GetRequiredService<PetitionSettingsStore>().GetAsync(default);
            Assert.Equal((4, 3d, 10, 30, 14, 0.6, 6), (stored.IntakeDepth, stored.WarnBeforeHours, stored.RatingDays, stored.ReopenDays, stored.DuplicateWindowDays, stored.DuplicateSimilarity, stored.MaxAttachments));
            Assert.Equal((5L * 1024 * 1024, 200L * 1024 * 1024), (stored.MaxImageBytes, stored.MaxVideoBytes));
            Assert.Equal(["mediation", "veterans"], stored.Rooms);
            var again = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().AsNoTracking().SingleAsync(p => p.Id == petition.Id);
            Assert.Equal(petition.WarnAtUtc, again.WarnAtUtc); // the open petition keeps its warning time
        }

        var reloaded = await admin.GetStringAsync($"{Settings}?saved=true");
        Assert.Contains("已保存", reloaded, StringComparison.Ordinal);
        Assert.Contains("<option value=\"4\" selected", reloaded, StringComparison.Ordinal);
        Assert.Contains("value=\"veterans\" checked", reloaded, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"legal\" checked", reloaded, StringComparison.Ordinal);

        var audit = Assert.Single(await host.AuditAsync("alpha", "petitions", "update-settings"));
        Assert.Contains("warnBeforeHours", audit.Summary!, StringComparison.Ordinal);
        Assert.Contains("\"warnBeforeHours\":2", audit.Before!, StringComparison.Ordinal);
        Assert.Contains("\"warnBeforeHours\":3", audit.After!, StringComparison.Ordinal);

        // Saving again without a change records nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, Settings, Settings, Fields(rooms: ["mediation", "veterans"]))).StatusCode);
        Assert.Single(await host.AuditAsync("alpha", "petitions", "update-settings"));
    }

    [Fact]
    public async Task One_districts_duty_list_and_rules_are_its_own()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithPetitionTenant("beta");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var betaBefore = await SnapshotAsync(host, "beta");

        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/new?parent=02", $"{Catalog}/new",
            ("ParentCode", "02"), ("Code", "0299"), ("Name", "阿尔法专有事项"), ("Department", "sifa"), ("DeadlineAmount", "1"), ("DeadlineUnit", "d"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, $"{Catalog}/0102", $"{Catalog}/0102",
            ("Name", "消防通道堵塞"), ("Department", "chengguan"), ("DeadlineAmount", "4"), ("DeadlineUnit", "h"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, Settings, Settings,
            ("IntakeDepth", "4"), ("WarnBeforeHours", "1"), ("RatingDays", "7"), ("ReopenDays", "15"), ("DuplicateWindowDays", "7"),
            ("DuplicateSimilarity", "0.5"), ("MaxAttachments", "9"), ("MaxImageMegabytes", "10"), ("MaxVideoMegabytes", "100"), ("Rooms", "legal"))).StatusCode);

        Assert.Equal(betaBefore, await SnapshotAsync(host, "beta"));
        await using (var scope = await host.ScopeAsync("beta"))
        {
            Assert.Equal(3, (await scope.ServiceProvider.GetRequiredService<PetitionSettingsStore>().GetAsync(default)).IntakeDepth);
        }

        Assert.All(await host.AuditAsync("beta", "petitions"), e => Assert.Equal("catalog", e.Action)); // only its recipe's
        var betaAdmin = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        var betaPage = await betaAdmin.GetStringAsync("/beta/admin/petitions/catalog");
        Assert.DoesNotContain("阿尔法专有事项", betaPage, StringComparison.Ordinal);
        Assert.DoesNotContain("阿尔法专有事项", await betaAdmin.GetStringAsync("/beta/admin/petitions/catalog/export"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await betaAdmin.GetAsync("/beta/admin/petitions/catalog/0299")).StatusCode);

        // alpha's sign-in is not beta's.
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/beta/admin/petitions/catalog")).StatusCode);
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string json, string fileName = "petitions.json")
    {
        var token = await IdentityTestSupport.AntiforgeryTokenAsync(client, $"{Catalog}/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "file", fileName);
        return await client.PostAsync($"{Catalog}/import", content);
    }

    private static async Task<Petition> FileAsync(TestHost host, string tenant, string category)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var filed = await scope.ServiceProvider.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online() with { CategoryCode = category }, null, default);
        Assert.True(filed.Succeeded, string.Join("; ", filed.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
        return filed.Petition!;
    }

    private static async Task<List<PetitionCategory>> CategoriesAsync(TestHost host, string tenant)
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PetitionCategory>().AsNoTracking().OrderBy(c => c.Code).ToListAsync();
    }

    /// <summary>Every stored value of the catalogue (positions included), as one text to compare.</summary>
    private static async Task<string> SnapshotAsync(TestHost host, string tenant)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var departments = await db.Set<PetitionDepartment>().AsNoTracking().OrderBy(d => d.Code).ToListAsync();
        var categories = await db.Set<PetitionCategory>().AsNoTracking().OrderBy(c => c.Code).ToListAsync();
        return string.Join("\n", departments.Select(d => $"{d.Id}|{d.Code}|{d.Name}|{d.EnglishName}|{d.Active}")
            .Concat(categories.Select(c => $"{c.Id}|{c.Code}|{c.ParentCode}|{c.Name}|{c.EnglishName}|{c.Department}|{c.DeadlineAmount}|{c.DeadlineUnit}|{c.OnTheSpot}|{c.Position}|{c.Active}")));
    }
}
