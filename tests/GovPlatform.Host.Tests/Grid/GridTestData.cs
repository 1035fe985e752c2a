using System.Globalization;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.Grid;

/// <summary>
/// A small district in cells of 0.01° (about 1 km) from 113.20 E, 23.10 N:
/// D (4×2 cells) → streets D-01 (west half), D-02 (east half) → communities D-01-01 (south), D-01-02 (north), D-02-01
/// → grids D-01-01-01, D-01-01-02 (the two cells of D-01-01); plus the professional grid D-02-P1 (police) without a
/// boundary. Users: admin, staff (community staff of D-01-01), street (street admin of D-02).
/// </summary>
internal static class GridTestData
{
    public const double Lon0 = 113.20;
    public const double Lat0 = 23.10;
    public const double Cell = 0.01;
    public const string StaffPassword = "Staff-pass-2024";

    public static string Box(double x0, double y0, double x1, double y1, double shift = 0) => FormattableString.Invariant(
        $"{{\"type\":\"Polygon\",\"coordinates\":[[[{X(x0) + shift},{Y(y0)}],[{X(x1) + shift},{Y(y0)}],[{X(x1) + shift},{Y(y1)}],[{X(x0) + shift},{Y(y1)}],[{X(x0) + shift},{Y(y0)}]]]}}");

    public static double X(double cells) => Math.Round(Lon0 + (cells * Cell), 9);

    public static double Y(double cells) => Math.Round(Lat0 + (cells * Cell), 9);

    /// <summary>The district as a units GeoJSON file, shifted east by <paramref name="shift"/> degrees.</summary>
    public static string UnitsGeoJson(double shift = 0)
    {
        var features = new[]
        {
            Feature("D", "示范区", 1, null, Box(0, 0, 4, 2, shift), 0),
            Feature("D-01", "东风街道", 2, "D", Box(0, 0, 2, 2, shift), 0),
            Feature("D-02", "建设街道", 2, "D", Box(2, 0, 4, 2, shift), 0),
            Feature("D-01-01", "五大门社区", 3, "D-01", Box(0, 0, 2, 1, shift), 0),
            Feature("D-01-02", "北关社区", 3, "D-01", Box(0, 1, 2, 2, shift), 900),
            Feature("D-02-01", "东关社区", 3, "D-02", Box(2, 0, 4, 2, shift), 1200),
            Feature("D-01-01-01", "第一网格", 4, "D-01-01", Box(0, 0, 1, 1, shift), 400),
            Feature("D-01-01-02", "第二网格", 4, "D-01-01", Box(1, 0, 2, 1, shift), 350),
        };
        var collection = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. features]) };
        var police = new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = null,
            ["properties"] = new JsonObject { ["code"] = "D-02-P1", ["name"] = "公安专业网格", ["level"] = 3, ["parent"] = "D-02", ["kind"] = "professional", ["department"] = "公安" },
        };
        collection["features"]!.AsArray().Add(police);
        return collection.ToJsonString();
    }

    public const string WorkersCsv = """
        name,phone,kind,team,unit,role,startDate,endDate,userName,notes
        王建国,13800000001,fullTime,none,D-01-01,leader,2023-01-01,,,
        李秀英,13800000002,fullTime,none,D-01-01-01,worker,2023-03-01,,,
        张伟,13800000003,partTime,volunteers,D-01-01-02,worker,2024-05-01,,,
        刘洋,13800000004,fullTime,politicalLegal,D-02-01,leader,2022-07-01,,,
        """;

    /// <summary>A grid step with four levels, the district file and the workers file.</summary>
    public static JsonObject GridStep(string units = "grid.geojson", string? workers = "grid-workers.csv", bool fullCoverage = false) => new()
    {
        ["name"] = "grid",
        ["levels"] = new JsonArray(
            Level("区", "District"), Level("街道", "Street"), Level("社区", "Community"), Level("网格", "Grid", 300, 500)),
        ["rules"] = new JsonObject { ["toleranceMeters"] = 1, ["requireFullCoverage"] = fullCoverage },
        ["units"] = units,
        ["workers"] = workers,
    };

    /// <summary>A tenant with the grid (and the grid-records test feature), its files and its users.</summary>
    public static TestHost WithGridTenant(this TestHost host, string name, double shift = 0)
    {
        host.WriteFile($"{name}/grid.geojson", UnitsGeoJson(shift));
        host.WriteFile($"{name}/grid-workers.csv", WorkersCsv.Replace("\r\n", "\n", StringComparison.Ordinal));
        var steps = new JsonArray { GridStep() };
        foreach (var step in IdentityTestSupport.UsersStep(
            ("admin", IdentityTestSupport.AdminPassword, ["Administrator"], []),
            ("staff", StaffPassword, ["CommunityStaff"], ["D-01-01"]),
            ("street", StaffPassword, ["StreetAdmin"], ["D-02"])))
        {
            steps.Add(step!.DeepClone());
        }

        return host.WithTenant(name, ["GovPlatform.Grid", "Test.GridRecords", "GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"], extraSteps: steps);
    }

    private static JsonObject Feature(string code, string name, int level, string? parent, string geometry, int households) => new()
    {
        ["type"] = "Feature",
        ["geometry"] = JsonNode.Parse(geometry),
        ["properties"] = new JsonObject
        {
            ["code"] = code,
            ["name"] = name,
            ["level"] = level,
            ["parent"] = parent,
            ["households"] = households,
        },
    };

    private static JsonObject Level(string name, string english, int? min = null, int? max = null) => new()
    {
        ["name"] = name,
        ["englishName"] = english,
        ["minHouseholds"] = min,
        ["maxHouseholds"] = max,
    };

    /// <summary>Posts a file to the tenant's grid import page with the page's antiforgery token, as the browser form does.</summary>
    public static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string tenant, string kind, string fileName, byte[] content)
    {
        var token = await IdentityTestSupport.AntiforgeryTokenAsync(client, $"/{tenant}/admin/grid/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await client.PostAsync($"/{tenant}/admin/grid/import", form);
    }

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
