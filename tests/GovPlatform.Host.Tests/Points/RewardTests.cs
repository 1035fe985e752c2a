using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Points.Models;
using GovPlatform.Points.Rewards;
using GovPlatform.Points.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Points;

/// <summary>
/// The reward catalogue, the volunteer's redeem page and the orders desk through HTTP: validation and grid scope, the
/// offered-in rule, a repeated redeem post that makes one order, out-of-stock and short-balance messages, hand-over by
/// pick-up code, cancellation that gives points and stock back, restock and write-off, tenant isolation.
/// </summary>
public sealed partial class RewardTests
{
    private const string Catalogue = "/alpha/admin/points/rewards";
    private const string Orders = "/alpha/admin/points/orders";
    private const string Redeem = "/alpha/points/rewards";

    [GeneratedRegex("name=\"IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyPattern();

    private static (string, string)[] RewardFields(string unit, string price = "80", string stock = "5", string value = "12.50", string kind = "Goods") =>
    [
        ("Kind", kind), ("Name", "洗衣液"), ("EnglishName", "Laundry liquid"), ("Description", "2 升装"), ("PointsPrice", price), ("Stock", stock),
        ("Value", value), ("GridUnitCode", unit), ("PickUpPlace", "一社区服务站"),
    ];

    private static async Task<long> RewardAsync(TestHost host, string? unit, int stock, int price, string tenant = "alpha")
    {
        await using var scope = await host.ScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var reward = new Reward { Kind = RewardKind.Goods, Name = "大米", EnglishName = "Rice", PointsPrice = price, Stock = stock, ValueFen = 3000, GridUnitCode = unit, PickUpPlace = "社区服务站", Active = true, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        db.Add(reward);
        await db.SaveChangesAsync();
        return reward.Id;
    }

    /// <summary>citizen1 as an approved volunteer of <paramref name="unit"/> with <paramref name="points"/> earned.</summary>
    private static async Task<long> Citizen1VolunteerAsync(TestHost host, string unit, long points)
    {
        await using var scope = await host.ScopeAsync("alpha");
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var volunteer = new Volunteer { UserName = "citizen1", RealName = "王小明", Phone = "13900000001", GridUnitCode = unit, Status = VolunteerStatus.Approved, RegisteredUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        db.Add(volunteer);
        await db.SaveChangesAsync();
        var earned = await scope.ServiceProvider.GetRequiredService<PointsLedger>().EarnAsync(new(volunteer.Id, points, "河道清理", "activity", 1, unit, null, $"seed:{volunteer.Id}"), "staff");
        Assert.Equal(LedgerStatus.Done, earned.Status);
        return volunteer.Id;
    }

    private static async Task<HttpResponseMessage> PostRedeemAsync(HttpClient client, long rewardId, string quantity, string key)
    {
        var token = await IdentityTestSupport.AntiforgeryTokenAsync(client, Redeem);
        return await client.PostAsync(Redeem, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["RewardId"] = rewardId.ToString(CultureInfo.InvariantCulture),
            ["Quantity"] = quantity,
            ["IdempotencyKey"] = key,
            ["__RequestVerificationToken"] = token,
        }));
    }

    [Fact]
    public async Task The_catalogue_validates_and_keeps_staff_to_their_units()
    {
        await using var host = new TestHost().WithPointsTenant("alpha");
        host.Start();
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);

        var invalid = await IdentityTestSupport.PostFormAsync(staff, $"{Catalogue}/new", $"{Catalogue}/new", RewardFields("D-01-01", price: "0", stock: "", value: "12.345"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("id=\"pointsPrice-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stock-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"value-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"一社区服务站\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await IdentityTestSupport.PostFormAsync(staff, $"{Catalogue}/new", $"{Catalogue}/new", RewardFields("D-01-01", price: "100001"))).StatusCode);

        // A community's staff may not offer a district-wide reward, nor one of another street.
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(staff, $"{Catalogue}/new", $"{Catalogue}/new", RewardFields(""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(staff, $"{Catalogue}/new", $"{Catalogue}/new", RewardFields("D-02"))).StatusCode);

        var created = await IdentityTestSupport.PostFormAsync(staff, $"{Catalogue}/new", $"{Catalogue}/new", RewardFields("D-01-01"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var honour = await IdentityTestSupport.PostFormAsync(staff, $"{Catalogue}/new", $"{Catalogue}/new", [.. RewardFields("D-01-01-01", stock: "", value: "", kind: "Honour")]);
        Assert.Equal(HttpStatusCode.Redirect, honour.StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var rewards = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Reward>().AsNoTracking().OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(2, rewards.Count);
            Assert.Equal(1250, rewards[0].ValueFen);
            Assert.Equal(5, rewards[0].Stock);
            Assert.Equal("D-01-01", rewards[0].GridUnitCode);
            Assert.Null(rewards[1].Stock);
            Assert.Equal(0, rewards[1].ValueFen);
        }

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, $"{Catalogue}/new", $"{Catalogue}/new", RewardFields(""))).StatusCode);
        var d2 = await RewardAsync(host, "D-02", 3, 10);

        // street (D-02) sees its own and the district-wide reward, not D-01-01's; it cannot open D-01-01's.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var list = await street.GetStringAsync(Catalogue);
        Assert.Contains("大米", list, StringComparison.Ordinal);
        Assert.Equal(1, list.Split("洗衣液").Length - 1);
        var firstId = long.Parse(created.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1], CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"{Catalogue}/{firstId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await street.GetAsync($"{Catalogue}/{d2}")).StatusCode);
        Assert.Contains(await host.AuditAsync("alpha", "points", "create-reward"), e => e.Subject == $"reward:{firstId}");
    }

    [Fact]
    public async Task Stock_moves_by_restock_and_write_off_with_a_reason_never_below_zero_and_not_over_a_stale_page()
    {
        await using var host = new TestHost().WithPointsTenant("alpha");
        host.Start();
        var id = await RewardAsync(host, "D-01-01", 2, 10);
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var page = $"{Catalogue}/{id}";

        var noReason = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/stock", ("Direction", "restock"), ("Quantity", "3"), ("Reason", ""), ("Version", "1"));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("id=\"stock-reason-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooMany = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/stock", ("Direction", "write-off"), ("Quantity", "3"), ("Reason", "受潮"), ("Version", "1"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/stock", ("Direction", "restock"), ("Quantity", "3"), ("Reason", "新到货"), ("Version", "1"))).StatusCode);
        // The page showed version 1; the stock moved since.
        var stale = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/stock", ("Direction", "write-off"), ("Quantity", "1"), ("Reason", "受潮"), ("Version", "1"));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("刷新页面", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/stock", ("Direction", "write-off"), ("Quantity", "5"), ("Reason", "受潮"), ("Version", "2"))).StatusCode);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Reward>().AsNoTracking().SingleAsync()).Stock);
        }

        Assert.Single(await host.AuditAsync("alpha", "points", "restock"));
        Assert.Single(await host.AuditAsync("alpha", "points", "write-off"));
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(street, Catalogue, $"{page}/active", ("Active", "false"))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reward_is_offered_in_its_units_subtree_only(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var d01 = await RewardAsync(host, "D-01", 10, 10);
        var everywhere = await RewardAsync(host, null, 10, 10);
        await using var scope = await host.ScopeAsync("alpha");
        var d02Volunteer = (await PointsTestData.VolunteersAsync(scope.ServiceProvider, 1, "D-02-01", "s"))[0];
        var d01Volunteer = (await PointsTestData.VolunteersAsync(scope.ServiceProvider, 1, "D-01-01-01", "o"))[0];
        var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
        var catalog = scope.ServiceProvider.GetRequiredService<RewardCatalog>();
        foreach (var id in new[] { d02Volunteer, d01Volunteer })
        {
            await ledger.EarnAsync(new(id, 100, "巡逻", "activity", 1, null, null, $"seed:{id}"), "staff");
        }

        var refused = await ledger.RedeemAsync(d02Volunteer, d01, 1, "k1", "s1", catalog.OfferedInAsync);
        Assert.Equal(LedgerStatus.NotAllowed, refused.Status);
        Assert.Equal(LedgerStatus.Done, (await ledger.RedeemAsync(d02Volunteer, everywhere, 1, "k2", "s1", catalog.OfferedInAsync)).Status);
        Assert.Equal(LedgerStatus.Done, (await ledger.RedeemAsync(d01Volunteer, d01, 1, "k3", "o1", catalog.OfferedInAsync)).Status);
        Assert.Equal([everywhere], (await catalog.OfferedToAsync("D-02-01")).Select(r => r.Id));
        Assert.Equal([d01, everywhere], (await catalog.OfferedToAsync("D-01-01-01")).Select(r => r.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_redeem_posted_twice_with_one_key_makes_one_order_and_refusals_say_why(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var rice = await RewardAsync(host, "D-01-01", 1, 30);
        var dear = await RewardAsync(host, null, 5, 500);
        var volunteerId = await Citizen1VolunteerAsync(host, "D-01-01-01", 100);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync(Redeem)).StatusCode);
        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        var page = await citizen.GetStringAsync(Redeem);
        Assert.Contains("大米", page, StringComparison.Ordinal);
        Assert.Contains("<strong>100</strong>", page, StringComparison.Ordinal);
        var key = KeyPattern().Match(page).Groups[1].Value;

        var first = await PostRedeemAsync(citizen, rice, "1", key);
        var second = await PostRedeemAsync(citizen, rice, "1", key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstHtml = await first.Content.ReadAsStringAsync();
        var secondHtml = await second.Content.ReadAsStringAsync();
        RedemptionOrder order;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            order = await db.Set<RedemptionOrder>().AsNoTracking().SingleAsync();
            Assert.Equal(70, (await db.Set<Volunteer>().AsNoTracking().SingleAsync(v => v.Id == volunteerId)).Balance);
            Assert.Equal(0, (await db.Set<Reward>().AsNoTracking().SingleAsync(r => r.Id == rice)).Stock);
        }

        Assert.Matches("^[0-9]{6}$", order.PickUpCode);
        foreach (var html in new[] { firstHtml, secondHtml })
        {
            Assert.Contains(order.Number, html, StringComparison.Ordinal);
            Assert.Contains(order.PickUpCode, html, StringComparison.Ordinal);
        }

        // A new page, a new key: the last item is gone; the dear reward is beyond the balance; a bad quantity.
        var newKey = KeyPattern().Match(await citizen.GetStringAsync(Redeem)).Groups[1].Value;
        Assert.NotEqual(key, newKey);
        var outOfStock = await PostRedeemAsync(citizen, rice, "1", newKey);
        Assert.Equal(HttpStatusCode.BadRequest, outOfStock.StatusCode);
        Assert.Contains("已经兑完", await outOfStock.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var poor = await PostRedeemAsync(citizen, dear, "1", newKey);
        Assert.Contains("积分不足", await poor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var zero = await PostRedeemAsync(citizen, dear, "0", newKey);
        Assert.Contains("数量应为 1 到 100", await zero.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A suspended volunteer is told so and nothing is written.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Volunteer>().Where(v => v.Id == volunteerId)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VolunteerStatus.Suspended));
        }

        var suspended = await PostRedeemAsync(citizen, dear, "1", Guid.NewGuid().ToString("N"));
        Assert.Contains("尚未通过审核或已暂停", await suspended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<RedemptionOrder>().CountAsync());
        }

        // citizen2 has no volunteer profile.
        var stranger = await host.SignedInAsync("alpha", "citizen2", GridTestData.StaffPassword);
        Assert.Contains("还没有登记为志愿者", await stranger.GetStringAsync(Redeem), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_desk_hands_over_by_pick_up_code_and_a_cancellation_gives_points_and_stock_back(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var rice = await RewardAsync(host, "D-01-01", 5, 30);
        var volunteerId = await Citizen1VolunteerAsync(host, "D-01-01-01", 100);
        RedemptionOrder first, second;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            var catalog = scope.ServiceProvider.GetRequiredService<RewardCatalog>();
            first = (await ledger.RedeemAsync(volunteerId, rice, 1, "o1", "citizen1", catalog.OfferedInAsync)).Order!;
            second = (await ledger.RedeemAsync(volunteerId, rice, 2, "o2", "citizen1", catalog.OfferedInAsync)).Order!;
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var list = await staff.GetStringAsync(Orders);
        Assert.Contains(first.Number, list, StringComparison.Ordinal);
        Assert.Contains("王小明", list, StringComparison.Ordinal);
        Assert.DoesNotContain(first.PickUpCode, list, StringComparison.Ordinal);

        var wrong = first.PickUpCode == "000000" ? "000001" : "000000";
        var refused = await IdentityTestSupport.PostFormAsync(staff, Orders, $"{Orders}/{first.Id}/fulfil", ("PickUpCode", wrong));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("取货码不对", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // street is D-02's: not this order's desk.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(street, Orders, $"{Orders}/{first.Id}/fulfil", ("PickUpCode", first.PickUpCode))).StatusCode);
        Assert.DoesNotContain(first.Number, await street.GetStringAsync($"{Orders}?status=all"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, Orders, $"{Orders}/{first.Id}/fulfil", ("PickUpCode", first.PickUpCode))).StatusCode);
        var again = await IdentityTestSupport.PostFormAsync(staff, Orders, $"{Orders}/{first.Id}/fulfil", ("PickUpCode", first.PickUpCode));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var cancelFulfilled = await IdentityTestSupport.PostFormAsync(staff, Orders, $"{Orders}/{first.Id}/cancel", ("Reason", "不要了"));
        Assert.Equal(HttpStatusCode.BadRequest, cancelFulfilled.StatusCode);

        var noReason = await IdentityTestSupport.PostFormAsync(staff, Orders, $"{Orders}/{second.Id}/cancel", ("Reason", " "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, Orders, $"{Orders}/{second.Id}/cancel", ("Reason", "志愿者搬家"))).StatusCode);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var orders = await db.Set<RedemptionOrder>().AsNoTracking().OrderBy(o => o.Id).ToListAsync();
            Assert.Equal(OrderStatus.Fulfilled, orders[0].Status);
            Assert.Equal("staff", orders[0].FulfilledBy);
            Assert.NotNull(orders[0].FulfilledUtc);
            Assert.Equal(OrderStatus.Cancelled, orders[1].Status);
            Assert.Equal("志愿者搬家", orders[1].CancelReason);
            Assert.Equal(70, (await db.Set<Volunteer>().AsNoTracking().SingleAsync()).Balance);
            Assert.Equal(4, (await db.Set<Reward>().AsNoTracking().SingleAsync()).Stock);
        }

        Assert.Single(await host.AuditAsync("alpha", "points", "fulfil"));
        Assert.Single(await host.AuditAsync("alpha", "points", "cancel-order"));
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_rewards_or_orders()
    {
        await using var host = new TestHost().WithPointsTenant("alpha").WithPointsTenant("beta");
        host.Start();
        var rice = await RewardAsync(host, null, 5, 30);
        var volunteerId = await Citizen1VolunteerAsync(host, "D-01-01-01", 100);
        long orderId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            orderId = (await scope.ServiceProvider.GetRequiredService<PointsLedger>().RedeemAsync(volunteerId, rice, 1, "o1", "citizen1", (_, _) => Task.FromResult(true))).Order!.Id;
        }

        var admin = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("大米", await admin.GetStringAsync("/beta/admin/points/rewards"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/beta/admin/points/rewards/{rice}")).StatusCode);
        Assert.DoesNotContain("大米", await admin.GetStringAsync("/beta/admin/points/orders?status=all"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await IdentityTestSupport.PostFormAsync(admin, "/beta/admin/points/orders", $"/beta/admin/points/orders/{orderId}/cancel", ("Reason", "x"))).StatusCode);
        var citizen = await host.SignedInAsync("beta", "citizen1", GridTestData.StaffPassword);
        Assert.Contains("还没有登记为志愿者", await citizen.GetStringAsync("/beta/points/rewards"), StringComparison.Ordinal);
    }
}
