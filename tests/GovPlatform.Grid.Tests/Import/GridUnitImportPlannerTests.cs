using GovPlatform.Grid.Import;
using GovPlatform.Grid.Services;
using static GovPlatform.Grid.Tests.Import.ImportTestData;

namespace GovPlatform.Grid.Tests.Import;

public sealed class GridUnitImportPlannerTests
{
    [Fact]
    public void New_and_existing_units_are_planned_parents_first()
    {
        var tree = Tree();
        GridUnitRow[] rows = [Unit(2, "S1-C3-G1", "S1-C3", "3"), Unit(3, "S1-C3", "S1", "2"), Unit(4, "S1-C1", "S1", "2", name: "东社区（改名）")];

        var plan = GridUnitImportPlanner.Plan(tree, rows, []);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors.Select(e => e.Message.English)));
        Assert.Equal(["S1-C3", "S1-C1", "S1-C3-G1"], plan.Units.Select(u => u.Row.Code));
        Assert.Equal([null, tree.FindCurrent("S1-C1"), null], plan.Units.Select(u => u.Existing));
        Assert.Equal([2, 2, 3], plan.Units.Select(u => u.LevelPosition));
    }

    [Fact]
    public void A_file_with_several_bad_rows_reports_each_with_its_row_and_the_plan_is_invalid()
    {
        const string csv = "code,name,level,parent,households\n"
            + "S1-C3,南社区,2,S1,10\n"
            + "S1-C4,北社区,2,S1,many\n"
            + "S1-C5,中社区,2,S1,\n"
            + "S1-C6,新社区,2,S9,\n"
            + "S1 C7,坏编码,2,S1,\n"
            + "S1-C8,,2,S1,\n";
        var (rows, readErrors) = GridImportReader.ReadUnits(Text(csv), GridFileFormat.Csv);

        var plan = GridUnitImportPlanner.Plan(Tree(), rows, readErrors);

        Assert.False(plan.IsValid);
        Assert.Equal([(3, "households"), (5, "parent"), (6, "code"), (7, "name")], plan.Errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public void An_unknown_parent_is_an_error_naming_it()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S9-C1", "S9", "2")], []);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, "parent"), (error.Row, error.Column));
        Assert.Contains("\"S9\"", error.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_later_in_the_file_is_found()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S3-C1-G1", "S3-C1"), Unit(3, "S3-C1", "S3"), Unit(4, "S3", null)], []);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors.Select(e => e.Message.English)));
        Assert.Equal([("S3", 1), ("S3-C1", 2), ("S3-C1-G1", 3)], plan.Units.Select(u => (u.Row.Code, u.LevelPosition)));
    }

    [Theory]
    [InlineData("S3", "S3")]
    [InlineData("C1", "S1")]
    [InlineData("S2-C1", "S1")]
    public void A_code_must_start_with_its_parents_code_and_be_longer(string code, string parent)
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, code, parent)], []);

        Assert.Equal([(2, "code")], plan.Errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public void A_code_not_prefixed_by_its_parent_says_so()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S2-C1", "S1", "2")], []);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, "code"), (error.Row, error.Column));
        Assert.Contains("must start with its parent's code \"S1\"", error.Message.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("社区")]
    [InlineData("community")]
    [InlineData("Community")]
    [InlineData("2")]
    public void A_level_is_named_by_position_or_Chinese_or_English_name(string level)
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C3", "S1", level)], []);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors.Select(e => e.Message.English)));
        Assert.Equal(2, Assert.Single(plan.Units).LevelPosition);
    }

    [Fact]
    public void An_unknown_level_lists_the_grids_levels()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C3", "S1", "小区")], []);

        var error = Assert.Single(plan.Errors);
        Assert.Equal("level", error.Column);
        Assert.Contains("1 (Street), 2 (Community), 3 (Grid)", error.Message.English, StringComparison.Ordinal);
        Assert.Contains("1 街道、2 社区、3 网格", error.Message.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void A_childs_level_must_be_below_its_parents_and_a_top_unit_is_at_level_1()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C3", "S1", "街道"), Unit(3, "S3", null, "2"), Unit(4, "S3-A", "S3", "3"), Unit(5, "S3-A-1", "S3-A", "3")], []);

        Assert.Equal([(2, "level"), (3, "level"), (5, "level")], plan.Errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public void A_duplicate_code_names_both_rows()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C3", "S1", "2"), Unit(3, "S1-C4", "S1", "2"), Unit(7, "S1-C3", "S1", "2")], []);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((7, "code"), (error.Row, error.Column));
        Assert.Contains("rows 2 and 7", error.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_former_code_cannot_be_reused()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C2-G9", "S1-C2", "3")], []);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, "code"), (error.Row, error.Column));
        Assert.Contains("former code", error.Message.English, StringComparison.Ordinal);
        Assert.Contains("S1-C1-G1", error.Message.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("S1-C2")]
    [InlineData(null)]
    public void Moving_an_existing_unit_is_refused(string? newParent)
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C1-G1", newParent, "3")], []);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, "parent"), (error.Row, error.Column));
        Assert.Contains("move action", error.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_polygon_is_reported_with_the_reason()
    {
        var (rows, readErrors) = GridImportReader.ReadUnits(Text("code,name,level,parent,boundary\nS1-C3,南社区,2,S1,\"" + BowTie.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\n"), GridFileFormat.Csv);

        var plan = GridUnitImportPlanner.Plan(Tree(), rows, readErrors);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, "boundary"), (error.Row, error.Column));
        Assert.Contains("Self-intersection", error.Message.English, StringComparison.Ordinal);
        Assert.Contains("边界无效", error.Message.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void A_department_is_only_for_professional_units()
    {
        var row = Unit(2, "S1-C3", "S1", "2") with { Department = "民政" };

        var plan = GridUnitImportPlanner.Plan(Tree(), [row, row with { Row = 3, Code = "S1-C4", Kind = GridUnitKind.Professional }], []);

        Assert.Equal([(2, "department")], plan.Errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public void A_missing_level_is_the_existing_units_or_one_below_the_parent()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C1", "S1"), Unit(3, "S1-C1-G2", "S1-C1"), Unit(4, "S1-C1-G2-X", "S1-C1-G2")], []);

        Assert.Equal([("S1-C1", 2), ("S1-C1-G2", 3), ("S1-C1-G2-X", 0)], plan.Units.OrderBy(u => u.Row.Row).Select(u => (u.Row.Code, u.LevelPosition)));
        var error = Assert.Single(plan.Errors);
        Assert.Equal((4, "level"), (error.Row, error.Column));
        Assert.Contains("no level below", error.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_unit_cannot_change_to_the_level_of_its_children()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C1", "S1", "3")], []);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((2, "level"), (error.Row, error.Column));
        Assert.Contains("S1-C1-G1", error.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_named_by_a_former_code_points_to_the_current_one()
    {
        var plan = GridUnitImportPlanner.Plan(Tree(), [Unit(2, "S1-C2-G9-A", "S1-C2-G9")], []);

        var error = Assert.Single(plan.Errors);
        Assert.Contains("use its current code \"S1-C1-G1\"", error.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_without_levels_cannot_take_units()
    {
        var tree = new GridTree(1, [], [], []);

        var plan = GridUnitImportPlanner.Plan(tree, [Unit(2, "S1", null)], []);

        Assert.Equal(0, Assert.Single(plan.Errors).Row);
    }
}
