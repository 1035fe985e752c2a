using GovPlatform.Grid.Rules;
using GovPlatform.Localization;
using static GovPlatform.Grid.Tests.Rules.Plane;

namespace GovPlatform.Grid.Tests.Rules;

public sealed class AroundTests
{
    private static readonly GridLevelInfo[] Levels = [new(2, new BilingualText("网格", "Grid"), MinHouseholds: 10)];

    // A overlaps B, C overlaps D, E leaves P, A and C have too few households, and P has gaps.
    private static readonly RuleUnit[] Units =
    [
        Unit("P", null, Box(0, 0, 1000, 1000)),
        Unit("P-A", "P", Box(0, 0, 300, 300), households: 5),
        Unit("P-B", "P", Box(250, 0, 550, 300)),
        Unit("P-C", "P", Box(600, 600, 800, 800), households: 5),
        Unit("P-D", "P", Box(750, 600, 950, 800)),
        Unit("P-E", "P", Box(900, 0, 1100, 100)),
    ];

    [Fact]
    public void The_whole_check_puts_errors_first_then_orders_by_code()
    {
        var findings = Check(null);

        Assert.Equal(
            [
                (GridFindingKind.Overlap, "P-A", "P-B"),
                (GridFindingKind.Overlap, "P-C", "P-D"),
                (GridFindingKind.OutsideParent, "P-E", "P"),
                (GridFindingKind.Gap, "P", null),
                (GridFindingKind.TooFewHouseholds, "P-A", null),
                (GridFindingKind.TooFewHouseholds, "P-C", null),
            ],
            findings.Select(f => (f.Kind, f.UnitCode, f.OtherCode)));
    }

    [Fact]
    public void A_changed_unit_gets_its_overlaps_households_and_its_parents_gaps()
    {
        Assert.Equal(
            [(GridFindingKind.Overlap, "P-A", "P-B"), (GridFindingKind.Gap, "P", null), (GridFindingKind.TooFewHouseholds, "P-A", null)],
            Check(["P-A"]).Select(f => (f.Kind, f.UnitCode, f.OtherCode)));
    }

    [Fact]
    public void An_overlap_is_found_from_either_side_and_reported_once()
    {
        Assert.Equal([(GridFindingKind.Overlap, "P-A", "P-B"), (GridFindingKind.Gap, "P", null)], Check(["P-B"]).Select(f => (f.Kind, f.UnitCode, f.OtherCode)));
        Assert.Single(Check(["P-A", "P-B"]), f => f.Kind == GridFindingKind.Overlap);
    }

    [Fact]
    public void A_changed_parent_gets_its_childrens_containment_and_its_gaps()
    {
        Assert.Equal(
            [(GridFindingKind.OutsideParent, "P-E", "P"), (GridFindingKind.Gap, "P", null)],
            Check(["P"]).Select(f => (f.Kind, f.UnitCode, f.OtherCode)));
    }

    [Fact]
    public void Unknown_codes_and_an_empty_set_find_nothing()
    {
        Assert.Empty(Check([]));
        Assert.Empty(Check(["gone"]));
    }

    private static IReadOnlyList<GridFinding> Check(HashSet<string>? around) =>
        GridRuleChecker.Check(Units, Levels, Settings(fullCoverage: true), around);
}
