using System.Text;
using GovPlatform.Grid.Import;
using GovPlatform.Grid.Models;
using static GovPlatform.Grid.Tests.Import.ImportTestData;

namespace GovPlatform.Grid.Tests.Import;

public sealed class GridExportRoundTripTests
{
    public static TheoryData<string> UnitFiles => ["units.geojson", "units.csv", "units.xlsx"];

    public static TheoryData<string> WorkerFiles => ["workers.csv", "workers.xlsx"];

    [Theory]
    [MemberData(nameof(UnitFiles))]
    public async Task Exported_units_plan_as_updates_with_identical_values(string fileName)
    {
        var tree = Tree();
        var format = GridFileFormats.FromFileName(fileName)!.Value;
        using var file = new MemoryStream();
        await (format switch
        {
            GridFileFormat.GeoJson => GridExporter.UnitsGeoJsonAsync(tree, file),
            GridFileFormat.Csv => GridExporter.UnitsCsvAsync(tree, file),
            _ => GridExporter.UnitsXlsxAsync(tree, file),
        });
        file.Position = 0;

        var (rows, readErrors) = GridImportReader.ReadUnits(file, format);
        var plan = GridUnitImportPlanner.Plan(tree, rows, readErrors);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors.Select(e => $"{e.Row}: {e.Message.English}")));
        Assert.Equal(tree.PreOrder.Select(n => n.Code), rows.Select(r => r.Code));
        foreach (var planned in plan.Units)
        {
            var node = planned.Existing!;
            var unit = node.Unit;
            var row = planned.Row;
            Assert.Equal(
                (unit.Code, unit.Name, unit.EnglishName, node.Parent?.Code, unit.Kind, unit.Department, unit.Households, unit.Residents, unit.Buildings, unit.Notes, node.Depth),
                (row.Code, row.Name, row.EnglishName, row.ParentCode, row.Kind, row.Department, row.Households, row.Residents, row.Buildings, row.Notes, planned.LevelPosition));
            Assert.Equal(node.Boundary is null, row.Boundary is null);
            Assert.True(node.Boundary is null || node.Boundary.EqualsExact(row.Boundary), $"{unit.Code}: boundary changed");
        }
    }

    [Theory]
    [MemberData(nameof(WorkerFiles))]
    public async Task Exported_workers_read_back_unchanged_and_plan_without_errors(string fileName)
    {
        WorkerExportRow[] workers =
        [
            new("张三", "+86 138 0013 8000", GridWorkerKind.PartTime, GridTeam.Emergency, "S1-C1-G1", GridRole.Leader, new DateOnly(2024, 1, 5), null, "zhangsan", "=1+1, \"夜班\"\n周末"),
            new("张三", "+86 138 0013 8000", GridWorkerKind.PartTime, GridTeam.Emergency, "S1-C2", GridRole.Worker, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), "zhangsan", "=1+1, \"夜班\"\n周末"),
            new("-李四", null, GridWorkerKind.Auxiliary, GridTeam.Volunteers, "S1-P", GridRole.TeamMember, new DateOnly(2024, 2, 1), null, null, null),
        ];
        var format = GridFileFormats.FromFileName(fileName)!.Value;
        using var file = new MemoryStream();
        await (format == GridFileFormat.Csv ? GridExporter.WorkersCsvAsync(workers, file) : GridExporter.WorkersXlsxAsync(workers, file));
        file.Position = 0;

        var (rows, readErrors) = GridImportReader.ReadWorkers(file, format);
        var plan = GridWorkerImportPlanner.Plan(Tree(), rows, readErrors, [], Today);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors.Select(e => $"{e.Row}: {e.Message.English}")));
        Assert.Equal(
            workers.Select(w => new WorkerExportRow(w.Name, w.Phone, w.Kind, w.Team, w.UnitCode, w.Role, w.StartDate, w.EndDate, w.UserName, w.Notes)),
            rows.Select(r => new WorkerExportRow(r.Name, r.Phone, r.Kind, r.Team, r.UnitCode, r.Role, r.StartDate!.Value, r.EndDate, r.UserName, r.Notes)));
        Assert.Equal(2, plan.Workers.Count);
    }

    [Fact]
    public async Task The_CSV_export_has_a_byte_order_mark_English_headers_and_escapes_formulas()
    {
        using var file = new MemoryStream();

        await GridExporter.UnitsCsvAsync(Tree(), file);

        var bytes = file.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("code,name,englishName,level,parent,kind,department,households,residents,buildings,notes,boundary\r\n", text, StringComparison.Ordinal);
        Assert.Contains("S1-C1-G1,\"'=第一网格\",", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_workers_xlsx_still_has_its_header()
    {
        using var file = new MemoryStream();
        await GridExporter.WorkersXlsxAsync([], file);
        file.Position = 0;

        var (rows, errors) = GridImportReader.ReadWorkers(file, GridFileFormat.Xlsx);

        Assert.Empty(rows);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_GeoJSON_export_has_readable_Chinese_levels_as_numbers_and_parent_codes()
    {
        using var file = new MemoryStream();

        await GridExporter.UnitsGeoJsonAsync(Tree(), file);

        var text = Encoding.UTF8.GetString(file.ToArray());
        Assert.StartsWith("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"S1\",\"name\":\"北街道\"", text, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"S1-C1\",\"name\":\"东社区\",\"englishName\":null,\"level\":2,\"parent\":\"S1\",\"kind\":\"territorial\"", text, StringComparison.Ordinal);
    }
}
