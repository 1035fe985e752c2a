using GovPlatform.Grid.Import;
using GovPlatform.Grid.Models;
using NetTopologySuite.Geometries;
using static GovPlatform.Grid.Tests.Import.ImportTestData;

namespace GovPlatform.Grid.Tests.Import;

public sealed class GridImportReaderTests
{
    [Theory]
    [InlineData("grid.geojson", "GeoJson")]
    [InlineData("GRID.JSON", "GeoJson")]
    [InlineData("units.CSV", "Csv")]
    [InlineData("网格.xlsx", "Xlsx")]
    [InlineData("units.xls", null)]
    [InlineData("units", null)]
    public void Format_is_told_by_the_file_name(string fileName, string? expected) =>
        Assert.Equal(expected, GridFileFormats.FromFileName(fileName)?.ToString());

    [Fact]
    public void Units_are_read_from_a_GeoJSON_feature_collection()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"S3","name":"新街道","englishName":"New Street","level":1,"households":"120","residents":300,"buildings":4,"notes":"备注"},
               "geometry":{"type":"Polygon","coordinates":[[[3,0],[4,0],[4,1],[3,1],[3,0]]]}},
              {"type":"Feature","properties":{"编码":"S3-P","名称":"治安","level":"社区","parent":"S3","kind":"专业","department":"公安"},"geometry":null}
            ]}
            """;

        var (rows, errors) = GridImportReader.ReadUnits(Text(json, byteOrderMark: true), GridFileFormat.GeoJson);

        Assert.Empty(errors);
        Assert.Equal(2, rows.Count);
        var street = rows[0];
        Assert.Equal((1, "S3", "新街道", "New Street", "1", null), (street.Row, street.Code, street.Name, street.EnglishName, street.Level, street.ParentCode));
        Assert.Equal((GridUnitKind.Territorial, 120, 300, 4, "备注"), (street.Kind, street.Households, street.Residents, street.Buildings, street.Notes));
        Assert.IsType<Polygon>(street.Boundary);
        Assert.Equal(1, street.Boundary!.Area, 9);
        var police = rows[1];
        Assert.Equal((2, "S3-P", "治安", "社区", "S3", GridUnitKind.Professional, "公安"), (police.Row, police.Code, police.Name, police.Level, police.ParentCode, police.Kind, police.Department));
        Assert.Null(police.Boundary);
    }

    [Fact]
    public void Units_are_read_from_CSV_with_a_byte_order_mark_quoted_fields_and_blank_lines()
    {
        var csv = "code,Name , englishName,level,parent,kind,department,households,residents,buildings,notes,boundary\r\n"
            + "S3,新街道,New Street,1,,territorial,,120,300,4,\"第一行, 含逗号\n第二行\",\"" + Box(3, 0, 4, 1).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\r\n"
            + "\r\n"
            + ",,,,,,,,,,,\r\n"
            + "S3-C1,东社区,,2,S3,,,,,,,\r\n";

        var (rows, errors) = GridImportReader.ReadUnits(Text(csv, byteOrderMark: true), GridFileFormat.Csv);

        Assert.Empty(errors);
        Assert.Equal([2, 5], rows.Select(r => r.Row));
        Assert.Equal(("S3", "新街道", "New Street", "1", null, 120), (rows[0].Code, rows[0].Name, rows[0].EnglishName, rows[0].Level, rows[0].ParentCode, rows[0].Households));
        Assert.Equal("第一行, 含逗号\n第二行", rows[0].Notes);
        Assert.Equal(1, rows[0].Boundary!.Area, 9);
        Assert.Equal(("S3-C1", "S3", 0, null), (rows[1].Code, rows[1].ParentCode, rows[1].Households, rows[1].Boundary));
    }

    [Fact]
    public void Units_are_read_from_CSV_with_Chinese_headers()
    {
        const string csv = "编码,名称,英文名称,层级,上级编码,类型,部门,户数,人口,楼栋数,备注,边界\nS1-C3,南社区,South,社区,S1,地域,,80,200,3,新建,\n";

        var (rows, errors) = GridImportReader.ReadUnits(Text(csv), GridFileFormat.Csv);

        Assert.Empty(errors);
        var row = Assert.Single(rows);
        Assert.Equal((2, "S1-C3", "南社区", "South", "社区", "S1"), (row.Row, row.Code, row.Name, row.EnglishName, row.Level, row.ParentCode));
        Assert.Equal((80, 200, 3, "新建"), (row.Households, row.Residents, row.Buildings, row.Notes));
    }

    [Fact]
    public void Units_are_read_from_the_first_sheet_of_an_xlsx_with_numbers_as_numbers()
    {
        var xlsx = Xlsx(
            ["编码", "名称", "层级", "上级编码", "户数", "边界"],
            ["S1-C3", "南社区", 2, "S1", 80, Box(0, 0, 1, 1)],
            [null, null, null, null, null, null],
            [110101, "数字编码", "Street", null, 12.0, null]);

        var (rows, errors) = GridImportReader.ReadUnits(xlsx, GridFileFormat.Xlsx);

        Assert.Empty(errors);
        Assert.Equal([2, 4], rows.Select(r => r.Row));
        Assert.Equal(("S1-C3", "2", "S1", 80), (rows[0].Code, rows[0].Level, rows[0].ParentCode, rows[0].Households));
        Assert.NotNull(rows[0].Boundary);
        Assert.Equal(("110101", "Street", 12), (rows[1].Code, rows[1].Level, rows[1].Households));
    }

    [Fact]
    public void Workers_are_read_from_CSV()
    {
        const string csv = "name,phone,kind,team,unit,role,startDate,endDate,userName,notes\n"
            + "张三,138 0013 8000,PARTTIME,emergency,S1-C1-G1,leader,2024-01-05,2024-12-31,zhangsan,夜班\n"
            + "李四,,,,S1-C2,,,,,\n";

        var (rows, errors) = GridImportReader.ReadWorkers(Text(csv), GridFileFormat.Csv);

        Assert.Empty(errors);
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            new GridWorkerRow(2, "张三", "138 0013 8000", GridWorkerKind.PartTime, GridTeam.Emergency, "S1-C1-G1", GridRole.Leader, new DateOnly(2024, 1, 5), new DateOnly(2024, 12, 31), "zhangsan", "夜班"),
            rows[0]);
        Assert.Equal(new GridWorkerRow(3, "李四", null, GridWorkerKind.FullTime, GridTeam.None, "S1-C2", GridRole.Worker, null, null, null, null), rows[1]);
    }

    [Fact]
    public void Workers_are_read_from_xlsx_with_Chinese_headers_and_values()
    {
        var xlsx = Xlsx(
            ["姓名", "电话", "类别", "队伍", "网格编码", "岗位", "开始日期", "结束日期", "用户名", "备注"],
            ["王五", "13900000000", "辅助", "志愿者", "S1-C1", "网格指导员", new DateTime(2024, 2, 1), null, null, null]);

        var (rows, errors) = GridImportReader.ReadWorkers(xlsx, GridFileFormat.Xlsx);

        Assert.Empty(errors);
        Assert.Equal(
            new GridWorkerRow(2, "王五", "13900000000", GridWorkerKind.Auxiliary, GridTeam.Volunteers, "S1-C1", GridRole.Instructor, new DateOnly(2024, 2, 1), null, null, null),
            Assert.Single(rows));
    }

    [Fact]
    public void A_bad_number_is_an_error_naming_the_column_and_the_row_is_still_read()
    {
        const string csv = "code,name,households,residents\nS3,新街道,-5,12.5\n";

        var (rows, errors) = GridImportReader.ReadUnits(Text(csv), GridFileFormat.Csv);

        Assert.Equal("S3", Assert.Single(rows).Code);
        Assert.Equal([(2, "households"), (2, "residents")], errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("\"-5\"", errors[0].Message.English, StringComparison.Ordinal);
        Assert.Contains("户数", errors[0].Message.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_columns_are_errors_naming_them_and_no_row_is_read()
    {
        const string csv = "code,name,parnet,层级,备用\nS1-C3,南社区,S1,2,x\n";

        var (rows, errors) = GridImportReader.ReadUnits(Text(csv), GridFileFormat.Csv);

        Assert.Empty(rows);
        Assert.Equal([(0, "parnet"), (0, "备用")], errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("parnet", errors[0].Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_column_is_an_error_of_row_0()
    {
        var (rows, errors) = GridImportReader.ReadWorkers(Text("姓名,电话\n张三,13800138000\n"), GridFileFormat.Csv);

        Assert.Empty(rows);
        var error = Assert.Single(errors);
        Assert.Equal((0, "unit"), (error.Row, error.Column));
    }

    [Fact]
    public void An_enum_value_that_is_not_allowed_lists_the_allowed_ones()
    {
        var (rows, errors) = GridImportReader.ReadWorkers(Text("name,unit,role\n张三,S1,boss\n"), GridFileFormat.Csv);

        Assert.Equal(GridRole.Worker, Assert.Single(rows).Role);
        var error = Assert.Single(errors);
        Assert.Equal((2, "role"), (error.Row, error.Column));
        Assert.Contains("communityPolice (社区民警)", error.Message.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[", "units.geojson")]
    [InlineData("{\"type\":\"Feature\",\"properties\":{}}", "units.geojson")]
    [InlineData("not a zip", "units.xlsx")]
    [InlineData("", "units.csv")]
    public void An_unreadable_file_is_an_error_of_row_0_not_an_exception(string content, string fileName)
    {
        var (rows, errors) = GridImportReader.ReadUnits(Text(content), GridFileFormats.FromFileName(fileName)!.Value);

        Assert.Empty(rows);
        Assert.Equal(0, Assert.Single(errors).Row);
    }

    [Fact]
    public void A_CSV_file_that_is_not_UTF8_is_refused_with_the_reason()
    {
        // "编码,名称" in GBK, as a Chinese Excel saves "CSV (逗号分隔)".
        byte[] gbk = [0xB1, 0xE0, 0xC2, 0xEB, 0x2C, 0xC3, 0xFB, 0xB3, 0xC6, 0x0A];

        var (rows, errors) = GridImportReader.ReadUnits(new MemoryStream(gbk), GridFileFormat.Csv);

        Assert.Empty(rows);
        Assert.Contains("UTF-8", Assert.Single(errors).Message.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_feature_is_an_error_of_its_index_and_the_other_features_are_read()
    {
        const string json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"A","name":"a"},"geometry":{"type":"Polygon","coordinates":"x"}},
              {"type":"Point"},
              {"type":"Feature","properties":{"code":"B","name":"b","households":[1]},"geometry":null}
            ]}
            """;

        var (rows, errors) = GridImportReader.ReadUnits(Text(json), GridFileFormat.GeoJson);

        Assert.Equal(["A", "B"], rows.Select(r => r.Code));
        Assert.Equal([(1, "boundary"), (2, null), (3, "households")], errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public void A_badly_quoted_CSV_field_is_an_error_of_its_row()
    {
        var (rows, errors) = GridImportReader.ReadUnits(Text("code,name\nS3,新\"街道\nS4,南街道\n"), GridFileFormat.Csv);

        Assert.Equal(["S3", "S4"], rows.Select(r => r.Code));
        Assert.Equal(2, Assert.Single(errors).Row);
    }
}
