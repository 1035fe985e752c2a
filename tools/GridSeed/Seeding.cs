using NetTopologySuite.Geometries;

namespace GovPlatform.Tools.GridSeed;

/// <summary>Helpers the districts' builders share: the top unit's outline, splitting totals, a leaf's figures.</summary>
internal static class Seeding
{
    /// <summary>
    /// The district's outline: its bounding box with each side broken into short stretches that wander inward by up to
    /// 5% of the box (the corners a little more), so the top unit is a slightly irregular polygon inside the box.
    /// </summary>
    public static Geometry Outline(LocalProjection projection, double minLon, double maxLon, double minLat, double maxLat, Random random)
    {
        var sw = projection.ToMetric(minLon, minLat);
        var ne = projection.ToMetric(maxLon, maxLat);
        var width = ne.X - sw.X;
        var height = ne.Y - sw.Y;
        var depth = 0.05 * Math.Min(width, height);
        const int PerSide = 12;
        var corners = new[] { new Coordinate(sw.X, sw.Y), new Coordinate(ne.X, sw.Y), new Coordinate(ne.X, ne.Y), new Coordinate(sw.X, ne.Y) };
        var points = new List<Coordinate>();
        var previous = 0.5;
        for (var side = 0; side < 4; side++)
        {
            var a = corners[side];
            var b = corners[(side + 1) % 4];
            var inward = side switch
            {
                0 => new Coordinate(0, 1),
                1 => new Coordinate(-1, 0),
                2 => new Coordinate(0, -1),
                _ => new Coordinate(1, 0),
            };
            for (var i = 0; i < PerSide; i++)
            {
                var t = (i + (i == 0 ? 0 : (random.NextDouble() - 0.5) * 0.6)) / PerSide;
                previous = Math.Clamp((0.5 * previous) + (0.5 * random.NextDouble()), 0, 1);
                var d = depth * (i == 0 ? 1.4 : previous);
                var x = a.X + ((b.X - a.X) * t) + (inward.X * d);
                var y = a.Y + ((b.Y - a.Y) * t) + (inward.Y * d);
                if (i == 0)
                {
                    // A corner: pulled in along both sides.
                    var before = side switch
                    {
                        0 => new Coordinate(1, 0),
                        1 => new Coordinate(0, 1),
                        2 => new Coordinate(-1, 0),
                        _ => new Coordinate(0, -1),
                    };
                    x += before.X * d;
                    y += before.Y * d;
                }

                points.Add(new Coordinate(x, y));
            }
        }

        points.Add(points[0].Copy());
        var polygon = Geo.Metric.CreatePolygon([.. points]);
        return polygon.IsValid ? polygon : NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(polygon);
    }

    /// <summary><paramref name="total"/> split over items, each between its minimum and maximum, the rest handed out at random.</summary>
    public static int[] Allocate(int total, IReadOnlyList<int> min, IReadOnlyList<int> max, Random random)
    {
        var result = min.ToArray();
        var left = total - result.Sum();
        if (left < 0 || left > max.Sum() - result.Sum())
        {
            throw new InvalidOperationException($"cannot split {total} within the bounds");
        }

        while (left > 0)
        {
            var open = Enumerable.Range(0, result.Length).Where(i => result[i] < max[i]).ToList();
            result[open[random.Next(open.Count)]]++;
            left--;
        }

        return result;
    }

    public static int[] Allocate(int total, int count, int min, int max, Random random) =>
        Allocate(total, Enumerable.Repeat(min, count).ToArray(), Enumerable.Repeat(max, count).ToArray(), random);

    public static int Between(Random random, int min, int max) => random.Next(min, max + 1);

    public static double Between(Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    /// <summary>A leaf's figures: households in range, residents and buildings from per-household ratios.</summary>
    public static void Figures(Unit unit, Random random, (int Min, int Max) households, (double Min, double Max) residentsPerHousehold,
        (double Min, double Max) householdsPerBuilding)
    {
        unit.Households = Between(random, households.Min, households.Max);
        SetRatios(unit, random, residentsPerHousehold, householdsPerBuilding);
    }

    public static void SetRatios(Unit unit, Random random, (double Min, double Max) residentsPerHousehold, (double Min, double Max) householdsPerBuilding)
    {
        unit.Residents = (int)Math.Round(unit.Households * Between(random, residentsPerHousehold.Min, residentsPerHousehold.Max));
        unit.Buildings = Math.Max(1, (int)Math.Round(unit.Households / Between(random, householdsPerBuilding.Min, householdsPerBuilding.Max)));
    }

    /// <summary><paramref name="total"/> split in proportion to <paramref name="weights"/>, the rounding made up on the largest.</summary>
    public static int[] Proportional(int total, IReadOnlyList<int> weights)
    {
        var sum = weights.Sum();
        var result = weights.Select(w => (int)Math.Round((double)total * w / sum)).ToArray();
        var largest = Array.IndexOf(result, result.Max());
        result[largest] += total - result.Sum();
        return result;
    }

    /// <summary>
    /// Matches names to cells by where the name really is: each name in turn takes the free cell whose centre is nearest
    /// to its point. Returns the cell index for each name.
    /// </summary>
    public static int[] MatchToCells(IReadOnlyList<Geometry> cells, IReadOnlyList<Coordinate> targets)
    {
        var free = Enumerable.Range(0, cells.Count).ToList();
        var centres = cells.Select(c => c.InteriorPoint.Coordinate).ToArray();
        var result = new int[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var best = free.MinBy(j => centres[j].Distance(targets[i]));
            result[i] = best;
            free.Remove(best);
        }

        return result;
    }

    /// <summary>A random order of 0..count-1.</summary>
    public static int[] Shuffled(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }
}
