using GovPlatform.Grid.Rules;
using static GovPlatform.Grid.Tests.Rules.Plane;

namespace GovPlatform.Grid.Tests.Rules;

public sealed class TilingTests
{
    private const int Columns = 40;
    private const int Rows = 50;
    private const int RowsPerParent = 5;
    private const double Side = 100;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_clean_tiling_of_2000_units_under_10_parents_has_no_findings(double tolerance)
    {
        var units = Tiling(moved: null);
        Assert.Equal(2_010, units.Count);

        Assert.Empty(GridRuleChecker.Check(units, [], Settings(tolerance, fullCoverage: true)));
    }

    [Fact]
    public void One_tile_moved_in_a_large_tiling_overlaps_its_neighbour_and_leaves_a_gap()
    {
        var findings = GridRuleChecker.Check(Tiling(moved: (12, 7)), [], Settings(fullCoverage: true));

        Assert.Equal(
            [(GridFindingKind.Overlap, TileCode(12, 7), TileCode(13, 7)), (GridFindingKind.Gap, ParentCode(1), null)],
            findings.Select(f => (f.Kind, f.UnitCode, f.OtherCode)));
        Assert.All(findings, f => AssertArea(Side / 2 * Side, f.AreaSquareMeters));
    }

    // Parents are bands of RowsPerParent rows; the moved tile, if any, shifts half a tile east.
    private static List<RuleUnit> Tiling((int Column, int Row)? moved)
    {
        var units = new List<RuleUnit>();
        for (var band = 0; band < Rows / RowsPerParent; band++)
        {
            units.Add(Unit(ParentCode(band), null, Box(0, band * RowsPerParent * Side, Columns * Side, (band + 1) * RowsPerParent * Side)));
        }

        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < Columns; column++)
            {
                var shift = moved == (column, row) ? Side / 2 : 0;
                var box = Box((column * Side) + shift, row * Side, ((column + 1) * Side) + shift, (row + 1) * Side);
                units.Add(Unit(TileCode(column, row), ParentCode(row / RowsPerParent), box));
            }
        }

        return units;
    }

    private static string ParentCode(int band) => $"S{band:D2}";

    private static string TileCode(int column, int row) => $"{ParentCode(row / RowsPerParent)}-{row:D2}{column:D2}";
}
