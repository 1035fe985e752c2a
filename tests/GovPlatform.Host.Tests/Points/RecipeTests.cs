using System.Text.Json;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Points.Models;
using GovPlatform.Points.Services;
using GovPlatform.Recipes;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Points;

/// <summary>The <c>points</c> recipe step: adds once, refuses a bad list whole with clear messages; 万源 and 越秀 load.</summary>
public sealed class RecipeTests
{
    private const string Step = """
        { "name": "points",
          "rules": [ { "pointsPerType": { "Patrol": 20 }, "defaultPoints": 10, "dailyCap": 100, "monthlyCap": 500, "expiryMonths": 24 },
                     { "unit": "D-01-01", "pointsPerType": { "Patrol": 30, "Emergency": 50 }, "defaultPoints": 20, "awardsNeedApproval": true } ],
          "teams": [ { "code": "wdm-team", "name": { "zh-CN": "五大门志愿服务队", "en": "Wudamen volunteers" }, "unit": "D-01-01", "description": "巡逻" } ],
          "rewards": [ { "name": { "zh-CN": "洗衣液", "en": "Laundry liquid" }, "kind": "Goods", "pointsPrice": 100, "stock": 20, "value": "20.00", "unit": "D-01-01", "pickUpPlace": "社区服务中心" },
                       { "name": { "zh-CN": "优秀志愿者证书", "en": "Certificate" }, "kind": "Honour", "pointsPrice": 300 } ] }
        """;

    private static async Task RunAsync(IServiceProvider services, string json, string? folder = null)
    {
        using var document = JsonDocument.Parse(json);
        var step = services.GetServices<IRecipeStep>().Last(s => s.Name == "points");
        await step.ExecuteAsync(new RecipeStepContext("test", 0, document.RootElement, services.GetRequiredService<ITenant>(), services, folder), default);
    }

    private static async Task<(int Rules, int Teams, int Rewards)> CountAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        return (await db.Set<PointRuleSet>().CountAsync(), await db.Set<VolunteerTeam>().CountAsync(), await db.Set<Reward>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_step_adds_once_and_refuses_a_bad_list_whole(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            await RunAsync(services, Step);
            await RunAsync(services, Step);
            Assert.Equal((2, 1, 2), await CountAsync(services));
            var rules = await services.GetRequiredService<PointRules>().InForceAsync("D-01-01-01");
            Assert.Equal(("D-01-01", 50, 20, true), (rules.GridUnitCode, PointRules.PointsFor(rules, ActivityType.Emergency), PointRules.PointsFor(rules, ActivityType.Other), rules.AwardsNeedApproval));
            var db = services.GetRequiredService<TenantDbContext>();
            var goods = await db.Set<Reward>().AsNoTracking().SingleAsync(r => r.Kind == RewardKind.Goods);
            Assert.Equal((2000L, 20, "D-01-01", "Laundry liquid"), (goods.ValueFen, goods.Stock!.Value, goods.GridUnitCode!, goods.EnglishName));
            Assert.Null((await db.Set<Reward>().AsNoTracking().SingleAsync(r => r.Kind == RewardKind.Honour)).Stock);

            // One bad item refuses everything, with each problem named.
            var refused = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, """
                { "name": "points", "rules": [ { "unit": "D-02", "dailyCap": 500, "monthlyCap": 100 }, { "unit": "X-9" } ],
                  "teams": [ { "code": "new-team", "name": { "zh-CN": "新队" }, "unit": "D-02" }, { "code": "new-team", "name": { "zh-CN": "又一队" }, "unit": "D-02" } ],
                  "rewards": [ { "name": { "zh-CN": "毛巾" }, "kind": "Goods", "pointsPrice": 50, "stock": 5, "value": "10.005" } ] }
                """));
            Assert.Contains("rules[0].dailyCap: The daily cap cannot exceed the monthly cap.", refused.Message, StringComparison.Ordinal);
            Assert.Contains("rules[1]: there is no grid unit 'X-9'.", refused.Message, StringComparison.Ordinal);
            Assert.Contains("teams[1]: the code 'new-team' is given twice.", refused.Message, StringComparison.Ordinal);
            Assert.Contains("rewards[0]: the value is in yuan", refused.Message, StringComparison.Ordinal);
            Assert.Equal((2, 1, 2), await CountAsync(services));
            var badKind = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, """{ "name": "points", "rewards": [ { "name": "x", "kind": "Voucher", "pointsPrice": 1 } ] }"""));
            Assert.Contains("'rewards' is not valid", badKind.Message, StringComparison.Ordinal);
            var badType = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, """{ "name": "points", "rules": [ { "unit": "D-02", "pointsPerType": { "Dancing": 5 } } ] }"""));
            Assert.Contains("There is no activity type 'Dancing'.", badType.Message, StringComparison.Ordinal);
        }

        // A file beside the recipe: a missing one and a broken one are refused.
        var folder = Path.Combine(Path.GetTempPath(), $"gp-points-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), "{ \"rules\": [ ");
            await File.WriteAllTextAsync(Path.Combine(folder, "points.json"), """{ "teams": [ { "code": "file-team", "name": { "zh-CN": "文件队" }, "unit": "D-02-01" } ] }""");
            await using var scope = await host.ScopeAsync("alpha");
            var services = scope.ServiceProvider;
            var missing = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, """{ "name": "points", "file": "none.json" }""", folder));
            Assert.Contains("none.json", missing.Message, StringComparison.Ordinal);
            var broken = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, """{ "name": "points", "file": "broken.json" }""", folder));
            Assert.Contains("cannot read 'broken.json'", broken.Message, StringComparison.Ordinal);
            await RunAsync(services, """{ "name": "points", "file": "points.json" }""", folder);
            await RunAsync(services, """{ "name": "points", "file": "points.json" }""", folder);
            Assert.Equal((2, 2, 2), await CountAsync(services));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData("wanyuan", 5, 1, 7)]
    [InlineData("yuexiu", 1, 16, 0)]
    public async Task The_districts_set_up_their_rules_teams_and_rewards(string tenant, int rules, int teams, int rewards)
    {
        await using var host = new TestHost().WithRepositoryTenants();
        host.Start();
        await using var scope = await host.ScopeAsync(tenant);
        var services = scope.ServiceProvider;
        Assert.Equal((rules, teams, rewards), await CountAsync(services));
        if (tenant == "wanyuan")
        {
            var maogou = await services.GetRequiredService<PointRules>().InForceAsync("511781-01-001-01");
            Assert.Equal("511781-01-001", maogou.GridUnitCode);
            Assert.Equal("511781-01", (await services.GetRequiredService<PointRules>().InForceAsync("511781-01-002")).GridUnitCode);
            Assert.Null((await services.GetRequiredService<PointRules>().InForceAsync("511781-05")).GridUnitCode);
            var db = services.GetRequiredService<TenantDbContext>();
            Assert.All(await db.Set<Reward>().AsNoTracking().Where(r => r.Kind == RewardKind.Goods).ToListAsync(), r => Assert.InRange(r.ValueFen, 1000, 5000));
            Assert.Empty(await db.Set<Volunteer>().ToListAsync());
        }
    }
}
