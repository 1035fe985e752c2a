using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Points.Honours;
using GovPlatform.Points.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Points;

/// <summary>
/// Honour rolls: points earned in a local month or year per subtree (reversals of earns subtract, spending does not, other
/// periods and units are left out), names only with consent, the top ten commended once, the pages, tenant isolation.
/// </summary>
public sealed class HonourTests
{
    private sealed record Seeded(long A, long B, long C, long Hidden, long Other);

    /// <summary>
    /// In D-01-01-01: A earns 50 and 30 in November 2026 (Shanghai), the 30 reversed, and spends 20; B earns 40 in
    /// November and 100 in October; C earns 40 at 01:00 on 1 November local (still 31 October in UTC); Hidden (no consent)
    /// earns 60. In D-02-01: Other earns 500.
    /// </summary>
    private static async Task<Seeded> SeedAsync(TestHost host, string tenant = "alpha")
    {
        await using var scope = await host.ScopeAsync(tenant);
        var services = scope.ServiceProvider;
        var ids = await PointsTestData.VolunteersAsync(services, 4, "D-01-01-01", "h");
        var other = (await PointsTestData.VolunteersAsync(services, 1, "D-02-01", "x"))[0];
        var db = services.GetRequiredService<TenantDbContext>();
        await db.Set<Volunteer>().Where(v => v.Id == ids[3]).ExecuteUpdateAsync(s => s.SetProperty(v => v.PublicConsent, false).SetProperty(v => v.RealName, "隐名者"));
        var n = 0;
        PointEntry Entry(long volunteer, EntryKind kind, long amount, DateTime utc, long? reverses = null) => new()
        {
            VolunteerId = volunteer,
            Kind = kind,
            Amount = amount,
            Reason = "测试",
            SourceType = "activity",
            ReversesId = reverses,
            IdempotencyKey = $"h:{++n}",
            CreatedBy = "staff",
            CreatedUtc = DateTime.SpecifyKind(utc, DateTimeKind.Utc),
        };
        var nov = new DateTime(2026, 11, 10, 2, 0, 0);
        var reversed = Entry(ids[0], EntryKind.Earn, 30, nov);
        db.AddRange(Entry(ids[0], EntryKind.Earn, 50, nov), reversed, Entry(ids[0], EntryKind.Redeem, -20, nov.AddDays(1)),
            Entry(ids[1], EntryKind.Earn, 40, nov), Entry(ids[1], EntryKind.Earn, 100, new DateTime(2026, 10, 10)),
            Entry(ids[2], EntryKind.Earn, 40, new DateTime(2026, 10, 31, 17, 0, 0)),
            Entry(ids[3], EntryKind.Earn, 60, nov), Entry(other, EntryKind.Earn, 500, nov));
        await db.SaveChangesAsync();
        db.Add(Entry(ids[0], EntryKind.Reverse, -30, nov.AddDays(2), reversed.Id));
        await db.SaveChangesAsync();
        return new Seeded(ids[0], ids[1], ids[2], ids[3], other);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_roll_ranks_points_earned_in_the_local_period_of_the_subtree(string provider)
    {
        await using var host = await new TestHost().WithPointsTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var seeded = await SeedAsync(host);
        await using var scope = await host.ScopeAsync("alpha");
        var roll = scope.ServiceProvider.GetRequiredService<HonourRoll>();

        var board = await roll.LeaderboardAsync((await roll.UnitAsync("D-01"))!, roll.Period("2026-11")!);
        Assert.Equal(
            [(1, seeded.Hidden, 60L), (2, seeded.A, 50L), (3, seeded.B, 40L), (3, seeded.C, 40L)],
            board.Lines.Select(l => (l.Rank, l.VolunteerId, l.Points)));
        Assert.Null(board.Lines[0].Name);
        Assert.Equal("志愿者2", board.Lines[2].Name);

        var october = await roll.LeaderboardAsync((await roll.UnitAsync("D-01"))!, roll.Period("2026-10")!);
        Assert.Equal([(seeded.B, 100L)], october.Lines.Select(l => (l.VolunteerId, l.Points)));
        var year = await roll.LeaderboardAsync((await roll.UnitAsync("D-01-01-01"))!, roll.Period("2026")!);
        Assert.Equal(140, year.Lines.Single(l => l.VolunteerId == seeded.B).Points);
        var district = await roll.LeaderboardAsync((await roll.UnitAsync(null))!, roll.Period("2026-11")!);
        Assert.Equal(seeded.Other, district.Lines[0].VolunteerId);
        Assert.Null(roll.Period("2026-13"));
        Assert.Null(roll.Period("26"));
    }

    [Fact]
    public async Task The_public_page_shows_names_only_with_consent_and_the_commended_once()
    {
        await using var host = new TestHost().WithPointsTenant("alpha").WithPointsTenant("beta");
        host.Start();
        await SeedAsync(host);
        var page = "/alpha/points/honour?unit=D-01-01&period=2026-11";

        var anonymous = host.Client();
        var html = await anonymous.GetStringAsync(page);
        Assert.Contains("志愿者1", html, StringComparison.Ordinal);
        Assert.Contains("志愿者（未公开）", html, StringComparison.Ordinal);
        Assert.DoesNotContain("隐名者", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1390000000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("优秀志愿者", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/alpha/points/honour?unit=D-01&period=November")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/alpha/points/honour?unit=nowhere&period=2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alpha/points/honour")).StatusCode);

        // street (D-02) may not commend D-01-01's roll; a citizen has no Reports at all.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var admin = "/alpha/admin/points/honours";
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(street, admin, admin, ("Unit", "D-01-01"), ("Period", "2026-11"))).StatusCode);
        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync(admin)).StatusCode);

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var commended = await IdentityTestSupport.PostFormAsync(staff, $"{admin}?unit=D-01-01&period=2026-11", admin, ("Unit", "D-01-01"), ("Period", "2026-11"));
        Assert.Equal(HttpStatusCode.Redirect, commended.StatusCode);
        var again = await IdentityTestSupport.PostFormAsync(staff, $"{admin}?unit=D-01-01&period=2026-11", admin, ("Unit", "D-01-01"), ("Period", "2026-11"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("不能重复表彰", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var rows = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Commendation>().AsNoTracking().OrderBy(c => c.Rank).ToListAsync();
            Assert.Equal([1, 2, 3, 3], rows.Select(c => c.Rank));
            Assert.Equal([60L, 50L, 40L, 40L], rows.Select(c => c.Points));
            Assert.All(rows, c => Assert.Equal("优秀志愿者", c.Title));
            Assert.All(rows, c => Assert.Equal("D-01-01", c.GridUnitCode));
        }

        Assert.Single(await host.AuditAsync("alpha", "points", "commend"));
        var after = await anonymous.GetStringAsync(page);
        Assert.Equal(4, after.Split("★ 优秀志愿者").Length - 1);
        // Another unit's roll of the same period is not commended.
        Assert.DoesNotContain("★", await anonymous.GetStringAsync("/alpha/points/honour?unit=D-01&period=2026-11"), StringComparison.Ordinal);

        // beta's roll is its own.
        var beta = await anonymous.GetStringAsync("/beta/points/honour?unit=D-01-01&period=2026-11");
        Assert.DoesNotContain("志愿者1", beta, StringComparison.Ordinal);
        Assert.Contains("还没有志愿者获得积分", beta, StringComparison.Ordinal);
    }
}
