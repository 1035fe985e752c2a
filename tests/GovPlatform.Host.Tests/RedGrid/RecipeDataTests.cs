using System.Text.Json;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Recipes;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Pairings;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// The <c>redgrid</c> step's lists of resident units, members, needs, pairings and centres: upserts by natural key, a
/// second run that changes nothing, a bad entry that refuses the whole step; and the three districts' real figures
/// (站前 175 resident units, 莲湖 140 centres "1+9+130", 越秀 ¥20,430,000 and 8,763 problems) from their recipes.
/// </summary>
public sealed class RecipeDataTests
{
    private const string Lists = """
        { "name": "redgrid",
          "organisations": [ { "code": "d-jg-01", "kind": "UnitBranch", "name": "区财政局党支部", "gridUnit": "D" } ],
          "members": [ { "name": "李示例", "kind": "InService", "organisation": "d-jg-01", "gridUnit": "D-01-01", "employer": "区财政局" } ],
          "residentUnits": [ { "code": "ru-1", "name": "辖区中学", "kind": "Institution", "gridUnit": "D-01-01", "longitude": 122.25, "latitude": 40.66,
            "resources": [ { "type": "Venue", "title": "操场", "quantity": 2000, "unit": "㎡" }, { "type": "Volunteers", "title": "教师志愿者", "quantity": 12, "unit": "人" } ] } ],
          "committees": [ { "kind": "CommunityCommittee", "name": "五大门社区大党委", "gridUnit": "D-01-01", "termStartsOn": "2024-01-01", "termEndsOn": "2026-12-31",
            "seats": [ { "organisationName": "社区党委", "representative": "王示例", "role": "Secretary" },
                       { "organisationName": "辖区中学党支部", "residentUnit": "ru-1", "representative": "赵示例", "role": "AdjunctMember" } ] } ],
          "needs": [ { "gridUnit": "D-01-01", "type": "Volunteers", "title": "独居老人探访" }, { "gridUnit": "D-01-01-01", "type": "Funds", "title": "楼道照明", "status": "Closed" } ],
          "pairings": [
            { "kind": "BranchCommunity", "organisation": "d-jg-01", "gridUnit": "D-01-01", "startsOn": "2012-03-01",
              "help": [ { "kind": "Money", "amount": 12000.5, "description": "帮扶资金", "givenOn": "2012-06-01" },
                        { "kind": "Problem", "problems": 7, "description": "解决实际困难", "givenOn": "2013-06-01" } ] },
            { "kind": "MemberHousehold", "member": "李示例", "memberOrganisation": "d-jg-01", "household": "陈示例家", "gridUnit": "D-01-01", "startsOn": "2014-05-01",
              "help": [ { "kind": "Goods", "amount": 800, "problems": 1, "description": "慰问物资", "givenOn": "2014-09-01" } ] } ],
          "centres": [ { "code": "dq", "level": "District", "name": "区党群服务中心", "gridUnit": "D", "address": "中心路1号", "services": ["党员教育", " 政务代办 "],
            "hours": "9:00–17:00", "activities": [ { "title": "志愿服务日", "startsAt": "2026-12-05 09:30", "place": "大厅" } ] },
            { "code": "d-01-01", "level": "Community", "name": "五大门社区党群服务中心", "gridUnit": "D-01-01", "address": "五大门路2号" } ] }
        """;

    private static async Task RunAsync(IServiceProvider services, string json, string? directory = null)
    {
        using var document = JsonDocument.Parse(json);
        var step = services.GetServices<IRecipeStep>().Last(s => s.Name == "redgrid");
        await step.ExecuteAsync(new RecipeStepContext("test", 0, document.RootElement, services.GetRequiredService<ITenant>(), services, directory), default);
    }

    /// <summary>Every row the lists write, with its version or its values: equal before and after a second run means nothing changed.</summary>
    private static async Task<string> SnapshotAsync(TenantDbContext db) => JsonSerializer.Serialize(new
    {
        Units = await db.Set<ResidentUnit>().AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Code, u.Version, u.UpdatedUtc, u.OrganisationId }).ToListAsync(),
        Resources = await db.Set<UnitResource>().AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Title, r.Quantity, r.UpdatedUtc }).ToListAsync(),
        Members = await db.Set<PartyMember>().AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.Name, m.Version }).ToListAsync(),
        Needs = await db.Set<CommunityNeed>().AsNoTracking().OrderBy(n => n.Id).Select(n => new { n.Id, n.Title, n.Status, n.Version }).ToListAsync(),
        Pairings = await db.Set<Pairing>().AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Kind, p.GridUnitCode, p.StartsOn }).ToListAsync(),
        Help = await db.Set<PairingHelp>().AsNoTracking().OrderBy(h => h.Id).Select(h => new { h.Id, h.AmountFen, h.Problems }).ToListAsync(),
        Centres = await db.Set<ServiceCentre>().AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Code, c.Version, c.UpdatedUtc }).ToListAsync(),
        Activities = await db.Set<CentreActivity>().AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.Title, a.StartsUtc }).ToListAsync(),
        Seats = await db.Set<CommitteeSeat>().AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.ResidentUnitId }).ToListAsync(),
    });

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_lists_upsert_by_natural_key_and_a_second_run_changes_nothing(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        string first;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await RunAsync(scope.ServiceProvider, Lists);
            first = await SnapshotAsync(scope.ServiceProvider.GetRequiredService<TenantDbContext>());
        }

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await RunAsync(scope.ServiceProvider, Lists);
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<TenantDbContext>();
            Assert.Equal(first, await SnapshotAsync(db));
            var unit = await db.Set<ResidentUnit>().AsNoTracking().SingleAsync();
            Assert.Equal(("ru-1", "D-01-01", 1, ResidentUnitKind.Institution), (unit.Code, unit.GridUnitCode, unit.Version, unit.Kind));
            Assert.Equal(2, await db.Set<UnitResource>().CountAsync(r => r.ResidentUnitId == unit.Id && r.GridUnitCode == "D-01-01"));
            Assert.Equal(unit.Id, await db.Set<CommitteeSeat>().Where(s => s.ResidentUnitId != null).Select(s => s.ResidentUnitId).SingleAsync());
            Assert.Equal([NeedStatus.Open, NeedStatus.Closed], await db.Set<CommunityNeed>().OrderBy(n => n.Id).Select(n => n.Status).ToListAsync());
            var member = await db.Set<PartyMember>().AsNoTracking().SingleAsync();
            Assert.Equal((MemberKind.InService, MemberStatus.Active, "区财政局"), (member.Kind, member.Status, member.Employer));
            var total = (await services.GetRequiredService<PairingService>().SumsAsync(null)).Select(r => r.Sums).Aggregate(HelpSums.Zero, HelpSums.Add);
            Assert.Equal(new HelpSums(1_200_050, 80_000, 8, 0), total);
            var centre = await db.Set<ServiceCentre>().AsNoTracking().SingleAsync(c => c.Code == "dq");
            Assert.Equal((CentreLevel.District, "党员教育\n政务代办", 1), (centre.Level, centre.Services, centre.Version));
            // 09:30 in the tenant's zone (Asia/Shanghai, UTC+8).
            Assert.Equal(new DateTime(2026, 12, 5, 1, 30, 0, DateTimeKind.Utc), (await db.Set<CentreActivity>().AsNoTracking().SingleAsync()).StartsUtc);
        }

        Assert.Single(await host.AuditAsync("alpha", "redgrid", "recipe"));

        // A change to one entry changes that entry only.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await RunAsync(scope.ServiceProvider, Lists.Replace("\"name\": \"辖区中学\"", "\"name\": \"辖区第一中学\"", StringComparison.Ordinal));
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var unit = await db.Set<ResidentUnit>().AsNoTracking().SingleAsync();
            Assert.Equal(("辖区第一中学", 2), (unit.Name, unit.Version));
            Assert.Equal(1, await db.Set<ServiceCentre>().Where(c => c.Code == "dq").Select(c => c.Version).SingleAsync());
        }
    }

    [Theory]
    [InlineData("\"gridUnit\": \"D-01-01\", \"longitude\"", "\"gridUnit\": \"X-99\", \"longitude\"", "residentUnits[0] (ru-1).gridUnit")]
    [InlineData("\"residentUnit\": \"ru-1\"", "\"residentUnit\": \"ru-404\"", "committees[0]")]
    [InlineData("\"amount\": 800", "\"amount\": -800", "pairings[1]")]
    [InlineData("\"gridUnit\": \"D\", \"address\"", "\"gridUnit\": \"Q\", \"address\"", "centres[0] (dq).gridUnit")]
    [InlineData("\"startsAt\": \"2026-12-05 09:30\"", "\"startsAt\": \"5 Dec\"", "activities[0] (志愿服务日).startsAt")]
    [InlineData("\"title\": \"楼道照明\"", "\"title\": \"\"", "needs[1]")]
    public async Task A_bad_entry_refuses_the_whole_step_and_names_it(string good, string bad, string named)
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        var json = Lists.Replace(good, bad, StringComparison.Ordinal);
        Assert.NotEqual(Lists, json);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var error = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(scope.ServiceProvider, json));
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(0, await db.Set<PartyOrganisation>().CountAsync(o => o.Code == "d-jg-01"));
            Assert.Equal(0, await db.Set<ResidentUnit>().CountAsync());
            Assert.Equal(0, await db.Set<UnitResource>().CountAsync());
            Assert.Equal(0, await db.Set<PartyMember>().CountAsync());
            Assert.Equal(0, await db.Set<JointCommittee>().CountAsync());
            Assert.Equal(0, await db.Set<CommunityNeed>().CountAsync());
            Assert.Equal(0, await db.Set<Pairing>().CountAsync());
            Assert.Equal(0, await db.Set<PairingHelp>().CountAsync());
            Assert.Equal(0, await db.Set<ServiceCentre>().CountAsync());
        }

        Assert.Empty(await host.AuditAsync("alpha", "redgrid", "recipe"));
    }

    [Fact]
    public async Task The_districts_recipes_load_their_real_figures_and_a_second_run_changes_nothing()
    {
        await using var host = new TestHost().WithRepositoryTenants();
        host.Start();

        // 站前: "三单八联" brings 175 resident units into grid management, each offering 1–3 resources.
        await using (var scope = await host.ScopeAsync("zhanqian"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(175, await db.Set<ResidentUnit>().CountAsync());
            var perUnit = await db.Set<UnitResource>().GroupBy(r => r.ResidentUnitId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(175, perUnit.Count);
            Assert.All(perUnit, n => Assert.InRange(n, 1, 3));
            Assert.Equal(30, await db.Set<CommunityNeed>().CountAsync());
            Assert.InRange(await db.Set<CommunityNeed>().CountAsync(n => n.Status == NeedStatus.Open), 1, 29);
            Assert.Equal(40, await db.Set<CommitteeSeat>().CountAsync(s => s.ResidentUnitId != null));
            Assert.Equal(10, await db.Set<Pairing>().CountAsync());
        }

        // 莲湖: "1+9+N", 140 centres; 西关正街社区 is served by its street's centre.
        await using (var scope = await host.ScopeAsync("lianhu"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var levels = await db.Set<ServiceCentre>().GroupBy(c => c.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            Assert.Equal((1, 9, 130), (levels[CentreLevel.District], levels[CentreLevel.Street], levels[CentreLevel.Community]));
            Assert.False(await db.Set<ServiceCentre>().AnyAsync(c => c.GridUnitCode == "610104-01-010"));
            Assert.Equal(0, await db.Set<ServiceCentre>().CountAsync(c => c.Longitude == null || c.Services == null || c.Hours == null));
        }

        // 越秀: 双结对 since 2012, ¥20.43 million of aid and 8,763 problems solved.
        await using (var scope = await host.ScopeAsync("yuexiu"))
        {
            var rows = await scope.ServiceProvider.GetRequiredService<PairingService>().SumsAsync(null);
            var total = rows.Select(r => r.Sums).Aggregate(HelpSums.Zero, HelpSums.Add);
            Assert.Equal(2_043_000_000, total.MoneyFen + total.GoodsFen);
            Assert.Equal(8_763, total.Problems);
            Assert.Equal(Enumerable.Range(2012, 15), rows.Select(r => r.Year).Distinct().Order());
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(100, await db.Set<Pairing>().CountAsync(p => p.Kind == PairingKind.BranchCommunity));
            Assert.Equal(60, await db.Set<Pairing>().CountAsync(p => p.Kind == PairingKind.MemberHousehold));
        }

        // Each district's step once more, from its file: nothing changes, and no second audit event.
        foreach (var tenant in new[] { "zhanqian", "lianhu", "yuexiu" })
        {
            string before;
            await using (var scope = await host.ScopeAsync(tenant))
            {
                var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
                before = await SnapshotAsync(db);
                await RunAsync(scope.ServiceProvider, """{ "name": "redgrid", "file": "redgrid.json" }""", Path.Combine(host.TenantsPath, tenant));
            }

            await using (var scope = await host.ScopeAsync(tenant))
            {
                Assert.Equal(before, await SnapshotAsync(scope.ServiceProvider.GetRequiredService<TenantDbContext>()));
            }

            Assert.Single(await host.AuditAsync(tenant, "redgrid", "recipe"));
        }
    }
}
