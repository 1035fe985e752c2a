using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Contents;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Contents.ContentTestData;

namespace GovPlatform.Host.Tests.Contents;

/// <summary>The content type admin pages, driven as a browser without JavaScript drives them, on the provider under test.</summary>
public sealed partial class TypeAdminTests
{
    private const string Types = "/alpha/admin/contents/types";

    [Fact]
    public async Task An_admin_defines_a_type_with_three_fields_in_the_pages_and_the_store_holds_it()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);

        var blank = await admin.GetStringAsync($"{Types}/new");
        Assert.Matches("id=\"PartTitle\"[^>]*checked", blank);
        Assert.Matches("id=\"PartPublish\"[^>]*checked", blank);
        Assert.DoesNotMatch("id=\"PartOwner\"[^>]*checked", blank);

        var created = await SubmitAsync(admin, $"{Types}/new", $"{Types}/new",
            ("Name", "Project"), ("DisplayName", "公益项目"), ("EnglishName", "Public-benefit project"), ("Description", "社区公益项目"),
            ("Parts", "Title"), ("Parts", "Body"), ("Parts", "Route"), ("Parts", "Publish"), ("Parts", "Grid"),
            ("TitleRequired", "true"), ("BodyFormat", "html"), ("GridRequired", "true"),
            ("ListSlug", "Projects"), ("ListPageSize", "5"), ("ListOrder", "title"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"{Types}/Project/edit?saved=created", created.Headers.Location?.OriginalString);

        var edit = $"{Types}/Project/edit";
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(admin, $"{Types}/Project/fields/new?kind=text", $"{Types}/Project/fields/new",
            ("Kind", "text"), ("Name", "organiser"), ("DisplayName", "主办单位"), ("EnglishName", "Organiser"), ("Hint", "填写全称"),
            ("Required", "true"), ("Multiline", "true"), ("MinLength", "2"), ("MaxLength", "50"), ("Pattern", "^[^<>]*$"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(admin, $"{Types}/Project/fields/new?kind=number", $"{Types}/Project/fields/new",
            ("Kind", "number"), ("Name", "budget"), ("DisplayName", "预算"), ("Minimum", "0"), ("Maximum", "1,000,000"), ("Decimals", "2"),
            ("Unit", "元"), ("EnglishUnit", "yuan"), ("MinLength", "not read for a number"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(admin, $"{Types}/Project/fields/new?kind=choice", $"{Types}/Project/fields/new",
            ("Kind", "choice"), ("Name", "category"), ("DisplayName", "类别"), ("Multiple", "true"), ("MaxItems", "2"),
            ("Options", "elderly|养老|Elderly care\r\nchildren|儿童|Children\r\n\r\nsports"))).StatusCode);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var type = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project");
            Assert.NotNull(type);
            Assert.Equal(("公益项目", "Public-benefit project"), (type.DisplayName.Chinese, type.DisplayName.English));
            Assert.Equal("社区公益项目", type.Description?.Chinese);
            Assert.Equal([ContentPartKind.Title, ContentPartKind.Body, ContentPartKind.Route, ContentPartKind.Publish, ContentPartKind.Grid], type.Parts.Select(p => p.Kind));
            Assert.True(type.Part(ContentPartKind.Title)!.Required);
            Assert.False(type.Part(ContentPartKind.Body)!.Required);
            Assert.Equal(BodyFormat.Html, type.Part(ContentPartKind.Body)!.Format);
            Assert.True(type.Part(ContentPartKind.Grid)!.Required);
            Assert.Equal(("projects", 5, ContentListOrder.Title), (type.List!.Slug, type.List.PageSize, type.List.Order));
            Assert.Equal(["organiser", "budget", "category"], type.Fields.Select(f => f.Name));

            var organiser = type.Field("organiser")!;
            Assert.Equal(ContentFieldKind.Text, organiser.Kind);
            Assert.Equal(("主办单位", "Organiser", "填写全称"), (organiser.DisplayName.Chinese, organiser.DisplayName.English, organiser.Hint?.Chinese));
            Assert.True(organiser.Required);
            Assert.True(organiser.Multiline);
            Assert.Equal((2, 50, "^[^<>]*$"), (organiser.MinLength, organiser.MaxLength, organiser.Pattern));

            var budget = type.Field("budget")!;
            Assert.Equal(ContentFieldKind.Number, budget.Kind);
            Assert.Equal((0m, 1_000_000m, 2), (budget.Minimum, budget.Maximum, budget.Decimals));
            Assert.Equal("元", budget.Unit?.Chinese);
            Assert.Null(budget.MinLength);
            Assert.False(budget.Required);

            var category = type.Field("category")!;
            Assert.True(category.Multiple);
            Assert.Equal(2, category.MaxItems);
            Assert.Equal(["elderly", "children", "sports"], category.Options.Select(o => o.Value));
            Assert.Equal(["养老", "儿童", "sports"], category.Options.Select(o => o.Text.Chinese));
            Assert.Equal("Elderly care", category.Options[0].Text.English);
        }

        var list = await admin.GetStringAsync(Types);
        Assert.Contains("公益项目", list, StringComparison.Ordinal);
        Assert.Contains("<code>Project</code>", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/projects\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/admin/contents/types\"", list, StringComparison.Ordinal); // the admin menu
        var page = await admin.GetStringAsync(edit);
        Assert.Contains("<code>category</code>", page, StringComparison.Ordinal);
        Assert.Contains("养老 / 儿童 / sports", page, StringComparison.Ordinal);

        var audit = await host.AuditAsync("alpha", "contents");
        Assert.Single(audit, e => e.Action == "type-create" && e.Subject == "Project" && e.UserName == "admin");
        Assert.Equal(3, audit.Count(e => e.Action == "type-update" && e.Subject == "Project"));
    }

    [Fact]
    public async Task Mistakes_come_back_beside_their_inputs_with_400_and_the_input_kept()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await SaveTypeAsync(host, ProjectType());
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);

        var badName = await SubmitAsync(admin, $"{Types}/new", $"{Types}/new",
            ("Name", "1bad"), ("DisplayName", "坏名字"), ("Parts", "Title"), ("ListSlug", "news"), ("ListPageSize", "ten"), ("ListOrder", "newest"));
        var html = await BadRequestAsync(badName);
        Assert.Contains("value=\"1bad\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"坏名字\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"ten\"", html, StringComparison.Ordinal);
        Assert.Equal("“ten”不是整数。", FieldError(html, "ListPageSize"));

        // The page's own checks passed: the store's checks, beside their inputs.
        var refused = await BadRequestAsync(await SubmitAsync(admin, $"{Types}/new", $"{Types}/new",
            ("Name", "1bad"), ("DisplayName", "坏名字"), ("Parts", "Title"), ("ListSlug", "admin"), ("ListPageSize", "500"), ("ListOrder", "newest")));
        Assert.StartsWith("代码名以字母开头", FieldError(refused, "Name"), StringComparison.Ordinal);
        Assert.NotNull(FieldError(refused, "ListSlug"));
        Assert.Equal("每页 1 到 100 条。", FieldError(refused, "ListPageSize"));
        Assert.Contains("value=\"500\"", refused, StringComparison.Ordinal);

        var taken = await BadRequestAsync(await SubmitAsync(admin, $"{Types}/new", $"{Types}/new", ("Name", "project"), ("DisplayName", "另一个"), ("Parts", "Title")));
        Assert.Contains("Project", FieldError(taken, "Name"), StringComparison.Ordinal);

        var newField = $"{Types}/Project/fields/new";
        var duplicate = await BadRequestAsync(await SubmitAsync(admin, newField + "?kind=text", newField,
            ("Kind", "text"), ("Name", "budGet"), ("DisplayName", "又一个预算")));
        Assert.Contains("budget", FieldError(duplicate, "Name"), StringComparison.Ordinal);
        Assert.Contains("value=\"又一个预算\"", duplicate, StringComparison.Ordinal);

        var noOptions = await BadRequestAsync(await SubmitAsync(admin, newField + "?kind=choice", newField,
            ("Kind", "choice"), ("Name", "level"), ("DisplayName", "级别"), ("Options", " \r\n ")));
        Assert.Equal("选择字段至少要有一个选项。", FieldError(noOptions, "Options"));
        Assert.Contains("value=\"level\"", noOptions, StringComparison.Ordinal);

        var badOption = await BadRequestAsync(await SubmitAsync(admin, newField + "?kind=choice", newField,
            ("Kind", "choice"), ("Name", "level"), ("DisplayName", "级别"), ("Options", "a|甲\nb c|乙")));
        Assert.StartsWith("第 2 行", FieldError(badOption, "Options"), StringComparison.Ordinal);
        Assert.Contains("a|甲\nb c|乙</textarea>", WebUtility.HtmlDecode(badOption), StringComparison.Ordinal); // the input as typed

        var minAboveMax = await BadRequestAsync(await SubmitAsync(admin, newField + "?kind=number", newField,
            ("Kind", "number"), ("Name", "area"), ("DisplayName", "面积"), ("Minimum", "10"), ("Maximum", "5"), ("Decimals", "two")));
        Assert.Equal("最大值不能小于最小值。", FieldError(minAboveMax, "Maximum"));
        Assert.Equal("“two”不是整数。", FieldError(minAboveMax, "Decimals"));
        Assert.Contains("value=\"10\"", minAboveMax, StringComparison.Ordinal);
        Assert.Contains("value=\"5\"", minAboveMax, StringComparison.Ordinal);

        var lengths = await BadRequestAsync(await SubmitAsync(admin, newField + "?kind=text", newField,
            ("Kind", "text"), ("Name", "motto"), ("DisplayName", "口号"), ("MinLength", "10"), ("MaxLength", "5"), ("Pattern", "([a-z")));
        Assert.NotNull(FieldError(lengths, "MaxLength"));
        Assert.NotNull(FieldError(lengths, "Pattern"));

        // The same checks on a stored field's editor; the field keeps its stored settings.
        var budget = await BadRequestAsync(await SubmitAsync(admin, $"{Types}/Project/fields/budget/edit", $"{Types}/Project/fields/budget/edit",
            ("DisplayName", "预算"), ("Minimum", "1e9"), ("Maximum", "100")));
        Assert.Equal("“1e9”不是数字。", FieldError(budget, "Minimum"));

        // A post without the page's antiforgery token is refused before anything is read.
        using var forged = new FormUrlEncodedContent([new("Name", "Forged"), new("DisplayName", "伪造"), new("Parts", "Title")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"{Types}/new", forged)).StatusCode);

        await using var scope = await host.ScopeAsync("alpha");
        var stored = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().ListAsync();
        var type = Assert.Single(stored);
        Assert.Equal(ProjectType().Fields.Select(f => f.Name), type.Fields.Select(f => f.Name));
        Assert.Equal(1_000_000m, type.Field("budget")!.Maximum);
    }

    [Fact]
    public async Task Removing_a_field_keeps_the_values_items_hold_and_adding_it_back_shows_them()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await SaveTypeAsync(host, ProjectType());
        string id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var saved = await scope.ServiceProvider.GetRequiredService<IContentManager>().SaveAsync(Item("Project", "长者饭堂", fields: f => f["budget"] = "1200.5"));
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            id = saved.Value!.ContentItemId;
        }

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var confirm = await admin.GetStringAsync($"{Types}/Project/fields/budget/remove");
        Assert.Contains("已有内容中这个字段的值不会删除", confirm, StringComparison.Ordinal);
        var oldVersion = Version(confirm);

        var removed = await SubmitAsync(admin, $"{Types}/Project/fields/budget/remove", $"{Types}/Project/fields/budget/remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal($"{Types}/Project/edit?saved=removed#fields", removed.Headers.Location?.OriginalString);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var type = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project");
            Assert.Null(type!.Field("budget"));
            var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().GetLatestAsync(id);
            Assert.Equal(1200.5m, item!.Fields["budget"]!.GetValue<decimal>());
        }

        // A form made before the removal is refused: the type changed since.
        var stale = await PostAsync(admin, $"{Types}/Project/fields/organiser/remove", $"{Types}/Project/fields/organiser/remove", ("Version", oldVersion));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("有人修改了这个内容类型", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(admin, $"{Types}/Project/fields/new?kind=number", $"{Types}/Project/fields/new",
            ("Kind", "number"), ("Name", "budget"), ("DisplayName", "预算"))).StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var type = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project");
            Assert.NotNull(type!.Field("organiser"));
            Assert.Equal("budget", type.Fields[^1].Name);
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var item = (await contents.GetLatestAsync(id))!;
            Assert.Equal(1200.5m, item.Fields["budget"]!.GetValue<decimal>());

            // Saved again under the type that has the field back, the value is checked and kept as the field's value.
            item.Title = "长者饭堂（二期）";
            var saved = await contents.SaveAsync(item);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            Assert.Equal(1200.5m, (await contents.GetLatestAsync(id))!.Fields["budget"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task Fields_move_up_and_down_and_a_stale_form_changes_nothing()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await SaveTypeAsync(host, ProjectType());
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var edit = $"{Types}/Project/edit";
        var page = await admin.GetStringAsync(edit);
        var version = Version(page);

        var up = await PostAsync(admin, edit, $"{Types}/Project/fields/budget/move", ("Direction", "up"), ("Version", version));
        Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        Assert.Equal(["budget", "organiser", "open"], (await FieldsAsync(host))[..3]);

        var down = await SubmitAsync(admin, edit, $"{Types}/Project/fields/organiser/move", ("Direction", "down"));
        Assert.Equal(HttpStatusCode.Redirect, down.StatusCode);
        Assert.Equal(["budget", "open", "organiser", "starts"], (await FieldsAsync(host))[..4]);

        // The last field cannot go further down.
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(admin, edit, $"{Types}/Project/fields/units/move", ("Direction", "down"))).StatusCode);
        Assert.Equal("units", (await FieldsAsync(host))[^1]);

        // The page the first move was made from is out of date now.
        var stale = await PostAsync(admin, edit, $"{Types}/Project/fields/open/move", ("Direction", "up"), ("Version", version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(["budget", "open", "organiser", "starts"], (await FieldsAsync(host))[..4]);

        // So is an edit of the type's settings: refused, with the admin's input kept.
        var settings = await PostAsync(admin, edit, edit, ("DisplayName", "改过的名字"), ("Parts", "Title"), ("Version", version));
        Assert.Equal(HttpStatusCode.Conflict, settings.StatusCode);
        var html = await settings.Content.ReadAsStringAsync();
        Assert.Contains("value=\"改过的名字\"", html, StringComparison.Ordinal);
        Assert.Contains("有人修改了这个内容类型", html, StringComparison.Ordinal);
        await using var scope = await host.ScopeAsync("alpha");
        Assert.Equal("公益项目", (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project"))!.DisplayName.Chinese);
    }

    [Fact]
    public async Task A_type_with_items_cannot_be_deleted_and_one_without_can()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await SaveTypeAsync(host, ProjectType());
        string id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            id = (await scope.ServiceProvider.GetRequiredService<IContentManager>().SaveAsync(Item("Project", "儿童之家"))).Value!.ContentItemId;
        }

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var delete = $"{Types}/Project/delete";
        Assert.Contains("这个类型还有 1 条内容", await admin.GetStringAsync(delete), StringComparison.Ordinal);
        var refused = await SubmitAsync(admin, delete, delete, ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("还有 1 条“公益项目”内容", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project"));
            Assert.True((await scope.ServiceProvider.GetRequiredService<IContentManager>().DeleteAsync(id)).Succeeded);
        }

        var deleted = await SubmitAsync(admin, delete, delete, ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal($"{Types}?deleted=true", deleted.Headers.Location?.OriginalString);
        Assert.Contains("内容类型已删除", await admin.GetStringAsync(deleted.Headers.Location!.OriginalString), StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().ListAsync());
        }

        Assert.Single(await host.AuditAsync("alpha", "contents", "type-delete"), e => e.Subject == "Project" && e.UserName == "admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Types}/Project/edit")).StatusCode);
    }

    [Fact]
    public async Task Community_staff_without_the_permission_get_403_and_no_menu_entry()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await SaveTypeAsync(host, ProjectType());
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Types)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Types}/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Types}/Project/edit")).StatusCode);
        var token = await IdentityTestSupport.AntiforgeryTokenAsync(staff, "/alpha/admin/grid");
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Confirm", "true")]);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"{Types}/Project/delete", form)).StatusCode);

        // The admin menu offers the items to staff (they may view contents) but not the types.
        var menu = await staff.GetStringAsync("/alpha/admin/grid");
        Assert.Contains("href=\"/alpha/admin/contents\"", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/alpha/admin/contents/types\"", menu, StringComparison.Ordinal);

        await using var scope = await host.ScopeAsync("alpha");
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project"));
    }

    [Fact]
    public async Task A_type_defined_in_one_district_does_not_exist_in_another()
    {
        await using var host = new TestHost().WithContentTenant("alpha").WithContentTenant("beta");
        host.Start();
        var alpha = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var created = await SubmitAsync(alpha, $"{Types}/new", $"{Types}/new",
            ("Name", "Project"), ("DisplayName", "公益项目"), ("Parts", "Title"), ("ListSlug", "projects"), ("ListPageSize", "10"), ("ListOrder", "newest"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("Project", await beta.GetStringAsync("/beta/admin/contents/types"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync("/beta/admin/contents/types/Project/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync("/beta/admin/contents/types/Project/fields/new?kind=text")).StatusCode);
        await using (var scope = await host.ScopeAsync("beta"))
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().ListAsync());
        }

        // The same code name and list address are free in beta.
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(beta, "/beta/admin/contents/types/new", "/beta/admin/contents/types/new",
            ("Name", "Project"), ("DisplayName", "项目"), ("Parts", "Title"), ("ListSlug", "projects"), ("ListPageSize", "10"), ("ListOrder", "newest"))).StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Equal("公益项目", (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project"))!.DisplayName.Chinese);
        }

        // alpha's sign-in does not open beta's admin.
        Assert.NotEqual(HttpStatusCode.OK, (await alpha.GetAsync("/beta/admin/contents/types")).StatusCode);
    }

    [Fact]
    public async Task Without_the_grid_the_grid_part_and_the_grid_picker_are_not_offered()
    {
        await using var host = new TestHost().WithTenant("gamma", ["GovPlatform.Contents", "GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"],
            extraSteps: IdentityTestSupport.UsersStep(("admin", IdentityTestSupport.AdminPassword, ["Administrator"], [])));
        host.Start();
        var admin = await host.SignedInAsync("gamma", "admin", IdentityTestSupport.AdminPassword);
        const string types = "/gamma/admin/contents/types";

        var blank = await admin.GetStringAsync($"{types}/new");
        Assert.DoesNotContain("id=\"PartGrid\"", blank, StringComparison.Ordinal);
        Assert.Contains("id=\"PartLocation\"", blank, StringComparison.Ordinal);

        // A hand-made post with the grid part is refused by the store's check, beside the parts.
        var refused = await BadRequestAsync(await SubmitAsync(admin, $"{types}/new", $"{types}/new",
            ("Name", "Notice"), ("DisplayName", "通知"), ("Parts", "Title"), ("Parts", "Grid")));
        Assert.Contains("网格", FieldError(refused, "Parts"), StringComparison.Ordinal);
        Assert.Matches("id=\"PartGrid\"[^>]*checked", refused); // the admin's choice stays visible, so it can be unticked

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(admin, $"{types}/new", $"{types}/new",
            ("Name", "Notice"), ("DisplayName", "通知"), ("Parts", "Title"))).StatusCode);
        Assert.DoesNotContain("value=\"gridPicker\"", await admin.GetStringAsync($"{types}/Notice/edit"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{types}/Notice/fields/new?kind=gridPicker")).StatusCode);
    }

    private static async Task SaveTypeAsync(TestHost host, ContentTypeDefinition type)
    {
        await using var scope = await host.ScopeAsync("alpha");
        var result = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(type);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    private static async Task<string[]> FieldsAsync(TestHost host)
    {
        await using var scope = await host.ScopeAsync("alpha");
        var type = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project");
        return [.. type!.Fields.Select(f => f.Name)];
    }

    /// <summary>Posts a form of <paramref name="pageUrl"/> with its antiforgery token and the type version it carries, as a browser does.</summary>
    /// <summary>Posts a type form with the version its page carries, as a browser would.</summary>
    internal static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        return await PostAsync(client, pageUrl, postUrl, [.. fields, ("Version", VersionPattern().Match(page).Groups[1].Value)]);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string postUrl, params (string Name, string Value)[] fields) =>
        IdentityTestSupport.PostFormAsync(client, pageUrl, postUrl, fields);

    private static async Task<string> BadRequestAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {html}");
        Assert.Contains("什么都还没有保存", html, StringComparison.Ordinal);
        return html;
    }

    private static string Version(string html) =>
        VersionPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No version in the page.");

    /// <summary>The error shown beside the input <paramref name="id"/>, or null.</summary>
    private static string? FieldError(string html, string id) =>
        Regex.Match(html, $"<p class=\"gp-field-error\" id=\"{Regex.Escape(id)}-error\">([^<]*)</p>") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : null;

    [GeneratedRegex("name=\"Version\" value=\"([0-9a-f]+)\"")]
    private static partial Regex VersionPattern();
}
