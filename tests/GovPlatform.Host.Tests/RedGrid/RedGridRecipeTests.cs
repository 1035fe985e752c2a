using System.Text.Json;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Recipes;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Services;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>The <c>redgrid</c> recipe step, and 站前's organisations from tenants/zhanqian/redgrid.json.</summary>
public sealed class RedGridRecipeTests
{
    private const string Step = """
        { "name": "redgrid", "settings": { "branchDepth": 4 },
          "courtyards": [ { "grid": "D-01-01-01", "name": "红旗院", "buildings": 3, "households": 90 }, { "grid": "D-01-01-02", "name": "光明院" } ],
          "organisations": [
            { "code": "dq", "kind": "Committee", "name": "区委", "gridUnit": "D" },
            { "code": "d-01-01", "kind": "Committee", "name": "五大门社区党委", "parent": "dq", "gridUnit": "D-01-01" },
            { "code": "d-01-01-01-zb", "kind": "GridBranch", "name": "第一网格党支部", "parent": "d-01-01", "gridUnit": "D-01-01-01", "leader": "王示例", "foundedOn": "2021-07-01" },
            { "code": "d-01-01-01-y1", "kind": "CourtyardGroup", "name": "红旗院党小组", "parent": "d-01-01-01-zb", "gridUnit": "D-01-01-01", "courtyard": "红旗院" } ],
          "committees": [ { "kind": "CommunityCommittee", "name": "五大门社区大党委", "gridUnit": "D-01-01", "termStartsOn": "2024-01-01", "termEndsOn": "2026-12-31",
            "seats": [ { "organisationName": "五大门社区党委", "representative": "王示例", "role": "Secretary" }, { "organisationName": "辖区中学党支部", "representative": "赵示例", "role": "AdjunctMember" } ] } ] }
        """;

    private static async Task RunAsync(IServiceProvider services, string json)
    {
        using var document = JsonDocument.Parse(json);
        var step = services.GetServices<IRecipeStep>().Last(s => s.Name == "redgrid");
        await step.ExecuteAsync(new RecipeStepContext("test", 0, document.RootElement, services.GetRequiredService<ITenant>(), services), default);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_step_upserts_by_key_once_and_refuses_an_invalid_list_whole(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await RunAsync(scope.ServiceProvider, Step);
        }

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await RunAsync(scope.ServiceProvider, Step);
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(2, await db.Set<Courtyard>().CountAsync());
            var organisations = await db.Set<PartyOrganisation>().AsNoTracking().OrderBy(o => o.Code).ToListAsync();
            Assert.Equal(["d-01-01", "d-01-01-01-y1", "d-01-01-01-zb", "dq"], organisations.Select(o => o.Code));
            Assert.All(organisations, o => Assert.Equal(1, o.Version));
            var group = organisations[1];
            Assert.Equal(organisations[2].Id, group.ParentId);
            Assert.NotNull(group.CourtyardId);
            var committee = await db.Set<JointCommittee>().AsNoTracking().SingleAsync();
            Assert.Equal(2, await db.Set<CommitteeSeat>().CountAsync(s => s.CommitteeId == committee.Id));
            var coverage = (await scope.ServiceProvider.GetRequiredService<CoverageService>().ComputeAsync("D"))!;
            Assert.Equal((2, 1, 2, 1), (coverage.Total.Grids, coverage.Total.GridsCovered, coverage.Total.Courtyards, coverage.Total.CourtyardsCovered));
        }

        Assert.Single(await host.AuditAsync("alpha", "redgrid", "recipe"));
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var bad = Step.Replace("\"courtyard\": \"红旗院\"", "\"courtyard\": \"无此院\"", StringComparison.Ordinal)
                .Replace("\"name\": \"区委\"", "\"name\": \"改名的区委\"", StringComparison.Ordinal);
            var error = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(scope.ServiceProvider, bad));
            Assert.Contains("organisations[3]", error.Message, StringComparison.Ordinal);
        }

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal("区委", await db.Set<PartyOrganisation>().Where(o => o.Code == "dq").Select(o => o.Name).SingleAsync());
        }
    }

    [Fact]
    public async Task Zhanqian_loads_its_red_grid_with_the_generated_gaps()
    {
        await using var host = new TestHost().WithRepositoryTenants();
        host.Start();
        await using var scope = await host.ScopeAsync("zhanqian");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        Assert.Equal(274, await db.Set<PartyOrganisation>().CountAsync(o => o.Kind == OrganisationKind.GridBranch));
        Assert.Equal(1098, await db.Set<PartyOrganisation>().CountAsync(o => o.Kind == OrganisationKind.CourtyardGroup));
        Assert.Equal(120, await db.Set<PartyOrganisation>().CountAsync(o => o.Kind == OrganisationKind.MemberHousehold));
        Assert.Equal(47, await db.Set<JointCommittee>().CountAsync());
        var coverage = (await services.GetRequiredService<CoverageService>().ComputeAsync(null))!;
        Assert.Equal("210802", coverage.Root.Code);
        Assert.Equal((279, 274, 1112, 1098, 120), (coverage.Total.Grids, coverage.Total.GridsCovered, coverage.Total.Courtyards, coverage.Total.CourtyardsCovered, coverage.Total.Households));
        Assert.Equal(7, coverage.Rows.Count);
        Assert.Equal(5, coverage.GridsWithoutBranch.Count);
        Assert.Equal(14, coverage.CourtyardsWithoutGroup.Count);
    }
}
