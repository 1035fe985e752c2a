using GovPlatform.Grid.Rules;
using static GovPlatform.Grid.Tests.Rules.Plane;

namespace GovPlatform.Grid.Tests.Rules;

public sealed class OverlapRuleTests
{
    private static readonly RuleUnit Parent = Unit("P", null, Box(-1000, -1000, 2000, 2000));

    [Fact]
    public void Overlapping_siblings_are_one_error_on_the_smaller_code()
    {
        var findings = Check(Settings(), Parent, Unit("P02", "P", Box(200, 150, 500, 350)), Unit("P01", "P", Box(0, 0, 300, 200)));

        var finding = Assert.Single(findings);
        Assert.Equal(GridFindingKind.Overlap, finding.Kind);
        Assert.Equal(GridFindingSeverity.Error, finding.Severity);
        Assert.Equal("P01", finding.UnitCode);
        Assert.Equal("P02", finding.OtherCode);
        AssertArea(100 * 50, finding.AreaSquareMeters);
        Assert.NotNull(finding.Shape);
        Assert.Matches("^网格 P01 与 P02 重叠 (4,99\\d|5,00\\d) 平方米$", finding.Message.Chinese);
        Assert.Matches("^P01 overlaps P02 by (4,99\\d|5,00\\d) m²$", finding.Message.English);
    }

    [Fact]
    public void Top_units_are_siblings_of_each_other()
    {
        var finding = Assert.Single(Check(Settings(), Unit("A", null, Box(0, 0, 300, 200)), Unit("B", null, Box(200, 0, 500, 200))));

        Assert.Equal(("A", "B"), (finding.UnitCode, finding.OtherCode));
        AssertArea(100 * 200, finding.AreaSquareMeters);
    }

    [Fact]
    public void Siblings_sharing_an_edge_do_not_overlap_even_when_exact()
    {
        var left = Unit("P01", "P", Box(0, 0, 100, 100));
        var right = Unit("P02", "P", Box(100, 0, 200, 100));

        Assert.Empty(Check(Settings(tolerance: 1), Parent, left, right));
        Assert.Empty(Check(Settings(tolerance: 0), Parent, left, right));
    }

    [Fact]
    public void An_edge_digitised_a_little_differently_is_within_the_tolerance()
    {
        var left = Unit("P01", "P", Box(0, 0, 100.2, 100));
        var right = Unit("P02", "P", Box(100, 0, 200, 100));

        Assert.Empty(Check(Settings(tolerance: 1), Parent, left, right));
        var finding = Assert.Single(Check(Settings(tolerance: 0), Parent, left, right));
        Assert.Equal(GridFindingKind.Overlap, finding.Kind);
        AssertArea(0.2 * 100, finding.AreaSquareMeters);
    }

    [Fact]
    public void Units_under_different_parents_are_not_siblings()
    {
        var findings = Check(
            Settings(),
            Unit("A", null, Box(0, 0, 200, 200)),
            Unit("B", null, Box(200, 0, 400, 200)),
            Unit("A01", "A", Box(100, 0, 200, 100)),
            Unit("B01", "B", Box(200, 0, 300, 100)));

        Assert.Empty(findings);
    }

    [Fact]
    public void A_professional_grid_may_overlay_its_territorial_siblings()
    {
        var findings = Check(
            Settings(),
            Parent,
            Unit("P01", "P", Box(0, 0, 100, 100)),
            Unit("P02", "P", Box(100, 0, 200, 100)),
            Unit("P90", "P", Box(0, 0, 200, 100), GridUnitKind.Professional),
            Unit("P91", "P", Box(50, 0, 150, 100), GridUnitKind.Professional));

        Assert.Empty(findings);
    }

    [Fact]
    public void A_multipolygon_sibling_overlaps_through_any_of_its_parts()
    {
        var findings = Check(
            Settings(),
            Parent,
            Unit("P01", "P", Multi(Box(0, 0, 100, 100), Box(300, 0, 400, 100))),
            Unit("P02", "P", Box(350, 50, 450, 150)));

        var finding = Assert.Single(findings);
        Assert.Equal(GridFindingKind.Overlap, finding.Kind);
        AssertArea(50 * 50, finding.AreaSquareMeters);
    }
}
