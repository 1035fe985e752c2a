using GovPlatform.Grid.Rules;
using NetTopologySuite.Geometries;
using static GovPlatform.Grid.Tests.Rules.Plane;

namespace GovPlatform.Grid.Tests.Rules;

public sealed class GapRuleTests
{
    private static readonly RuleUnit[] Units =
    [
        Unit("P", null, Box(0, 0, 1000, 1000)),
        Unit("P01", "P", Box(0, 0, 1000, 500)),
        Unit("P02", "P", Box(0, 500, 900, 1000)),
    ];

    [Fact]
    public void Uncovered_ground_is_a_warning_only_when_full_coverage_is_required()
    {
        Assert.Empty(Check(Settings(fullCoverage: false), Units));

        var finding = Assert.Single(Check(Settings(fullCoverage: true), Units));
        Assert.Equal(GridFindingKind.Gap, finding.Kind);
        Assert.Equal(GridFindingSeverity.Warning, finding.Severity);
        Assert.Equal("P", finding.UnitCode);
        Assert.Null(finding.OtherCode);
        AssertArea(100 * 500, finding.AreaSquareMeters);
        Assert.Matches("^P 有 (49,99\\d|50,00\\d) 平方米未被下级网格覆盖$", finding.Message.Chinese);
        Assert.Matches("^(49,99\\d|50,00\\d) m² of P are covered by none of its units$", finding.Message.English);
    }

    [Fact]
    public void Each_separate_gap_is_its_own_finding_and_multipolygon_children_cover_with_every_part()
    {
        var findings = Check(
            Settings(fullCoverage: true),
            Unit("P", null, Box(0, 0, 1000, 100)),
            Unit("P01", "P", Multi(Box(0, 0, 200, 100), Box(400, 0, 600, 100))),
            Unit("P02", "P", Box(700, 0, 1000, 100)));

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(GridFindingKind.Gap, f.Kind));
        var areas = findings.Select(f => f.AreaSquareMeters).Order().ToList();
        AssertArea(100 * 100, areas[0]);
        AssertArea(200 * 100, areas[1]);
        Assert.All(findings, f => Assert.IsType<Polygon>(f.Shape));
    }

    [Fact]
    public void Gaps_thinner_than_the_tolerance_and_units_not_yet_divided_are_ignored()
    {
        var findings = Check(
            Settings(tolerance: 1, fullCoverage: true),
            Unit("P", null, Box(0, 0, 1000, 1000)),
            Unit("P01", "P", Box(0, 0, 1000, 499.5)),
            Unit("P02", "P", Box(0, 500, 1000, 1000)),
            Unit("Q", null, Box(2000, 0, 3000, 1000)),
            Unit("Q01", "Q", null),
            Unit("Q90", "Q", Box(2000, 0, 2100, 100), GridUnitKind.Professional));

        Assert.Empty(findings);
    }
}
