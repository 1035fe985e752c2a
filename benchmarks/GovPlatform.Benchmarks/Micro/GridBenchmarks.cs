using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GovPlatform.Grid.Models;
using GovPlatform.Grid.Rules;
using GovPlatform.Grid.Services;
using NetTopologySuite.Geometries;

namespace GovPlatform.Benchmarks.Micro;

/// <summary>
/// The grid's queries on a tenant of 10,000 units (1 → 9 → 90 → 900 → 9,000, every unit a rectangle tiling its
/// parent), each beside the obvious way to answer it without the snapshot's indexes, as its baseline.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GridBenchmarks
{
    private GridTree _tree = default!;
    private List<GridUnit> _units = default!;
    private Dictionary<long, List<GridUnit>> _children = default!;
    private (GridUnit Unit, Geometry Boundary)[] _boundaries = default!;
    private GridNode _street = default!;
    private GridNode _leaf = default!;
    private Point _point = default!;
    private GridLevel[] _levels = default!;

    [GlobalSetup]
    public void Setup()
    {
        _levels = [.. Enumerable.Range(1, 5).Select(p => new GridLevel { Id = p, Position = p, Name = $"L{p}", EnglishName = $"L{p}" })];
        _units = GridBenchmarkData.Units();
        _tree = new GridTree(1, _levels, _units, []);
        _children = _units.Where(u => u.ParentId is not null).GroupBy(u => u.ParentId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        _boundaries = [.. _tree.PreOrder.Select(n => (n.Unit, n.Boundary!))];
        _street = _tree.Roots[0].Children[4];
        _leaf = _tree.Find("R-5-55-555-5555")!;
        _point = GeoJson.Factory.CreatePoint(new Coordinate(113.2 + 0.0573, 23.1 + 0.0411));
        _tree.Locate(_point.X, _point.Y);
    }

    [Benchmark(Baseline = true, Description = "Snapshot: load 10,000 units (baseline: parse every boundary)"), BenchmarkCategory("snapshot")]
    public int ParseEveryBoundary() => _units.Count(u => GeoJson.ReadBoundary(u.Boundary!) is not null);

    [Benchmark(Description = "Snapshot: load 10,000 units (tree, codes, pre-order)"), BenchmarkCategory("snapshot")]
    public int BuildSnapshot() => new GridTree(2, _levels, _units, []).Count;

    [Benchmark(Baseline = true, Description = "Locate a point (baseline: scan every boundary)"), BenchmarkCategory("locate")]
    public string? LocateByScan()
    {
        GridUnit? best = null;
        var depth = 0;
        foreach (var (unit, boundary) in _boundaries)
        {
            var level = unit.LevelId;
            if (level > depth && boundary.Covers(_point))
            {
                best = unit;
                depth = level;
            }
        }

        return best?.Code;
    }

    [Benchmark(Description = "Locate a point (STRtree of prepared boundaries)"), BenchmarkCategory("locate")]
    public string? Locate() => _tree.Locate(_point.X, _point.Y)?.Code;

    [Benchmark(Baseline = true, Description = "Which of 10,000 units lie within a street (baseline: walk up the parents)"), BenchmarkCategory("within")]
    public int WithinByParents()
    {
        var count = 0;
        foreach (var unit in _tree.PreOrder)
        {
            for (var node = unit; node is not null; node = node.Parent)
            {
                if (node == _street)
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    [Benchmark(Description = "Which of 10,000 units lie within a street (pre-order numbers)"), BenchmarkCategory("within")]
    public int Within()
    {
        var count = 0;
        foreach (var unit in _tree.PreOrder)
        {
            if (GridTree.IsWithin(_street, unit))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Baseline = true, Description = "Subtree of a street, 1,111 units (baseline: recursive child lists)"), BenchmarkCategory("subtree")]
    public int SubtreeByChildren()
    {
        var count = 0;
        var stack = new Stack<GridUnit>([_street.Unit]);
        while (stack.Count > 0)
        {
            var unit = stack.Pop();
            count++;
            foreach (var child in _children.GetValueOrDefault(unit.Id) ?? [])
            {
                stack.Push(child);
            }
        }

        return count;
    }

    [Benchmark(Description = "Subtree of a street, 1,111 units (pre-order slice)"), BenchmarkCategory("subtree")]
    public int Subtree() => _tree.Subtree(_street).Count();

    [Benchmark(Baseline = true, Description = "Roll-up of the 90 level-3 units (baseline: walk each unit's subtree)"), BenchmarkCategory("rollup")]
    public long RollUpBySubtrees()
    {
        // The same figures as the one-pass roll-up: households, residents, buildings of the leaves, units per level.
        long total = 0;
        foreach (var unit in _tree.PreOrder.Where(n => n.Depth == 3))
        {
            long households = 0, residents = 0, buildings = 0;
            var byDepth = new SortedDictionary<int, int>();
            foreach (var node in _tree.Subtree(unit).Skip(1))
            {
                byDepth[node.Depth] = byDepth.GetValueOrDefault(node.Depth) + 1;
                if (node.Children.Count == 0)
                {
                    households += node.Unit.Households;
                    residents += node.Unit.Residents;
                    buildings += node.Unit.Buildings;
                }
            }

            total += households + residents + buildings + byDepth.Count;
        }

        return total;
    }

    [Benchmark(Description = "Roll-up of the 90 level-3 units (one pass)"), BenchmarkCategory("rollup")]
    public int RollUp() => GridRollUps.Compute(_tree, 3, [], []).Count;

    [Benchmark(Baseline = true, Description = "Rules around one edited unit (baseline: the whole report)"), BenchmarkCategory("rules")]
    public int RulesReport() => GridRuleChecker.Check(RuleUnits.From(_tree), _tree.Levels, new GridRuleSettings { RequireFullCoverage = true }).Count;

    [Benchmark(Description = "Rules around one edited unit (only what it touches)"), BenchmarkCategory("rules")]
    public int RulesAround() => GridRuleChecker.Check(RuleUnits.From(_tree), _tree.Levels, new GridRuleSettings { RequireFullCoverage = true }, new HashSet<string> { _leaf.Code }).Count;
}
