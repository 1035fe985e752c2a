using System.Globalization;
using GovPlatform.Grid.Models;

namespace GovPlatform.Benchmarks.Micro;

/// <summary>
/// 10,000 units: a root R over 1° × 0.9° from 113.2 E, 23.1 N; nine streets (bands of 0.1° latitude); ten communities
/// per street (0.1° squares); ten grids per community (0.01° × 0.1° strips); ten micro-grids per grid (0.01° squares).
/// </summary>
internal static class GridBenchmarkData
{
    public static List<GridUnit> Units()
    {
        var units = new List<GridUnit>(10_000);
        long id = 0;
        GridUnit Add(string code, int level, GridUnit? parent, int x0, int y0, int x1, int y1)
        {
            var unit = new GridUnit
            {
                Id = ++id,
                Code = code,
                Name = code,
                LevelId = level,
                ParentId = parent?.Id,
                Households = level == 5 ? 40 : 0,
                Boundary = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"type\":\"Polygon\",\"coordinates\":[[[{X(x0)},{Y(y0)}],[{X(x1)},{Y(y0)}],[{X(x1)},{Y(y1)}],[{X(x0)},{Y(y1)}],[{X(x0)},{Y(y0)}]]]}}"),
            };
            units.Add(unit);
            return unit;
        }

        var root = Add("R", 1, null, 0, 0, 100, 90);
        for (var s = 0; s < 9; s++)
        {
            var street = Add($"R-{s}", 2, root, 0, s * 10, 100, (s + 1) * 10);
            for (var c = 0; c < 10; c++)
            {
                var community = Add($"R-{s}-{s}{c}", 3, street, c * 10, s * 10, (c + 1) * 10, (s + 1) * 10);
                for (var g = 0; g < 10; g++)
                {
                    var grid = Add($"R-{s}-{s}{c}-{s}{c}{g}", 4, community, (c * 10) + g, s * 10, (c * 10) + g + 1, (s + 1) * 10);
                    for (var m = 0; m < 10; m++)
                    {
                        Add($"R-{s}-{s}{c}-{s}{c}{g}-{s}{c}{g}{m}", 5, grid, (c * 10) + g, (s * 10) + m, (c * 10) + g + 1, (s * 10) + m + 1);
                    }
                }
            }
        }

        return units;
    }

    private static double X(int cells) => Math.Round(113.2 + (cells * 0.01), 6);

    private static double Y(int cells) => Math.Round(23.1 + (cells * 0.01), 6);
}
