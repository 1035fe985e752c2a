using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Lists;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// Matching on the small grid: same type first, then grid distance (hops from the need's community to the lowest common
/// ancestor), then km to the community's service centre; a match makes one project and a second (sequential or
/// concurrent) is refused; start → complete closes the need, cancel re-opens it; the report's figures, on both providers.
/// </summary>
public sealed class MatchingTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Suggestions_rank_by_type_grid_distance_and_km_and_a_need_is_matched_once(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var ids = new Dictionary<string, long>();
        long needId, need2Id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            ResidentUnit Unit(string code, string grid, double? lon = null, double? lat = null, bool active = true) => new()
            {
                Code = code,
                Name = code + "单位",
                Kind = ResidentUnitKind.Agency,
                GridUnitCode = grid,
                Longitude = lon,
                Latitude = lat,
                Phone = "13900000000",
                Active = active,
                UpdatedUtc = DateTime.UtcNow,
                Version = 1,
            };
            var units = new[]
            {
                Unit("a", "D-01-01-01", 1.9, 0.9), Unit("b", "D-01-01"), Unit("c", "D-01-02", 0.5, 1.5), Unit("c2", "D-01-02", 1.9, 1.9),
                Unit("d", "D-02-01", 2.5, 0.5), Unit("e", "D-01-01", 0.5, 0.5), Unit("gone", "D-01-01", active: false),
            };
            await RedGridTestData.SaveAsync(services, [.. units]);
            UnitResource Resource(ResidentUnit unit, ResourceType type, bool available = true) => new()
            {
                ResidentUnitId = unit.Id,
                Type = type,
                Title = unit.Code + "-" + type,
                Quantity = 1,
                GridUnitCode = unit.GridUnitCode,
                Available = available,
                CreatedUtc = DateTime.UtcNow,
                UpdatedUtc = DateTime.UtcNow,
            };
            var resources = new[]
            {
                Resource(units[4], ResourceType.Venue), Resource(units[5], ResourceType.Volunteers), Resource(units[3], ResourceType.Venue),
                Resource(units[2], ResourceType.Venue), Resource(units[1], ResourceType.Venue), Resource(units[0], ResourceType.Venue),
                Resource(units[0], ResourceType.Venue, available: false), Resource(units[6], ResourceType.Venue),
            };
            await RedGridTestData.SaveAsync(services, [.. resources]);
            foreach (var r in resources.Take(6))
            {
                ids[r.Title] = r.Id;
            }

            // The community's service centre stands for its location.
            await RedGridTestData.SaveAsync(services, new ServiceCentre { Code = "c-01-01", Name = "五大门党群服务中心", Level = CentreLevel.Community, GridUnitCode = "D-01-01", Address = "x", Longitude = 0.5, Latitude = 0.5, Active = true, UpdatedUtc = DateTime.UtcNow, Version = 1 });
            var board = services.GetRequiredService<NeedBoard>();
            needId = (await board.PublishAsync(new NeedInput("D-01-01", "Venue", "活动场地", null), null)).Id!.Value;
            need2Id = (await board.PublishAsync(new NeedInput("D-01-01-02", "Venue", "议事场地", null), null)).Id!.Value;
            Assert.Equal(ListsOutcome.Invalid, (await board.PublishAsync(new NeedInput("D-01", "Venue", "街道不能发布", null), null)).Outcome);
        }

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var matcher = scope.ServiceProvider.GetRequiredService<ResourceMatcher>();
            var suggestions = (await matcher.SuggestAsync(needId))!;
            // a (in the community, km known) < b (in the community, no location) < c (same street, near) < c2 (same street, far) < d (district) < e (other type).
            Assert.Equal(["a-Venue", "b-Venue", "c-Venue", "c2-Venue", "d-Venue", "e-Volunteers"], suggestions.Select(s => s.Resource.Title));
            Assert.Equal([0, 0, 1, 1, 2], suggestions.Take(5).Select(s => s.TreeDistance));
            Assert.Null(suggestions[1].Kilometres);
            Assert.True(suggestions[2].Kilometres < suggestions[3].Kilometres);
            Assert.Contains("类型相同", suggestions[0].Why.Chinese, StringComparison.Ordinal);
            Assert.Contains("东风街道", suggestions[2].Why.Chinese, StringComparison.Ordinal);

            var done = await matcher.MatchAsync(needId, new MatchInput(ids["a-Venue"], 1, "共建活动室", "王书记", "2026-12-01", UsedUp: true), null);
            Assert.Equal(ListsOutcome.Done, done.Outcome);
            Assert.Equal(ListsOutcome.Stale, (await matcher.MatchAsync(needId, new MatchInput(ids["b-Venue"], 1, "又一次", "李", null, false), null)).Outcome);
            Assert.Equal(ListsOutcome.Stale, (await matcher.MatchAsync(needId, new MatchInput(ids["b-Venue"], 2, "又一次", "李", null, false), null)).Outcome);
            Assert.Equal(ListsOutcome.Invalid, (await matcher.MatchAsync(need2Id, new MatchInput(ids["a-Venue"], 1, "已用完的资源", "李", null, false), null)).Outcome);
        }

        // Two staff match the same need at once: one project, the other refused.
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            await using var scope = await host.ScopeAsync("alpha");
            return await scope.ServiceProvider.GetRequiredService<ResourceMatcher>().MatchAsync(need2Id, new MatchInput(ids[i == 0 ? "b-Venue" : "c-Venue"], 1, "议事厅", "张", null, false), null);
        }));
        Assert.Single(results, r => r.Outcome == ListsOutcome.Done);
        Assert.Single(results, r => r.Outcome == ListsOutcome.Stale);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(1, await db.Set<Project>().CountAsync(p => p.NeedId == need2Id));
            Assert.False((await db.Set<UnitResource>().SingleAsync(r => r.Id == ids["a-Venue"])).Available);
            var projects = scope.ServiceProvider.GetRequiredService<ProjectBoard>();
            var first = await db.Set<Project>().AsNoTracking().SingleAsync(p => p.NeedId == needId);
            Assert.Equal(ListsOutcome.Done, (await projects.StartAsync(first.Id, 1, null)).Outcome);
            Assert.Equal(ListsOutcome.Stale, (await projects.StartAsync(first.Id, 1, null)).Outcome);
            Assert.Equal(ListsOutcome.Invalid, (await projects.CompleteAsync(first.Id, 2, "", "x", "2026-13-01", null)).Outcome);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            Assert.Equal(ListsOutcome.Done, (await projects.CompleteAsync(first.Id, 2, "居民有了活动室", "120", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null)).Outcome);
            var second = await db.Set<Project>().AsNoTracking().SingleAsync(p => p.NeedId == need2Id);
            Assert.Equal(ListsOutcome.Done, (await projects.CancelAsync(second.Id, 1, null)).Outcome);
            db.ChangeTracker.Clear();
            Assert.Equal(NeedStatus.Closed, (await db.Set<CommunityNeed>().SingleAsync(n => n.Id == needId)).Status);
            var reopened = await db.Set<CommunityNeed>().SingleAsync(n => n.Id == need2Id);
            Assert.Equal(NeedStatus.Open, reopened.Status);

            // A re-opened need can be matched again: the cancelled project no longer holds the unique index.
            var again = await scope.ServiceProvider.GetRequiredService<ResourceMatcher>().MatchAsync(need2Id, new MatchInput(ids["d-Venue"], reopened.Version, "议事厅（二）", "张", null, false), null);
            Assert.Equal(ListsOutcome.Done, again.Outcome);

            var figures = await projects.ProjectFiguresAsync(["D-01", "D-02"], today.AddDays(-1), today.AddDays(1));
            Assert.Equal(new ProjectFigures("D-01", 3, 1, 120), figures[0]);
            Assert.Equal(new ProjectFigures("D-02", 0, 0, 0), figures[1]);
        }
    }
}
