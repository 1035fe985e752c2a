using System.Net;
using System.Text.Json.Nodes;
using GovPlatform.Contents;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// The public red grid page: coverage figures on the small grid, centres per level, the latest completed public projects
/// (no owner's name, no phone), party-building news through the contents module when the tenant has the type and none
/// when it has not, another tenant's news and projects never shown, and the tenant's theme on every public red grid page:
/// the civic theme on a test tenant, the red theme on the real 站前 recipe.
/// </summary>
public sealed class SiteTests
{
    private const string CivicMarker = "data-theme=\"GovPlatform.Themes.Civic\"";
    private const string RedMarker = "data-theme=\"GovPlatform.Themes.Red\"";
    private const string NewsBlock = "class=\"redgrid-news\"";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_red_grid_page_shows_coverage_centres_projects_and_news_only_of_its_own_tenant(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithRedGridTenant("beta").WithProviderAsync(provider);
        WithContents(host, "alpha");
        WithContents(host, "beta");
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var courtyards = new[]
            {
                new Courtyard { GridUnitCode = "D-01-01-01", Name = "一号院", Active = true },
                new Courtyard { GridUnitCode = "D-01-01-02", Name = "二号院", Active = true },
                new Courtyard { GridUnitCode = "D-01-01-02", Name = "三号院", Active = true },
            };
            await RedGridTestData.SaveAsync(services, [.. courtyards]);
            await RedGridTestData.SaveAsync(services,
                RedGridTestData.Organisation("zb-1", OrganisationKind.GridBranch, "D-01-01-01"),
                RedGridTestData.Organisation("xz-1", OrganisationKind.CourtyardGroup, "D-01-01-01", courtyards[0].Id),
                RedGridTestData.Organisation("hh-1", OrganisationKind.MemberHousehold, "D-01-01-01"),
                RedGridTestData.Organisation("hh-2", OrganisationKind.MemberHousehold, "D-01-01-02"),
                Centre("district-hub", CentreLevel.District, "D"),
                Centre("c-1", CentreLevel.Community, "D-01-01"),
                Centre("c-2", CentreLevel.Community, "D-01-02"),
                Centre("closed", CentreLevel.Street, "D-02", active: false));
            await AddProjectAsync(services, "老年食堂共建", "D-01-01", shown: true, completed: true);
            await AddProjectAsync(services, "隐藏的项目", "D-01-01", shown: false, completed: true);
            await AddProjectAsync(services, "进行中的项目", "D-01-02", shown: true, completed: false);

            var types = services.GetRequiredService<IContentDefinitionStore>();
            Assert.True((await types.SaveAsync(PartyNewsType())).Succeeded);
            var contents = services.GetRequiredService<IContentManager>();
            for (var i = 1; i <= 6; i++)
            {
                var item = (await contents.NewAsync("PartyNews"))!;
                item.Title = $"阿尔法党建动态{i}";
                item.Body = "正文";
                item.Slug = $"party-building/alpha-{i}";
                item.Fields["summary"] = $"摘要{i}";
                item.Fields["organisation"] = "一社区党委";
                Assert.True((await contents.SaveAsync(item, publish: i != 3)).Succeeded);
            }
        }

        await using (var scope = await host.ScopeAsync("beta"))
        {
            await AddProjectAsync(scope.ServiceProvider, "贝塔项目", "D-02-01", shown: true, completed: true);
        }

        var client = host.Client();
        var alpha = await client.GetStringAsync("/alpha/redgrid");
        Assert.Contains(CivicMarker, alpha, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/redgrid\"", alpha, StringComparison.Ordinal);

        // One of the two grids has a branch; one of the three courtyards a group; two member households.
        Assert.Contains("<strong>1 / 2</strong>", alpha, StringComparison.Ordinal);
        Assert.Contains("(50%)", alpha, StringComparison.Ordinal);
        Assert.Contains("<strong>1 / 3</strong>", alpha, StringComparison.Ordinal);
        Assert.Contains("(33.3%)", alpha, StringComparison.Ordinal);
        Assert.Contains("<strong>2</strong>", alpha, StringComparison.Ordinal);

        // Active centres per level: one district, two community centres.
        Assert.Contains("<strong>1</strong> <span>区党群服务中心</span>", alpha, StringComparison.Ordinal);
        Assert.Contains("<strong>2</strong> <span>社区党群服务站</span>", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("街道党群服务中心</span>", alpha, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/redgrid/centres\"", alpha, StringComparison.Ordinal);

        // Completed public projects only, without the owner's name or the resident unit's phone.
        Assert.Contains("老年食堂共建", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("隐藏的项目", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("进行中的项目", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("贝塔项目", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("王负责", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("13900000000", alpha, StringComparison.Ordinal);

        // The latest four published news (6, 5, 4, 2), newest first; the draft is not public; links to the item and the list.
        Assert.Contains(NewsBlock, alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("阿尔法党建动态1<", alpha, StringComparison.Ordinal);
        Assert.DoesNotContain("阿尔法党建动态3", alpha, StringComparison.Ordinal);
        Assert.True(alpha.IndexOf("阿尔法党建动态6", StringComparison.Ordinal) < alpha.IndexOf("阿尔法党建动态2", StringComparison.Ordinal));
        Assert.Contains("href=\"/alpha/party-building/alpha-5\"", alpha, StringComparison.Ordinal);
        Assert.Contains("摘要5", alpha, StringComparison.Ordinal);
        Assert.Contains("href=\"/alpha/party-building\"", alpha, StringComparison.Ordinal);

        // The news list and an item render in the tenant's theme.
        Assert.Contains(CivicMarker, await client.GetStringAsync("/alpha/party-building"), StringComparison.Ordinal);
        Assert.Contains(CivicMarker, await client.GetStringAsync("/alpha/party-building/alpha-5"), StringComparison.Ordinal);
        Assert.Contains(CivicMarker, await client.GetStringAsync("/alpha/redgrid/centres"), StringComparison.Ordinal);
        Assert.Contains(CivicMarker, await client.GetStringAsync("/alpha/redgrid/projects"), StringComparison.Ordinal);

        // Beta has the contents module but no party-building type: no news block, nothing of alpha's.
        var beta = await client.GetStringAsync("/beta/redgrid");
        Assert.Contains(CivicMarker, beta, StringComparison.Ordinal);
        Assert.DoesNotContain(NewsBlock, beta, StringComparison.Ordinal);
        Assert.DoesNotContain("阿尔法", beta, StringComparison.Ordinal);
        Assert.DoesNotContain("老年食堂共建", beta, StringComparison.Ordinal);
        Assert.Contains("贝塔项目", beta, StringComparison.Ordinal);
        Assert.Contains("<strong>0 / 2</strong>", beta, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/beta/party-building/alpha-5")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/beta/party-building")).StatusCode);
    }

    [Fact]
    public async Task Without_the_contents_module_the_red_grid_page_has_no_news_block()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        var response = await host.Client().GetAsync("/alpha/redgrid");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(NewsBlock, page, StringComparison.Ordinal);
        Assert.Contains("<strong>0 / 2</strong>", page, StringComparison.Ordinal);
        Assert.Contains("暂无已完成的项目", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zhanqian_shows_its_party_building_news_on_the_red_grid_page_in_the_red_theme()
    {
        await using var host = new TestHost().WithRepositoryTenants();
        host.Start();
        var client = host.Client();
        var page = await client.GetStringAsync("/zhanqian/redgrid");
        Assert.Contains(RedMarker, page, StringComparison.Ordinal);
        Assert.Contains("<strong>274 / 279</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>1098 / 1112</strong>", page, StringComparison.Ordinal);
        Assert.Contains(NewsBlock, page, StringComparison.Ordinal);
        Assert.Contains("党建动态", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/zhanqian/party-building/hong-wangge\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/zhanqian/party-building\"", page, StringComparison.Ordinal);

        // The type's five items are public, newest first, and each page is in the red theme.
        var list = await client.GetStringAsync("/zhanqian/party-building");
        Assert.Contains(RedMarker, list, StringComparison.Ordinal);
        foreach (var slug in new[] { "hong-wangge", "sandan-balian", "wudamen-dangwei", "sanji-shuji", "yuexiu-shuang-jiedui" })
        {
            Assert.Contains($"/zhanqian/party-building/{slug}\"", list, StringComparison.Ordinal);
        }

        var item = await client.GetStringAsync("/zhanqian/party-building/hong-wangge");
        Assert.Contains(RedMarker, item, StringComparison.Ordinal);
        Assert.Contains("网格支部近300个", item, StringComparison.Ordinal);
        Assert.Contains(RedMarker, await client.GetStringAsync("/zhanqian/redgrid/centres"), StringComparison.Ordinal);
        Assert.Contains(RedMarker, await client.GetStringAsync("/zhanqian/redgrid/projects"), StringComparison.Ordinal);

        // Another district has neither the page nor 站前's news.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/lianhu/party-building/hong-wangge")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/lianhu/party-building")).StatusCode);
    }

    private static void WithContents(TestHost host, string name)
    {
        var path = Path.Combine(host.TenantsPath, name, "recipe.json");
        var recipe = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        recipe["steps"]![0]!["enable"]!.AsArray().Add("GovPlatform.Contents");
        host.WriteFile($"{name}/recipe.json", recipe.ToJsonString());
    }

    private static ContentTypeDefinition PartyNewsType() => new()
    {
        Name = "PartyNews",
        DisplayName = new("党建动态", "Party building news"),
        Parts =
        [
            new() { Kind = ContentPartKind.Title, Required = true },
            new() { Kind = ContentPartKind.Body, Format = BodyFormat.Markdown, Required = true },
            new() { Kind = ContentPartKind.Route },
            new() { Kind = ContentPartKind.Publish },
        ],
        Fields =
        [
            new() { Name = "organisation", Kind = ContentFieldKind.Text, DisplayName = new("发布组织", "Organisation") },
            new() { Name = "summary", Kind = ContentFieldKind.Text, Multiline = true, DisplayName = new("摘要", "Summary") },
        ],
        List = new() { Slug = "party-building", PageSize = 10, Order = ContentListOrder.Newest },
    };

    private static ServiceCentre Centre(string code, CentreLevel level, string unit, bool active = true) => new()
    {
        Code = code,
        Level = level,
        Name = code + "中心",
        GridUnitCode = unit,
        Address = "地址",
        Active = active,
        UpdatedUtc = DateTime.UtcNow,
        Version = 1,
    };

    private static async Task AddProjectAsync(IServiceProvider services, string title, string unit, bool shown, bool completed)
    {
        var resident = new ResidentUnit { Code = "u-" + title, Name = title + "单位", Kind = ResidentUnitKind.Agency, GridUnitCode = unit, Contact = "张联系", Phone = "13900000000", Active = true, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        await RedGridTestData.SaveAsync(services, resident);
        var resource = new UnitResource { ResidentUnitId = resident.Id, Type = ResourceType.Venue, Title = "场地", Quantity = 1, GridUnitCode = unit, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
        var need = new CommunityNeed { GridUnitCode = unit, Type = ResourceType.Venue, Title = "需要场地", Status = completed ? NeedStatus.Closed : NeedStatus.Matched, PublishedBy = "staff", PublishedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        await RedGridTestData.SaveAsync(services, resource, need);
        await RedGridTestData.SaveAsync(services, new Project
        {
            Title = title,
            NeedId = need.Id,
            ResourceId = resource.Id,
            GridUnitCode = unit,
            Owner = "王负责",
            Status = completed ? ProjectStatus.Completed : ProjectStatus.InProgress,
            CompletedOn = completed ? new DateOnly(2026, 6, 1) : null,
            Outcome = completed ? "每周供餐" : null,
            Beneficiaries = 120,
            ShownPublicly = shown,
            CreatedBy = "staff",
            CreatedUtc = DateTime.UtcNow,
            UpdatedUtc = DateTime.UtcNow,
            Version = 1,
        });
    }
}
