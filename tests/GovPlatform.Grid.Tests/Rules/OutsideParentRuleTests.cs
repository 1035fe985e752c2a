using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Services;
using static GovPlatform.Grid.Tests.Rules.Plane;

namespace GovPlatform.Grid.Tests.Rules;

public sealed class OutsideParentRuleTests
{
    private static readonly RuleUnit Parent = Unit("P", null, Box(0, 0, 1000, 1000));

    [Fact]
    public void A_child_inside_its_parent_is_fine()
    {
        Assert.Empty(Check(Settings(), Parent, Unit("P01", "P", Box(100, 100, 500, 500))));
    }

    [Fact]
    public void A_child_reaching_beyond_its_parent_is_an_error_with_the_area_outside()
    {
        var finding = Assert.Single(Check(Settings(), Parent, Unit("P01", "P", Box(900, 0, 1200, 100))));

        Assert.Equal(GridFindingKind.OutsideParent, finding.Kind);
        Assert.Equal(GridFindingSeverity.Error, finding.Severity);
        Assert.Equal("P01", finding.UnitCode);
        Assert.Equal("P", finding.OtherCode);
        AssertArea(200 * 100, finding.AreaSquareMeters);
        var outside = Box(1000, 0, 1200, 100);
        Assert.Equal(4326, finding.Shape!.SRID);
        Assert.True(finding.Shape.SymmetricDifference(outside).Area < outside.Area * 0.01, "the shape is the part outside, in WGS84");

        // The plane is centred a little north of the test's origin, so the area may round either way.
        Assert.Matches("^网格 P01 超出上级 P 的范围 (19,999|20,000) 平方米$", finding.Message.Chinese);
        Assert.Matches("^P01 lies outside its parent P by (19,999|20,000) m²$", finding.Message.English);
    }

    [Fact]
    public void A_child_poking_out_by_less_than_the_tolerance_is_inside_unless_the_check_is_exact()
    {
        var child = Unit("P01", "P", Box(500, 100, 1000.3, 200));

        Assert.Empty(Check(Settings(tolerance: 1), Parent, child));
        var finding = Assert.Single(Check(Settings(tolerance: 0), Parent, child));
        Assert.Equal(GridFindingKind.OutsideParent, finding.Kind);
        AssertArea(0.3 * 100, finding.AreaSquareMeters);
    }

    [Fact]
    public void Professional_units_stay_within_their_parent_too()
    {
        var finding = Assert.Single(Check(Settings(), Parent, Unit("P90", "P", Box(-100, 0, 500, 1000), GridUnitKind.Professional)));

        Assert.Equal(GridFindingKind.OutsideParent, finding.Kind);
        AssertArea(100 * 1000, finding.AreaSquareMeters);
    }

    [Fact]
    public void A_self_intersecting_boundary_is_repaired_instead_of_failing_the_check()
    {
        // A bow tie: the left lobe lies in the parent, the right one outside it.
        var bowTie = Ring(At(0, 0), At(200, 200), At(200, 0), At(0, 200));
        Assert.False(bowTie.IsValid);

        var finding = Assert.Single(Check(Settings(), Unit("Q", null, Box(0, 0, 100, 200)), Unit("Q01", "Q", bowTie)));

        Assert.Equal(GridFindingKind.OutsideParent, finding.Kind);
        AssertArea(200 * 100 / 2, finding.AreaSquareMeters);
    }

    [Fact]
    public void A_boundary_the_overlay_cannot_take_as_it_is_does_not_stop_the_check()
    {
        // A hole outside its shell makes the union of the children throw unless the boundary is repaired first.
        var shell = GeoJson.Factory.CreateLinearRing(Box(50, 0, 150, 100).Shell.Coordinates);
        var strayHole = GeoJson.Factory.CreateLinearRing(Box(200, 0, 300, 100).Shell.Coordinates);
        var units = new[]
        {
            Unit("Q", null, Box(0, 0, 100, 200)),
            Unit("Q01", "Q", GeoJson.Factory.CreatePolygon(shell, [strayHole])),
            Unit("Q02", "Q", Box(0, 0, 60, 200)),
        };

        var findings = Check(Settings(fullCoverage: true), units);

        Assert.Contains(findings, f => f is { Kind: GridFindingKind.OutsideParent, UnitCode: "Q01" });
        Assert.Contains(findings, f => f is { Kind: GridFindingKind.Overlap, UnitCode: "Q01", OtherCode: "Q02" });
    }

    [Fact]
    public void Each_part_of_a_multipolygon_child_is_checked()
    {
        var child = Unit("P01", "P", Multi(Box(0, 0, 100, 100), Box(950, 0, 1050, 100)));

        var finding = Assert.Single(Check(Settings(), Parent, child));

        AssertArea(50 * 100, finding.AreaSquareMeters);
    }
}
