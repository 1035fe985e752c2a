using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Directory;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>The public directory: filters, nearest first with distances, a station's page, a community's adviser, tenant isolation.</summary>
public sealed partial class DirectoryTests
{
    [GeneratedRegex("legal/stations/([a-z0-9-]+)\">")]
    private static partial Regex StationLink();

    private static List<string> Order(string page) => [.. StationLink().Matches(page).Select(m => m.Groups[1].Value).Distinct()];

    private static string Point(double x, double y) =>
        $"longitude={GridTestData.X(x).ToString(CultureInfo.InvariantCulture)}&latitude={GridTestData.Y(y).ToString(CultureInfo.InvariantCulture)}";

    private static async Task<(TestHost Host, LegalAidTestData.Seeded Seeded)> StartAsync(string provider = "Sqlite")
    {
        var host = await new TestHost().WithLegalAidTenant("alpha").WithLegalAidTenant("beta").WithClock(new ManualClock(LegalAidTestData.Monday)).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        return (host, await LegalAidTestData.SeedAsync(scope.ServiceProvider));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stations_are_filtered_and_ordered_nearest_first_from_the_residents_point(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _ = host;
        var client = host.Client();

        var all = await client.GetStringAsync("/alpha/legal");
        Assert.Equal(["district-centre", "street-centre", "procuratorate-aid"], Order(all));
        Assert.Contains("class=\"grid-map-pin legal-pin-aidworkstation\"", all, StringComparison.Ordinal);
        Assert.Contains("测试区人民检察院", all, StringComparison.Ordinal);

        // From the procuratorate's own corner, then from the district centre's.
        var east = await client.GetStringAsync($"/alpha/legal?{Point(3, 1)}");
        Assert.Equal(["procuratorate-aid", "street-centre", "district-centre"], Order(east));
        Assert.Contains("class=\"grid-map-marker\"", east, StringComparison.Ordinal);
        var west = await client.GetStringAsync($"/alpha/legal?{Point(0.5, 0.5)}");
        Assert.Equal(["district-centre", "street-centre", "procuratorate-aid"], Order(west));
        var km = LegalDirectory.DistanceKm(GridTestData.X(0.5), GridTestData.Y(0.5), GridTestData.X(1.5), GridTestData.Y(0.5));
        Assert.Contains($"<span class=\"legal-distance\">{LegalDirectory.Distance(km)}</span>", west, StringComparison.Ordinal);
        Assert.Contains("<span class=\"legal-distance\">0 m</span>", west, StringComparison.Ordinal);

        Assert.Equal(["street-centre"], Order(await client.GetStringAsync("/alpha/legal?kind=StreetCentre")));
        Assert.Equal(["district-centre", "street-centre"], Order(await client.GetStringAsync("/alpha/legal?service=Mediation")));
        // A street's list has its own stations and the district's, which serve every street.
        Assert.Equal(["district-centre", "procuratorate-aid"], Order(await client.GetStringAsync("/alpha/legal?street=D-02")));
        Assert.Equal(["district-centre", "street-centre", "procuratorate-aid"], Order(await client.GetStringAsync("/alpha/legal?kind=7&service=bogus&street=nowhere")));
    }

    [Fact]
    public async Task Distances_read_in_metres_or_kilometres()
    {
        Assert.Equal("1.2 km", LegalDirectory.Distance(1.234));
        Assert.Equal("350 m", LegalDirectory.Distance(0.3512));
        // Guangzhou to Beijing is about 1,890 km along the great circle.
        Assert.InRange(LegalDirectory.DistanceKm(113.2644, 23.1291, 116.4074, 39.9042), 1880, 1900);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_station_has_its_page_with_a_booking_link_and_another_tenants_code_is_not_found()
    {
        var (host, seeded) = await StartAsync();
        await using var _ = host;
        var client = host.Client();
        var page = await client.GetStringAsync("/alpha/legal/stations/street-centre");
        Assert.Contains("一街公共法律服务工作站", page, StringComparison.Ordinal);
        Assert.Contains($"legal/book/station/{seeded.StreetCentreId}\"", page, StringComparison.Ordinal);
        var aid = await client.GetStringAsync("/alpha/legal/stations/procuratorate-aid");
        Assert.DoesNotContain("legal/book/station", aid, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/beta/legal/stations/street-centre")).StatusCode);
        Assert.DoesNotContain("street-centre", await client.GetStringAsync("/beta/legal"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/alpha/legal/stations/no-such")).StatusCode);
    }

    [Fact]
    public async Task A_communitys_adviser_is_found_by_choice_or_by_point_without_the_lawyers_phone()
    {
        var (host, seeded) = await StartAsync();
        await using var _ = host;
        var client = host.Client();

        var chosen = await client.GetStringAsync("/alpha/legal/advisers?community=D-01-01");
        Assert.Contains("李明", chosen, StringComparison.Ordinal);
        Assert.Contains("广东测试律师事务所", chosen, StringComparison.Ordinal);
        Assert.Contains("每周三 14:30–16:30", chosen, StringComparison.Ordinal);
        Assert.Contains($"legal/book/adviser/{seeded.AssignmentId}\"", chosen, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", chosen, StringComparison.Ordinal);

        // A point in grid D-01-01-01 belongs to community D-01-01.
        var located = await client.GetStringAsync($"/alpha/legal/advisers?{Point(0.5, 0.5)}");
        Assert.Contains("李明", located, StringComparison.Ordinal);
        Assert.Contains("五大门社区", located, StringComparison.Ordinal);

        var none = await client.GetStringAsync($"/alpha/legal/advisers?{Point(3, 1)}");
        Assert.Contains("暂无法律顾问", none, StringComparison.Ordinal);
        Assert.Contains("东关社区", none, StringComparison.Ordinal);

        var street = await client.GetStringAsync("/alpha/legal/advisers?street=D-01");
        Assert.Contains("value=\"D-01-02\"", street, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/alpha/legal/advisers?community=D-01")).StatusCode);
        Assert.DoesNotContain("李明", await client.GetStringAsync("/beta/legal/advisers?community=D-01-01"), StringComparison.Ordinal);
    }
}
