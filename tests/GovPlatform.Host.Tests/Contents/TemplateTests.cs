using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GovPlatform.Contents;
using GovPlatform.Contents.Rendering;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Contents;

/// <summary>Template overrides in a running host: the admin pages (checked on save, audited, reset) and tenant isolation.</summary>
public sealed class TemplateTests
{
    private const string StaffPassword = "Staff-pass-2024";

    [Fact]
    public async Task An_override_is_checked_before_it_is_saved_then_audited_and_reset()
    {
        await using var host = new TestHost().WithContentsTenant("alpha");
        host.Start();
        await DefineTypeAsync(host, "alpha");
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        const string Page = "/alpha/admin/contents/templates/list-Project";

        var index = await admin.GetStringAsync("/alpha/admin/contents/templates");
        Assert.Contains("href=\"/alpha/admin/contents/templates/list-Project\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/admin/contents/templates/item-Project\"", index, StringComparison.Ordinal);
        Assert.Contains("主题默认", index, StringComparison.Ordinal);

        // The page shows the theme's template and a preview of it with sample items.
        var edit = await admin.GetStringAsync(Page);
        Assert.Contains("civic-list", edit, StringComparison.Ordinal);
        Assert.Contains("<iframe sandbox title=", edit, StringComparison.Ordinal);
        Assert.Contains("示例标题 1", edit, StringComparison.Ordinal);

        // A syntax error: 400 with its line, the text kept in the form, nothing saved.
        const string Broken = "<ul class=\"mine\">\n{% for item in items %}\n  <li>{{ item.title }</li>\n{% endfor %}</ul>";
        var refused = await IdentityTestSupport.PostFormAsync(admin, Page, Page, ("Text", Broken), ("Action", "save"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("第 3 行", refusedPage, StringComparison.Ordinal);
        Assert.Contains("{{ item.title }&lt;/li&gt;", refusedPage, StringComparison.Ordinal);

        // A template that parses but runs away: refused by the trial render with the sample.
        const string Endless = "{% for i in (1..9999) %}{% for j in (1..9999) %}{{ j }}{% endfor %}{% endfor %}";
        var runaway = await IdentityTestSupport.PostFormAsync(admin, Page, Page, ("Text", Endless), ("Action", "save"));
        Assert.Equal(HttpStatusCode.BadRequest, runaway.StatusCode);
        Assert.Contains("100,000", await runaway.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Reading files is refused with where the tag is.
        var include = await IdentityTestSupport.PostFormAsync(admin, Page, Page, ("Text", "<p>\n{% include '/etc/passwd' %}</p>"), ("Action", "save"));
        Assert.Equal(HttpStatusCode.BadRequest, include.StatusCode);
        var includePage = await include.Content.ReadAsStringAsync();
        Assert.Contains("第 2 行第 1 列", includePage, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", includePage, StringComparison.Ordinal);

        // A preview renders the sample and saves nothing.
        const string Good = "<ul class=\"mine\">{% for item in items %}<li>{{ item.title }}</li>{% endfor %}</ul>{{ pager_html | raw }}";
        var preview = await IdentityTestSupport.PostFormAsync(admin, Page, Page, ("Text", Good), ("Action", "preview"));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("&lt;li&gt;示例标题 2&lt;/li&gt;", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ContentTemplateStore>().GetAsync("list-Project"));
        }

        Assert.Empty(await host.AuditAsync("alpha", "contents", "template-save"));

        // A good template: saved, audited with its text, and rendered from then on.
        var saved = await IdentityTestSupport.PostFormAsync(admin, Page, Page, ("Text", Good), ("Action", "save"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Page + "?saved=true", saved.Headers.Location?.OriginalString);
        Assert.Contains("已保存", await admin.GetStringAsync(Page + "?saved=true"), StringComparison.Ordinal);
        var entry = Assert.Single(await host.AuditAsync("alpha", "contents", "template-save"));
        Assert.Equal(("list-Project", "admin"), (entry.Subject, entry.UserName));
        Assert.Equal(Good, JsonNode.Parse(entry.After!)!["text"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(entry.Before!)!["text"]);
        Assert.Contains("已替换", await admin.GetStringAsync("/alpha/admin/contents/templates"), StringComparison.Ordinal);
        Assert.Contains("<ul class=\"mine\"><li>食堂开业</li></ul>", await RenderListAsync(host, "alpha"), StringComparison.Ordinal);

        // Reset: the theme's template is back, audited with the text it removed.
        var reset = await IdentityTestSupport.PostFormAsync(admin, Page, Page + "/reset", ("Confirm", "true"));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var resetEntry = Assert.Single(await host.AuditAsync("alpha", "contents", "template-reset"));
        Assert.Equal(Good, JsonNode.Parse(resetEntry.Before!)!["text"]!.GetValue<string>());
        Assert.Contains("<section class=\"civic-list", await RenderListAsync(host, "alpha"), StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<ContentTemplateStore>().ListAsync());
        }

        // Resetting again has nothing to remove.
        Assert.Equal(HttpStatusCode.BadRequest, (await IdentityTestSupport.PostFormAsync(admin, Page, Page + "/reset", ("Confirm", "true"))).StatusCode);
    }

    [Fact]
    public async Task Only_the_templates_of_existing_types_can_be_overridden_and_only_by_those_who_manage_types()
    {
        await using var host = new TestHost().WithContentsTenant("alpha");
        host.Start();
        await DefineTypeAsync(host, "alpha");
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/alpha/admin/contents/templates/list-Nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/alpha/admin/contents/templates/pager")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/alpha/admin/contents/templates/field-text-Project")).StatusCode);

        // Community staff edit contents but do not manage types: no templates.
        var staff = await host.SignedInAsync("alpha", "staff", StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/alpha/admin/contents/templates/list-Project")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await host.Client().GetAsync("/alpha/admin/contents/templates")).StatusCode);

        // A form posted without its antiforgery token is refused.
        using var forged = new FormUrlEncodedContent([KeyValuePair.Create("Text", "<p>x</p>"), KeyValuePair.Create("Action", "save")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/alpha/admin/contents/templates/list-Project", forged)).StatusCode);
        await using var scope = await host.ScopeAsync("alpha");
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ContentTemplateStore>().ListAsync());
    }

    [Fact]
    public async Task An_override_saved_in_one_tenant_does_not_change_another_tenants_rendering()
    {
        await using var host = new TestHost()
            .WithContentsTenant("alpha")
            .WithContentsTenant("beta", red: true);
        host.Start();
        await DefineTypeAsync(host, "alpha");
        await DefineTypeAsync(host, "beta");

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var result = await scope.ServiceProvider.GetRequiredService<ContentTemplateStore>()
                .SaveAsync("item-Project", "<div class=\"alpha-only\">{{ item.title }} · {{ site.name }}</div>");
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        }

        Assert.Equal("<div class=\"alpha-only\">食堂开业 · alpha区</div>", await RenderItemAsync(host, "alpha"));

        // The same type in beta keeps its theme's template (Red), with its own site.
        var beta = await RenderItemAsync(host, "beta");
        Assert.Contains("<article class=\"red-article content-item content-type-Project\">", beta, StringComparison.Ordinal);
        Assert.DoesNotContain("alpha-only", beta, StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("beta"))
        {
            var store = scope.ServiceProvider.GetRequiredService<ContentTemplateStore>();
            Assert.Empty(await store.ListAsync());
            Assert.Contains("red-article", await store.GetEffectiveTextAsync("item-Project"), StringComparison.Ordinal);
        }

        // Saving the same text in beta renders it with beta's data only.
        await using (var scope = await host.ScopeAsync("beta"))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ContentTemplateStore>()
                .SaveAsync("item-Project", "<div class=\"alpha-only\">{{ item.title }} · {{ site.name }}</div>")).Succeeded);
        }

        Assert.Equal("<div class=\"alpha-only\">食堂开业 · beta区</div>", await RenderItemAsync(host, "beta"));
        Assert.Empty(await host.AuditAsync("alpha", "contents", "template-reset"));
        Assert.Single(await host.AuditAsync("beta", "contents", "template-save"));
    }

    private static ContentTypeDefinition ProjectType() => new()
    {
        Name = "Project",
        DisplayName = new("公益项目", "Public-benefit project"),
        Parts = [new() { Kind = ContentPartKind.Title }, new() { Kind = ContentPartKind.Body, Format = BodyFormat.Markdown }, new() { Kind = ContentPartKind.Route }, new() { Kind = ContentPartKind.Publish }],
        Fields =
        [
            new() { Name = "budget", Kind = ContentFieldKind.Number, DisplayName = new("预算", "Budget"), Unit = new("元", "yuan") },
            new() { Name = "open", Kind = ContentFieldKind.Boolean, DisplayName = new("开放", "Open") },
        ],
        List = new ContentListSettings { Slug = "projects", PageSize = 10 },
    };

    private static ContentItem ProjectItem() => new()
    {
        ContentItemId = "01HZX0000000000000000000AA",
        VersionNumber = 1,
        ContentType = "Project",
        Latest = true,
        Published = true,
        Title = "食堂开业",
        Body = "社区**长者食堂**开业。",
        Slug = "projects/canteen",
        PublishedUtc = new DateTime(2024, 5, 1, 2, 0, 0, DateTimeKind.Utc),
        ModifiedUtc = new DateTime(2024, 5, 1, 2, 0, 0, DateTimeKind.Utc),
        Fields = new JsonObject { ["budget"] = 50000, ["open"] = true },
    };

    /// <summary>Defines the type in the tenant: through its definition store once the module has one, else in the document the store keeps.</summary>
    private static async Task DefineTypeAsync(TestHost host, string tenant)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var result = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(ProjectType());
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
    }

    private static async Task<string> RenderItemAsync(TestHost host, string tenant)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<ContentRenderer>().RenderItemAsync(ProjectItem(), ProjectType(), default);
    }

    private static async Task<string> RenderListAsync(TestHost host, string tenant)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<ContentRenderer>()
            .RenderListAsync(ProjectType(), new ContentPage([ProjectItem()], 1, 1, 10), n => $"/{tenant}/projects?page={n}", default);
    }
}

/// <summary>A tenant with contents, the Civic (or Red) theme and the admin theme, an administrator and a community staff member.</summary>
internal static class ContentsTestTenants
{
    public static TestHost WithContentsTenant(this TestHost host, string name, bool red = false) => host.WithTenant(
        name,
        ["GovPlatform.Contents", red ? "GovPlatform.Themes.Red" : "GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"],
        definition: red ? json => json["Theme"] = "GovPlatform.Themes.Red" : null,
        extraSteps: IdentityTestSupport.UsersStep(
            ("admin", IdentityTestSupport.AdminPassword, ["Administrator"], []),
            ("staff", "Staff-pass-2024", ["CommunityStaff"], [])));
}
