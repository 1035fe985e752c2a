using System.Net;
using GovPlatform.Contents;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identity.Services;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Contents;

/// <summary>The districts' recipes' contents, and the walk-through: 越秀 defines 公益项目 and publishes it; 莲湖 does not have it.</summary>
public sealed class DistrictContentTests
{
    [Theory]
    [InlineData("zhanqian", "FiveElderStudio")]
    [InlineData("lianhu", "ServiceCentre")]
    [InlineData("wanyuan", "WorkRule")]
    [InlineData("yuexiu", "BenefitProject")]
    public async Task Each_district_starts_with_its_own_types_and_published_content(string tenant, string ownType)
    {
        await using var host = new TestHost().WithRepositoryTenants();
        host.Start();
        await using (var scope = await host.ScopeAsync(tenant))
        {
            var types = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().ListAsync();
            Assert.Contains(types, t => t.Name == "News");
            Assert.Contains(types, t => t.Name == ownType);
            var news = await scope.ServiceProvider.GetRequiredService<IContentManager>().QueryAsync(new ContentQuery { ContentType = "News", PublishedOnly = true });
            Assert.True(news.Total >= 3, $"{tenant} publishes {news.Total} news items");
        }

        var client = host.Client();
        var list = await client.GetAsync($"/{tenant}/news");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains("新闻动态", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{tenant}/news\"", await client.GetStringAsync($"/{tenant}/"), StringComparison.Ordinal); // in the site menu
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{tenant}/rules")).StatusCode);
    }

    [Fact]
    public async Task Yuexiu_defines_public_benefit_projects_publishes_three_overrides_the_list_and_lianhu_does_not_have_them()
    {
        await using var host = new TestHost().WithRepositoryTenants();
        host.Start();
        await using (var scope = await host.ScopeAsync("yuexiu"))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            Assert.True((await accounts.CreateAsync("admin", "admin@yuexiu.example.cn", "管理员", null, IdentityTestSupport.AdminPassword, ["Administrator"])).Result.Succeeded);
        }

        var admin = await host.SignedInAsync("yuexiu", "admin", IdentityTestSupport.AdminPassword);
        const string Types = "/yuexiu/admin/contents/types";
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, $"{Types}/new", $"{Types}/new",
            ("Name", "PublicBenefitProject"), ("DisplayName", "公益项目"), ("EnglishName", "Public-benefit project"),
            ("Parts", "Title"), ("Parts", "Body"), ("Parts", "Route"), ("Parts", "Publish"), ("Parts", "Grid"),
            ("TitleRequired", "true"), ("BodyFormat", "markdown"), ("ListSlug", "projects"), ("ListPageSize", "10"), ("ListOrder", "title"))).StatusCode);
        foreach (var field in new[]
        {
            new[] { ("Kind", "text"), ("Name", "organiser"), ("DisplayName", "实施单位"), ("EnglishName", "Organiser"), ("Required", "true"), ("MaxLength", "60") },
            [("Kind", "number"), ("Name", "beneficiaries"), ("DisplayName", "受益人数"), ("EnglishName", "Beneficiaries"), ("Minimum", "0"), ("Decimals", "0"), ("Unit", "人"), ("EnglishUnit", "people")],
            [("Kind", "choice"), ("Name", "area"), ("DisplayName", "服务领域"), ("EnglishName", "Area"), ("Options", "elderly|为老服务|Elderly care\nchildren|儿童关爱|Children\nhelp|困难帮扶|Hardship relief")],
        })
        {
            var kind = field[0].Item2;
            Assert.Equal(HttpStatusCode.Redirect, (await TypeAdminTests.SubmitAsync(admin, $"{Types}/PublicBenefitProject/fields/new?kind={kind}", $"{Types}/PublicBenefitProject/fields/new", field)).StatusCode);
        }

        var projects = new[] { ("长者饭堂", "elderly", "320"), ("四点半课堂", "children", "150"), ("微心愿", "help", "86") };
        foreach (var (title, area, people) in projects)
        {
            var saved = await IdentityTestSupport.PostFormAsync(admin, "/yuexiu/admin/contents/new/PublicBenefitProject", "/yuexiu/admin/contents/new/PublicBenefitProject",
                ("Title", title), ("Body", $"**{title}**由驻区单位和社会组织共同实施。"), ("f.organiser", "越秀区社会组织联合会"),
                ("f.beneficiaries", people), ("f.area", area), ("submit", "publish"));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        const string ListTemplate = "/yuexiu/admin/contents/templates/list-PublicBenefitProject";
        var template = """
            <h1 class="benefit-title">{{ type.display_name }}（{{ page.total }}）</h1>
            <ol class="benefit-list">{% for item in items %}<li><a href="{{ item.url }}">{{ item.title }}</a> · {{ item.fields.organiser.text }} · {{ item.fields.beneficiaries.text }}</li>{% endfor %}</ol>
            """;
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, ListTemplate, ListTemplate, ("Text", template), ("Action", "save"))).StatusCode);

        var visitor = host.Client();
        var page = await visitor.GetStringAsync("/yuexiu/projects");
        Assert.Contains("<h1 class=\"benefit-title\">公益项目（3）</h1>", page, StringComparison.Ordinal);
        Assert.Matches("四点半课堂.*微心愿.*长者饭堂", page.Replace("\n", " ", StringComparison.Ordinal)); // ordered by title
        Assert.Contains("越秀区社会组织联合会", page, StringComparison.Ordinal);
        var first = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/yuexiu/projects/[^\"]+)\"").Groups[1].Value;
        var item = await visitor.GetStringAsync(first);
        Assert.Contains("由驻区单位和社会组织共同实施", item, StringComparison.Ordinal);
        Assert.Contains("<strong>", item, StringComparison.Ordinal); // Markdown rendered

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/lianhu/projects")).StatusCode);
        Assert.Contains("href=\"/yuexiu/projects\"", await visitor.GetStringAsync("/yuexiu/"), StringComparison.Ordinal);
        // The red grid's own projects page (/lianhu/redgrid/projects) is in 莲湖's menu since it has the red grid; the content list is not.
        Assert.DoesNotContain("href=\"/lianhu/projects\"", await visitor.GetStringAsync("/lianhu/"), StringComparison.Ordinal);
        await using var lianhu = await host.ScopeAsync("lianhu");
        Assert.Null(await lianhu.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("PublicBenefitProject"));
        Assert.Equal(0, (await lianhu.ServiceProvider.GetRequiredService<IContentManager>().QueryAsync(new ContentQuery { ContentType = "PublicBenefitProject" })).Total);
    }
}
