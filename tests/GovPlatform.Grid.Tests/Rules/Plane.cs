using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Services;
using NetTopologySuite.Geometries;

namespace GovPlatform.Grid.Tests.Rules;

/// <summary>Builds test boundaries in metres east and north of a point in 越秀, Guangzhou, as WGS84 geometries.</summary>
internal static class Plane
{
    private const double Longitude = 113.26;
    private const double Latitude = 23.13;
    private const double MetresPerDegreeLatitude = 110_574;
    private static readonly double MetresPerDegreeLongitude = Math.Cos(Latitude * Math.PI / 180) * 111_320;

    public static Coordinate At(double east, double north) =>
        new(Longitude + (east / MetresPerDegreeLongitude), Latitude + (north / MetresPerDegreeLatitude));

    public static Polygon Box(double west, double south, double east, double north) =>
        Ring(At(west, south), At(east, south), At(east, north), At(west, north));

    public static Polygon Ring(params Coordinate[] corners) =>
        GeoJson.Factory.CreatePolygon([.. corners, corners[0].Copy()]);

    public static MultiPolygon Multi(params Polygon[] parts) => GeoJson.Factory.CreateMultiPolygon(parts);

    public static RuleUnit Unit(string code, string? parent, Geometry? boundary, GridUnitKind kind = GridUnitKind.Territorial, int households = 0) =>
        new(code, "名称" + code, parent, parent is null ? 1 : 2, kind, boundary, households);

    public static GridRuleSettings Settings(double tolerance = 1, bool fullCoverage = false) =>
        new() { ToleranceMeters = tolerance, RequireFullCoverage = fullCoverage };

    public static IReadOnlyList<GridFinding> Check(GridRuleSettings settings, params RuleUnit[] units) =>
        GridRuleChecker.Check(units, [], settings);

    /// <summary>Asserts an area within 1 % of the expected.</summary>
    public static void AssertArea(double expected, double actual) =>
        Assert.InRange(actual, expected * 0.99, expected * 1.01);
}
