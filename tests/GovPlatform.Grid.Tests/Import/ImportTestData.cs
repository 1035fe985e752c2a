using System.Text;
using GovPlatform.Grid.Import;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Services;
using MiniExcelLibs;

namespace GovPlatform.Grid.Tests.Import;

/// <summary>A small grid to import into, and real files in memory.</summary>
internal static class ImportTestData
{
    public static readonly DateOnly Today = new(2025, 3, 1);

    /// <summary>
    /// Levels 街道/Street, 社区/Community, 网格/Grid; S1 (boundary) › S1-C1 › S1-C1-G1 (boundary, formerly S1-C2-G9),
    /// S1 › S1-C2, S1 › S1-P (professional, 公安), and S2 at the top.
    /// </summary>
    public static GridTree Tree()
    {
        var levels = new[]
        {
            new GridLevel { Id = 11, Position = 1, Name = "街道", EnglishName = "Street" },
            new GridLevel { Id = 12, Position = 2, Name = "社区", EnglishName = "Community" },
            new GridLevel { Id = 13, Position = 3, Name = "网格", EnglishName = "Grid" },
        };
        var units = new[]
        {
            new GridUnit { Id = 1, Code = "S1", Name = "北街道", EnglishName = "North Street", LevelId = 11, Boundary = Box(0, 0, 2, 2), Households = 900, Residents = 2500, Buildings = 40 },
            new GridUnit { Id = 2, Code = "S1-C1", Name = "东社区", LevelId = 12, ParentId = 1, Households = 300, Notes = "含 \"老城\", 需复核\n第二行" },
            new GridUnit { Id = 3, Code = "S1-C1-G1", Name = "=第一网格", LevelId = 13, ParentId = 2, Boundary = Box(0, 0, 1, 1), Households = 120, Residents = 310, Buildings = 5 },
            new GridUnit { Id = 4, Code = "S1-C2", Name = "西社区", EnglishName = "West", LevelId = 12, ParentId = 1 },
            new GridUnit { Id = 5, Code = "S1-P", Name = "治安网格", LevelId = 12, ParentId = 1, Kind = GridUnitKind.Professional, Department = "公安" },
            new GridUnit { Id = 6, Code = "S2", Name = "南街道", LevelId = 11, Boundary = TwoBoxes() },
        };
        return new GridTree(1, levels, units, [new GridCodeChange { UnitId = 3, OldCode = "S1-C2-G9", NewCode = "S1-C1-G1" }]);
    }

    public static string Box(double x0, double y0, double x1, double y1) =>
        FormattableString.Invariant($"{{\"type\":\"Polygon\",\"coordinates\":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}");

    /// <summary>A self-intersecting "bow-tie" ring: not a valid polygon.</summary>
    public const string BowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}";

    public static MemoryStream Text(string text, bool byteOrderMark = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new MemoryStream(byteOrderMark ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes);
    }

    /// <summary>An xlsx whose first row is <paramref name="header"/>, written by MiniExcel as a user's workbook would be read.</summary>
    public static MemoryStream Xlsx(string[] header, params object?[][] rows)
    {
        var sheet = rows.Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.h, x => x.v)).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(sheet);
        stream.Position = 0;
        return stream;
    }

    public static GridUnitRow Unit(int row, string code, string? parent, string? level = null, string name = "单元") =>
        new(row, code, name, null, level, parent, GridUnitKind.Territorial, null, 0, 0, 0, null, null);

    public static GridWorkerRow Worker(int row, string name, string? phone, string unit, GridRole role = GridRole.Worker) =>
        new(row, name, phone, GridWorkerKind.FullTime, GridTeam.None, unit, role, null, null, null, null);

    private static string TwoBoxes() =>
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[3,0],[4,0],[4,1],[3,1],[3,0]]],[[[5,0],[6.5,0],[6.5,1.25],[5,1.25],[5,0]]]]}";
}
