using GovPlatform.Grid.Import;
using GovPlatform.Grid.Models;
using static GovPlatform.Grid.Tests.Import.ImportTestData;

namespace GovPlatform.Grid.Tests.Import;

public sealed class GridWorkerImportPlannerTests
{
    [Fact]
    public void Rows_with_the_same_phone_are_one_person_in_several_units()
    {
        var tree = Tree();
        GridWorkerRow[] rows =
        [
            Worker(2, "张三", "138 0013 8000", "S1-C1-G1", GridRole.Leader),
            Worker(3, "李四", null, "S1-C2"),
            Worker(4, "张三", "13800138000", "S1-C2"),
            Worker(5, "张三", null, "S1-P") with { StartDate = new DateOnly(2024, 6, 1) },
        ];

        var plan = GridWorkerImportPlanner.Plan(tree, rows, [], [], Today);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors.Select(e => e.Message.English)));
        Assert.Equal(["tel:13800138000", "name:李四"], plan.Workers.Select(w => w.Key));
        var zhang = plan.Workers[0];
        Assert.Equal(("张三", "138 0013 8000", null), (zhang.Name, zhang.Phone, zhang.ExistingId));
        Assert.Equal(
            [(2, "S1-C1-G1", GridRole.Leader, Today), (4, "S1-C2", GridRole.Worker, Today), (5, "S1-P", GridRole.Worker, new DateOnly(2024, 6, 1))],
            zhang.Assignments.Select(a => (a.Row, a.Unit.Code, a.Role, a.StartDate)));
    }

    [Fact]
    public void Conflicting_data_for_the_same_person_is_an_error_naming_the_first_row()
    {
        GridWorkerRow[] rows =
        [
            Worker(2, "张三", "13800138000", "S1-C1") with { UserName = "zhangsan" },
            Worker(3, "张叁", "13800138000", "S1-C2") with { Kind = GridWorkerKind.PartTime, Team = GridTeam.Militia, UserName = "zs" },
        ];

        var plan = GridWorkerImportPlanner.Plan(Tree(), rows, [], [], Today);

        Assert.False(plan.IsValid);
        Assert.Equal([(3, "name"), (3, "kind"), (3, "team"), (3, "userName")], plan.Errors.Select(e => (e.Row, e.Column)));
        Assert.All(plan.Errors, e => Assert.Contains("as row 2", e.Message.English, StringComparison.Ordinal));
        Assert.Contains("fullTime (专职) and partTime (兼职)", plan.Errors[1].Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_current_leaders_of_a_unit_are_an_error_but_a_former_leader_is_not()
    {
        GridWorkerRow[] rows =
        [
            Worker(2, "张三", null, "S1-C1", GridRole.Leader) with { StartDate = new DateOnly(2020, 1, 1), EndDate = new DateOnly(2024, 12, 31) },
            Worker(3, "李四", null, "S1-C1", GridRole.Leader),
            Worker(4, "王五", null, "S1-C1", GridRole.Leader) with { EndDate = Today },
            Worker(5, "赵六", null, "S1-C2", GridRole.Leader),
        ];

        var plan = GridWorkerImportPlanner.Plan(Tree(), rows, [], [], Today);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((4, "role"), (error.Row, error.Column));
        Assert.Contains("李四 in row 3", error.Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void An_end_date_before_the_start_date_is_an_error()
    {
        GridWorkerRow[] rows =
        [
            Worker(2, "张三", null, "S1-C1") with { StartDate = new DateOnly(2024, 5, 1), EndDate = new DateOnly(2024, 4, 30) },
            Worker(3, "李四", null, "S1-C1") with { EndDate = Today.AddDays(-1) },
            Worker(4, "王五", null, "S1-C1") with { StartDate = new DateOnly(2024, 5, 1), EndDate = new DateOnly(2024, 5, 1) },
        ];

        var plan = GridWorkerImportPlanner.Plan(Tree(), rows, [], [], Today);

        Assert.Equal([(2, "endDate"), (3, "endDate")], plan.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("2024-04-30 is before start date 2024-05-01", plan.Errors[0].Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_are_reported_row_by_row()
    {
        GridWorkerRow[] rows =
        [
            Worker(2, "", "13800138000", "S1-C1"),
            Worker(3, new string('名', 51), null, "S1-C1"),
            Worker(4, "张三", "call me", "S1-C1"),
            Worker(5, "李四", null, "S9"),
            Worker(6, "王五", null, "S1-C1") with { UserName = new string('u', 257) },
            Worker(7, "赵六", null, "S1-C2-G9"),
        ];

        var plan = GridWorkerImportPlanner.Plan(Tree(), rows, [], [], Today);

        Assert.Equal([(2, "name"), (3, "name"), (4, "phone"), (5, "unit"), (6, "userName")], plan.Errors.Select(e => (e.Row, e.Column)));
        Assert.Equal("S1-C1-G1", plan.Workers.Single(w => w.Name == "赵六").Assignments[0].Unit.Code);
    }

    [Fact]
    public void Existing_workers_are_matched_by_phone_else_by_a_unique_name()
    {
        ExistingWorker[] existing =
        [
            new(1, "张三", "138-0013-8000"),
            new(2, "李四", null),
            new(3, "王五", null),
            new(4, "王五", null),
            new(5, "赵六", "13900000000"),
        ];
        GridWorkerRow[] rows =
        [
            Worker(2, "张三（新名）", "13800138000", "S1-C1"),
            Worker(3, "李四", "13700000000", "S1-C1"),
            Worker(4, "王五", null, "S1-C1"),
            Worker(5, "赵六", "13600000000", "S1-C1"),
        ];

        var plan = GridWorkerImportPlanner.Plan(Tree(), rows, [], existing, Today);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors.Select(e => e.Message.English)));
        Assert.Equal([1L, 2L, null, null], plan.Workers.Select(w => w.ExistingId));
    }

    [Fact]
    public void Read_errors_make_the_plan_invalid()
    {
        var readError = new GridImportError(3, "role", new("岗位无效", "bad role"));

        var plan = GridWorkerImportPlanner.Plan(Tree(), [Worker(2, "张三", null, "S1-C1")], [readError], [], Today);

        Assert.False(plan.IsValid);
        Assert.Equal([readError], plan.Errors);
    }
}
