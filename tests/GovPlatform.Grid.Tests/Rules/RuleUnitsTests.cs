using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Services;
using static GovPlatform.Grid.Tests.Rules.Plane;

namespace GovPlatform.Grid.Tests.Rules;

public sealed class RuleUnitsTests
{
    [Fact]
    public void A_snapshot_gives_the_rules_its_units_with_parents_depths_and_boundaries()
    {
        var levels = new[] { new GridLevel { Id = 1, Position = 1, Name = "社区" }, new GridLevel { Id = 2, Position = 2, Name = "网格" } };
        var units = new[]
        {
            new GridUnit { Id = 1, Code = "C", Name = "社区", LevelId = 1, Boundary = GeoJson.Write(Box(0, 0, 1000, 1000)) },
            new GridUnit { Id = 2, Code = "C-1", Name = "一网格", LevelId = 2, ParentId = 1, Households = 120, Boundary = GeoJson.Write(Box(0, 0, 600, 1000)) },
            new GridUnit { Id = 3, Code = "C-2", Name = "二网格", LevelId = 2, ParentId = 1, Boundary = GeoJson.Write(Box(500, 0, 1000, 1000)) },
            new GridUnit { Id = 4, Code = "C-9", Name = "专业网格", LevelId = 2, ParentId = 1, Kind = GridUnitKind.Professional },
        };
        var tree = new GridTree(1, levels, units, []);

        var ruleUnits = RuleUnits.From(tree);

        var first = ruleUnits.Single(u => u.Code == "C-1");
        Assert.Equal(("一网格", "C", 2, GridUnitKind.Territorial, 120), (first.Name, first.ParentCode, first.Depth, first.Kind, first.Households));
        Assert.Null(ruleUnits.Single(u => u.Code == "C-9").Boundary);
        var finding = Assert.Single(GridRuleChecker.Check(ruleUnits, tree.Levels, Settings()));
        Assert.Equal((GridFindingKind.Overlap, "C-1", "C-2"), (finding.Kind, finding.UnitCode, finding.OtherCode));
        AssertArea(100 * 1000, finding.AreaSquareMeters);
    }
}
