using System.Security.Claims;
using System.Text.Json;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Advisers;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Recipes;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>The <c>legalaid</c> recipe step, and 越秀's stations, lawyers and advisers from tenants/yuexiu/legalaid.json.</summary>
public sealed class LegalAidRecipeTests
{
    private const string Step = """
        { "name": "legalaid", "settings": { "reviewWorkingDays": 5 },
          "stations": [ { "code": "d-union-aid", "kind": "AidWorkstation", "name": { "zh-CN": "工会法律援助工作站", "en": "Union aid station" }, "gridUnit": "D-02",
            "hostOrganisation": "区总工会", "address": "工人文化宫一楼", "longitude": 116.4, "latitude": 39.9, "services": ["Consultation", "LegalAid"],
            "openDays": ["Tuesday", "Thursday"], "opens": "09:00", "closes": "12:00", "slotMinutes": 60, "slotCapacity": 1 } ],
          "firms": [ { "name": "示例甲律师事务所", "englishName": "Example A" } ],
          "lawyers": [ { "name": "赵示例", "firm": "示例甲律师事务所", "licenceNumber": "14401201919900001", "specialities": "劳动争议", "userName": "lawyer2" } ],
          "assignments": [ { "community": "D-02-01", "lawyer": "14401201919900001", "startsOn": "2026-01-01", "endsOn": "2027-12-31", "place": "东关社区居委会",
            "hours": "每周四下午", "openDays": ["Thursday"], "opens": "14:30", "closes": "17:30", "endedOn": "2026-06-30", "endedReason": "律师调离" },
            { "community": "D-01-02", "lawyer": "14401201919900001", "startsOn": "2026-01-01", "endsOn": "2027-12-31", "openDays": ["Friday"], "opens": "09:00", "closes": "12:00" } ] }
        """;

    private static async Task RunAsync(IServiceProvider services, string json)
    {
        using var document = JsonDocument.Parse(json);
        var step = services.GetServices<IRecipeStep>().Last(s => s.Name == "legalaid");
        await step.ExecuteAsync(new RecipeStepContext("test", 0, document.RootElement, services.GetRequiredService<ITenant>(), services), default);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_step_upserts_by_key_once_and_refuses_an_invalid_file_whole(string provider)
    {
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithClock(new ManualClock(LegalAidTestData.Monday)).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        await RunAsync(services, Step);
        await RunAsync(services, Step);

        var db = services.GetRequiredService<TenantDbContext>();
        var station = await db.Set<LegalStation>().AsNoTracking().SingleAsync();
        Assert.Equal((StationKind.AidWorkstation, "D-02", LegalServices.Consultation | LegalServices.LegalAid, OpenDays.Of(DayOfWeek.Tuesday, DayOfWeek.Thursday), new TimeOnly(12, 0)),
            (station.Kind, station.GridUnitCode, station.Services, station.OpenDays, station.ClosesAt!.Value));
        Assert.Single(await db.Set<LawFirm>().AsNoTracking().ToListAsync());
        var lawyer = await db.Set<Lawyer>().AsNoTracking().SingleAsync();
        Assert.Equal("lawyer2", lawyer.UserName);
        var terms = await db.Set<AdviserAssignment>().AsNoTracking().OrderBy(a => a.GridUnitCode).ToListAsync();
        Assert.Equal(["D-01-02", "D-02-01"], terms.Select(t => t.GridUnitCode));
        Assert.Equal((new DateOnly(2026, 6, 30), "律师调离"), (terms[1].EndsOn, terms[1].EndedReason));
        Assert.Equal(5, (await services.GetRequiredService<LegalAidSettingsStore>().GetAsync()).ReviewWorkingDays);

        var invalid = """
            { "name": "legalaid", "stations": [
              { "code": "new-one", "kind": "StreetCentre", "name": { "zh-CN": "新站", "en": "New" }, "gridUnit": "D-01", "address": "x" },
              { "code": "bad", "kind": "StreetCentre", "name": { "zh-CN": "坏", "en": "Bad" }, "gridUnit": "Z-9", "address": "x", "opens": "12:00", "closes": "09:00", "slotCapacity": 1 } ],
              "lawyers": [ { "name": "钱示例", "licenceNumber": "123" } ],
              "assignments": [ { "community": "D-01-02", "lawyer": "14401201919900001", "startsOn": "2027-06-01", "endsOn": "2028-05-31" } ] }
            """;
        var refused = await Assert.ThrowsAsync<RecipeStepException>(() => RunAsync(services, invalid));
        Assert.Contains("stations[1] (bad).gridUnit: The district's grid has no unit 'Z-9'.", refused.Message, StringComparison.Ordinal);
        Assert.Contains("stations[1] (bad).closes", refused.Message, StringComparison.Ordinal);
        Assert.Contains("lawyers[0] (钱示例).licenceNumber", refused.Message, StringComparison.Ordinal);
        Assert.Contains("assignments[0] (D-01-02): ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("terms cannot overlap", refused.Message, StringComparison.Ordinal);
        Assert.False(await db.Set<LegalStation>().AnyAsync(s => s.Code == "new-one"));
    }

    [Fact]
    public async Task Yuexiu_gets_its_stations_lawyers_and_an_adviser_for_all_but_three_communities()
    {
        await using var host = new TestHost().WithRepositoryTenants().WithClock(new ManualClock(LegalAidTestData.Monday));
        host.Start();
        await using var scope = await host.ScopeAsync("yuexiu");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        var stations = await db.Set<LegalStation>().AsNoTracking().ToListAsync();
        Assert.Equal(24, stations.Count);
        Assert.Equal(18, stations.Count(s => s.Kind == StationKind.StreetCentre));
        Assert.Contains(stations, s => s.Kind == StationKind.AidWorkstation && s.HostOrganisation == "越秀区人民检察院");
        Assert.All(stations, s => Assert.True(s.Longitude is > 113.2 and < 113.35 && s.Latitude is > 23.1 and < 23.2, s.Code));
        Assert.Equal(120, await db.Set<Lawyer>().CountAsync());
        Assert.Equal(15, await db.Set<LawFirm>().CountAsync());
        Assert.Equal(222, await db.Set<AdviserAssignment>().CountAsync());

        var coverage = await services.GetRequiredService<CoverageReport>().BuildAsync(new ClaimsPrincipal(new ClaimsIdentity()));
        Assert.Equal((219, 222, 18), (coverage.Covered, coverage.Total, coverage.Streets.Count));
        Assert.Equal(3, coverage.Streets.Sum(s => s.Uncovered.Count));
    }
}
