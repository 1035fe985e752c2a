using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Points.Models;
using GovPlatform.Points.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Points;

/// <summary>
/// The ledger's invariants on both providers: a balance is the sum of its entries and never negative; the last item of a
/// reward goes to exactly one of a hundred volunteers redeeming at once; a repeated key changes nothing, even when the
/// repeats arrive together; reversals, adjustments and expiry.
/// </summary>
public sealed class PointsLedgerTests
{
    private static Task<bool> Anywhere(string unit, string? offered) => Task.FromResult(true);

    private static async Task<long> RewardAsync(IServiceProvider services, int stock, int price, long valueFen = 2000)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var reward = new Reward { Kind = RewardKind.Goods, Name = "洗衣液", EnglishName = "Laundry liquid", PointsPrice = price, Stock = stock, ValueFen = valueFen, Active = true, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        db.Add(reward);
        await db.SaveChangesAsync();
        return reward.Id;
    }

    private static async Task AssertInvariantsAsync(TestHost host)
    {
        await using var scope = await host.ScopeAsync("alpha");
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var sums = await db.Set<PointEntry>().GroupBy(e => e.VolunteerId).Select(g => new { g.Key, Sum = g.Sum(e => e.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        foreach (var volunteer in await db.Set<Volunteer>().AsNoTracking().ToListAsync())
        {
            Assert.Equal(sums.GetValueOrDefault(volunteer.Id), volunteer.Balance);
            Assert.True(volunteer.Balance >= 0);
        }

        Assert.All(await db.Set<Reward>().AsNoTracking().ToListAsync(), r => Assert.True(r.Stock is null or >= 0));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_hundred_volunteers_redeeming_the_last_item_at_once_make_exactly_one_order(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        List<long> volunteers;
        long rewardId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            volunteers = await PointsTestData.VolunteersAsync(scope.ServiceProvider, 100);
            rewardId = await RewardAsync(scope.ServiceProvider, stock: 1, price: 80);
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            foreach (var id in volunteers)
            {
                Assert.Equal(LedgerStatus.Done, (await ledger.EarnAsync(new(id, 100, "河道清理", "activity", 1, "D-01-01-01", null, $"seed:{id}"), "staff")).Status);
            }
        }

        using var start = new ManualResetEventSlim();
        var attempts = volunteers.Select(id => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = await host.ScopeAsync("alpha");
            return await scope.ServiceProvider.GetRequiredService<PointsLedger>().RedeemAsync(id, rewardId, 1, $"redeem:{id}", $"v{id}", Anywhere);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var placed = Assert.Single(results, r => r.Status == LedgerStatus.Done);
        Assert.All(results.Where(r => r != placed), r => Assert.Equal(LedgerStatus.OutOfStock, r.Status));
        Assert.Equal(20, placed.Balance);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(0, (await db.Set<Reward>().AsNoTracking().SingleAsync()).Stock);
            var order = await db.Set<RedemptionOrder>().AsNoTracking().SingleAsync();
            Assert.Equal(placed.Order!.Id, order.Id);
            Assert.Equal(80, order.Points);
            Assert.Single(await db.Set<PointEntry>().AsNoTracking().Where(e => e.Kind == EntryKind.Redeem).ToListAsync());
        }

        await AssertInvariantsAsync(host);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Replayed_awards_and_redemptions_change_nothing_even_when_they_arrive_together(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        long volunteer, rewardId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            volunteer = (await PointsTestData.VolunteersAsync(scope.ServiceProvider, 1))[0];
            rewardId = await RewardAsync(scope.ServiceProvider, stock: 10, price: 30);
        }

        async Task<LedgerResult[]> Together(Func<PointsLedger, Task<LedgerResult>> request)
        {
            using var start = new ManualResetEventSlim();
            var tasks = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                await using var scope = await host.ScopeAsync("alpha");
                return await request(scope.ServiceProvider.GetRequiredService<PointsLedger>());
            })).ToList();
            start.Set();
            return await Task.WhenAll(tasks);
        }

        var awards = await Together(l => l.EarnAsync(new(volunteer, 50, "入户走访", "activity", 7, "D-01-01-01", null, "activity:7:volunteer"), "staff"));
        Assert.True(awards.All(r => r.Succeeded), string.Join(", ", awards.Select(r => $"{r.Status} {string.Join(";", (r.Errors ?? new Dictionary<string, GovPlatform.Localization.BilingualText>()).Select(e => e.Value.English))}")));
        Assert.Single(awards, r => r.Status == LedgerStatus.Done);
        Assert.Single(awards.Select(r => r.Entry!.Id).Distinct());

        var orders = await Together(l => l.RedeemAsync(volunteer, rewardId, 1, "order-key-1", "v1", Anywhere));
        Assert.True(orders.All(r => r.Succeeded), string.Join(", ", orders.Select(r => $"{r.Status} {string.Join(";", (r.Errors ?? new Dictionary<string, GovPlatform.Localization.BilingualText>()).Select(e => e.Value.English))}")));
        Assert.Single(orders, r => r.Status == LedgerStatus.Done);
        Assert.Single(orders.Select(r => r.Order!.Id).Distinct());

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(20, (await db.Set<Volunteer>().AsNoTracking().SingleAsync()).Balance);
            Assert.Equal(9, (await db.Set<Reward>().AsNoTracking().SingleAsync()).Stock);
            Assert.Equal(1, await db.Set<RedemptionOrder>().CountAsync());
            Assert.Equal(2, await db.Set<PointEntry>().CountAsync());
        }

        await AssertInvariantsAsync(host);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Corrections_are_reversals_adjustments_never_go_below_zero_and_a_cancelled_order_gives_points_and_stock_back(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var volunteer = (await PointsTestData.VolunteersAsync(services, 1))[0];
        var rewardId = await RewardAsync(services, stock: 2, price: 40);
        var ledger = services.GetRequiredService<PointsLedger>();

        var earned = await ledger.EarnAsync(new(volunteer, 60, "治安巡逻", "activity", 3, "D-01-01-01", null, "a:3"), "staff");
        Assert.Equal(60, earned.Balance);
        var spent = await ledger.RedeemAsync(volunteer, rewardId, 1, "o:1", "v1", Anywhere);
        Assert.Equal(20, spent.Balance);

        // The earn cannot be reversed now: 60 would take the balance to -40.
        var tooMuch = await ledger.ReverseAsync(earned.Entry!.Id, "误记", "rev:1", "leader");
        Assert.Equal(LedgerStatus.Insufficient, tooMuch.Status);
        Assert.Equal(LedgerStatus.Insufficient, (await ledger.AdjustAsync(volunteer, -21, "扣减", "adj:1", "leader")).Status);
        Assert.Equal(LedgerStatus.Invalid, (await ledger.AdjustAsync(volunteer, -5, " ", "adj:2", "leader")).Status);

        var cancelled = await ledger.CancelOrderAsync(spent.Order!.Id, "奖品缺货，改日兑换", "staff");
        Assert.Equal(LedgerStatus.Done, cancelled.Status);
        Assert.Equal(60, cancelled.Balance);
        var again = await ledger.CancelOrderAsync(spent.Order.Id, "再取消", "staff");
        Assert.Equal((LedgerStatus.Replayed, 60L), (again.Status, again.Balance));

        var reversed = await ledger.ReverseAsync(earned.Entry.Id, "活动未实际开展", "rev:2", "leader");
        Assert.Equal(LedgerStatus.Done, reversed.Status);
        Assert.Equal(0, reversed.Balance);
        Assert.Equal(earned.Entry.Id, reversed.Entry!.ReversesId);
        Assert.Equal(LedgerStatus.NotAllowed, (await ledger.ReverseAsync(earned.Entry.Id, "再冲正", "rev:3", "leader")).Status);
        Assert.Equal(LedgerStatus.NotAllowed, (await ledger.ReverseAsync(reversed.Entry.Id, "冲正的冲正", "rev:4", "leader")).Status);

        var db = services.GetRequiredService<TenantDbContext>();
        Assert.Equal(2, (await db.Set<Reward>().AsNoTracking().SingleAsync()).Stock);
        Assert.Equal([EntryKind.Earn, EntryKind.Redeem, EntryKind.Reverse, EntryKind.Reverse],
            (await db.Set<PointEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Select(e => e.Kind).ToArray());
        await AssertInvariantsAsync(host);
    }

    [Fact]
    public async Task Earned_points_expire_first_in_first_out_after_what_was_spent()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var host = new TestHost().WithPointsTenant("alpha").WithClock(clock);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var volunteer = (await PointsTestData.VolunteersAsync(services, 1))[0];
        var rewardId = await RewardAsync(services, stock: 5, price: 30);
        var ledger = services.GetRequiredService<PointsLedger>();
        var now = clock.GetUtcNow().UtcDateTime;
        await ledger.EarnAsync(new(volunteer, 50, "一月活动", "activity", 1, "D-01-01-01", now.AddMonths(6), "a:1"), "staff");
        clock.Advance(TimeSpan.FromDays(60));
        await ledger.EarnAsync(new(volunteer, 40, "三月活动", "activity", 2, "D-01-01-01", clock.GetUtcNow().UtcDateTime.AddMonths(6), "a:2"), "staff");
        await ledger.RedeemAsync(volunteer, rewardId, 1, "o:1", "v1", Anywhere);   // 30 spent: from January's 50 first

        clock.Advance(TimeSpan.FromDays(130));   // past January's expiry, before March's
        Assert.Equal(1, await ledger.ExpireDueAsync());
        Assert.Equal(0, await ledger.ExpireDueAsync());   // nothing more is due
        var db = services.GetRequiredService<TenantDbContext>();
        var expiry = await db.Set<PointEntry>().AsNoTracking().SingleAsync(e => e.Kind == EntryKind.Expire);
        Assert.Equal(-20, expiry.Amount);
        Assert.Equal(40, (await db.Set<Volunteer>().AsNoTracking().SingleAsync()).Balance);

        clock.Advance(TimeSpan.FromDays(60));   // past March's expiry too
        Assert.Equal(1, await ledger.ExpireDueAsync());
        Assert.Equal(0, (await db.Set<Volunteer>().AsNoTracking().SingleAsync()).Balance);
        await AssertInvariantsAsync(host);
    }
}
