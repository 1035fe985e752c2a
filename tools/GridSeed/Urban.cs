using NetTopologySuite.Geometries;

namespace GovPlatform.Tools.GridSeed;

/// <summary>A street (街道) of an urban district: its names and roughly where it is.</summary>
internal sealed record Street(string Name, string Pinyin, double Lon = double.NaN, double Lat = double.NaN);

/// <summary>A community whose figures the seeds give (站前's 五大门).</summary>
internal sealed record KnownCommunity(string Street, string Name, int Grids, int Households, int Residents, int Buildings, string Notes);

/// <summary>How to build a four-level urban district: 区 → 街道 → 社区 → 网格.</summary>
internal sealed record UrbanDistrict
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string EnglishName { get; init; }

    public required (double MinLon, double MaxLon, double MinLat, double MaxLat) Box { get; init; }

    public required IReadOnlyList<Street> Streets { get; init; }

    /// <summary>Communities in each street, in the streets' order.</summary>
    public required IReadOnlyList<int> Communities { get; init; }

    public required IReadOnlyList<string> CommunityNames { get; init; }

    /// <summary>Grids in all, or null for a free count between the bounds.</summary>
    public int? Grids { get; init; }

    public required (int Min, int Max) GridsPerCommunity { get; init; }

    public required (int Min, int Max) GridHouseholds { get; init; }

    public required (double Min, double Max) ResidentsPerHousehold { get; init; }

    public required (double Min, double Max) HouseholdsPerBuilding { get; init; }

    public IReadOnlyList<KnownCommunity> Known { get; init; } = [];
}

/// <summary>Builds the unit tree and shapes of an urban district.</summary>
internal static class Urban
{
    public static (Unit Root, LocalProjection Projection) Build(UrbanDistrict d, Random random)
    {
        var projection = new LocalProjection((d.Box.MinLon + d.Box.MaxLon) / 2, (d.Box.MinLat + d.Box.MaxLat) / 2);
        var tessellator = new Tessellator(random);
        var root = new Unit
        {
            Code = d.Code,
            Name = d.Name,
            EnglishName = d.EnglishName,
            Level = 1,
            Shape = Seeding.Outline(projection, d.Box.MinLon, d.Box.MaxLon, d.Box.MinLat, d.Box.MaxLat, random),
        };

        // Streets: where a street's rough position is known, it takes the cell nearest to it.
        var streetCells = tessellator.Split(root.Shape, d.Streets.Count);
        var placed = d.Streets.All(s => !double.IsNaN(s.Lon))
            ? Seeding.MatchToCells(streetCells, [.. d.Streets.Select(s => projection.ToMetric(s.Lon, s.Lat))])
            : [.. Enumerable.Range(0, d.Streets.Count)];
        for (var i = 0; i < d.Streets.Count; i++)
        {
            var s = d.Streets[i];
            root.AddChild(i + 1, 2, s.Name + "街道", streetCells[placed[i]], s.Pinyin + " Subdistrict");
        }

        // Communities, the known ones first in their street.
        var names = new Names.Pool(random, d.CommunityNames);
        foreach (var known in d.Known)
        {
            names.Reserve(known.Name);
        }

        for (var i = 0; i < root.Children.Count; i++)
        {
            var street = root.Children[i];
            var cells = tessellator.Split(street.Shape!, d.Communities[i]);
            var known = d.Known.Where(k => k.Street + "街道" == street.Name).ToList();
            for (var j = 0; j < cells.Count; j++)
            {
                var name = j < known.Count ? known[j].Name : names.Next("社区");
                var community = street.AddChild(j + 1, 3, name, cells[j]);
                if (j < known.Count)
                {
                    community.Notes = known[j].Notes;
                }
            }
        }

        // Grids.
        var communities = root.Children.SelectMany(s => s.Children).ToList();
        var isKnown = communities.Select(c => d.Known.FirstOrDefault(k => k.Name == c.Name)).ToList();
        var min = isKnown.Select(k => k?.Grids ?? d.GridsPerCommunity.Min).ToArray();
        var max = isKnown.Select(k => k?.Grids ?? d.GridsPerCommunity.Max).ToArray();
        var counts = d.Grids is { } total
            ? Seeding.Allocate(total, min, max, random)
            : [.. min.Select((m, i) => Seeding.Between(random, m, max[i]))];
        for (var i = 0; i < communities.Count; i++)
        {
            var community = communities[i];
            var cells = tessellator.Split(community.Shape!, counts[i]);
            var grids = cells.Select((cell, j) => community.AddChild(j + 1, 2, $"第{Names.Chinese(j + 1)}网格", cell)).ToList();
            if (isKnown[i] is { } k)
            {
                var households = Seeding.Allocate(k.Households, grids.Count, d.GridHouseholds.Min, d.GridHouseholds.Max, random);
                var residents = Seeding.Proportional(k.Residents, households);
                var buildings = Seeding.Proportional(k.Buildings, households);
                for (var j = 0; j < grids.Count; j++)
                {
                    (grids[j].Households, grids[j].Residents, grids[j].Buildings) = (households[j], residents[j], buildings[j]);
                }
            }
            else
            {
                foreach (var grid in grids)
                {
                    Seeding.Figures(grid, random, d.GridHouseholds, d.ResidentsPerHousehold, d.HouseholdsPerBuilding);
                }
            }
        }

        root.SumUp();
        return (root, projection);
    }

    /// <summary>The units of each level, top first.</summary>
    public static Dictionary<int, int> CountPerLevel(Unit root) =>
        root.Descendants().GroupBy(u => u.Level).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Rounds every shape of the tree (and any extra shapes) together; returns the extra shapes' boundaries.</summary>
    public static List<Geometry> RoundAll(Unit root, LocalProjection projection, IReadOnlyList<Geometry>? extra = null)
    {
        var units = root.Descendants().Where(u => u.Shape is not null).ToList();
        var shapes = units.Select(u => u.Shape!).Concat(extra ?? []).ToList();
        var rounded = new Rounder(projection).Round(shapes, out var fixedShapes);
        for (var i = 0; i < units.Count; i++)
        {
            units[i].Boundary = rounded[i];
        }

        foreach (var (i, reason) in fixedShapes)
        {
            Console.WriteLine($"  {(i < units.Count ? units[i].Code : "a micro-grid of the sample")}: made valid with GeometryFixer after rounding ({reason})");
        }

        return rounded.Skip(units.Count).ToList();
    }
}
