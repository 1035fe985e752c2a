using GovPlatform.Grid.Models;
using GovPlatform.Grid.Services;

namespace GovPlatform.Grid.Tests;

public sealed class GridTreeTests
{
    [Fact]
    public void Pre_order_numbering_answers_subtree_questions_and_former_codes_resolve()
    {
        var levels = new[] { new GridLevel { Id = 1, Position = 1, Name = "街道" }, new GridLevel { Id = 2, Position = 2, Name = "社区" }, new GridLevel { Id = 3, Position = 3, Name = "网格" } };
        var units = new[]
        {
            new GridUnit { Id = 1, Code = "S1", LevelId = 1 },
            new GridUnit { Id = 2, Code = "S1-C1", LevelId = 2, ParentId = 1 },
            new GridUnit { Id = 3, Code = "S1-C1-G1", LevelId = 3, ParentId = 2 },
            new GridUnit { Id = 4, Code = "S1-C2", LevelId = 2, ParentId = 1 },
            new GridUnit { Id = 5, Code = "S2", LevelId = 1 },
        };
        var tree = new GridTree(7, levels, units, [new GridCodeChange { UnitId = 3, OldCode = "S1-C2-G9", NewCode = "S1-C1-G1" }]);

        var street = tree.Find("S1")!;
        Assert.True(GridTree.IsWithin(street, tree.Find("S1-C1-G1")!));
        Assert.False(GridTree.IsWithin(tree.Find("S1-C2")!, tree.Find("S1-C1-G1")!));
        Assert.False(GridTree.IsWithin(street, tree.Find("S2")!));
        Assert.Equal(["S1", "S1-C1", "S1-C1-G1", "S1-C2"], tree.Subtree(street).Select(n => n.Code));
        Assert.Equal(["S1", "S1-C1"], GridTree.Ancestors(tree.Find("S1-C1-G1")!).Select(n => n.Code));
        Assert.Equal("S1-C1-G1", tree.Find("S1-C2-G9")!.Code);
        Assert.True(tree.IsCodeTaken("S1-C2-G9"));
        Assert.Equal(3, tree.Find("S1-C1-G1")!.Depth);
        Assert.Equal("S1-C1", tree.Find("S1-C1-G1")!.Info.ParentCode);
    }

    [Fact]
    public void Locate_returns_the_deepest_territorial_unit_covering_the_point()
    {
        var levels = new[] { new GridLevel { Id = 1, Position = 1, Name = "街道" }, new GridLevel { Id = 2, Position = 2, Name = "网格" } };
        var units = new[]
        {
            new GridUnit { Id = 1, Code = "S", LevelId = 1, Boundary = Box(0, 0, 2, 1) },
            new GridUnit { Id = 2, Code = "S-A", LevelId = 2, ParentId = 1, Boundary = Box(0, 0, 1, 1) },
            new GridUnit { Id = 3, Code = "S-B", LevelId = 2, ParentId = 1, Boundary = Box(1, 0, 2, 1) },
            new GridUnit { Id = 4, Code = "S-P", LevelId = 2, ParentId = 1, Kind = GridUnitKind.Professional, Boundary = Box(0, 0, 2, 1) },
        };
        var tree = new GridTree(1, levels, units, []);

        Assert.Equal("S-A", tree.Locate(0.5, 0.5)!.Code);
        Assert.Equal("S-B", tree.Locate(1.5, 0.2)!.Code);
        Assert.Null(tree.Locate(3, 0.5));
    }

    private static string Box(double x0, double y0, double x1, double y1) =>
        FormattableString.Invariant($"{{\"type\":\"Polygon\",\"coordinates\":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}");
}
