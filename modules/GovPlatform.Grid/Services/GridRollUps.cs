using GovPlatform.Grid.Models;

namespace GovPlatform.Grid.Services;

/// <summary>Sums over subtrees in one pass over the snapshot.</summary>
internal static class GridRollUps
{
    /// <summary>
    /// The totals of the units at <paramref name="depth"/> (the top units when null). Households, residents and
    /// buildings: the sum of a unit's territorial children where they record any, else the unit's own figure, so
    /// figures recorded at the leaves win and a parent's own figure fills in where its children have none.
    /// </summary>
    public static IReadOnlyList<GridRollUp> Compute(
        GridTree tree, int? depth, IEnumerable<(long UnitId, long WorkerId)> assignments, IReadOnlyList<(string Key, Dictionary<long, long> ByUnit)> counts)
    {
        var households = new long[tree.Count];
        var residents = new long[tree.Count];
        var buildings = new long[tree.Count];

        // Reverse pre-order visits every child before its parent.
        for (var i = tree.PreOrder.Count - 1; i >= 0; i--)
        {
            var node = tree.PreOrder[i];
            long h = 0, r = 0, b = 0;
            foreach (var child in node.Children)
            {
                if (child.Unit.Kind == GridUnitKind.Territorial)
                {
                    h += households[child.Order];
                    r += residents[child.Order];
                    b += buildings[child.Order];
                }
            }

            households[i] = h > 0 ? h : node.Unit.Households;
            residents[i] = r > 0 ? r : node.Unit.Residents;
            buildings[i] = b > 0 ? b : node.Unit.Buildings;
        }

        var workersByOrder = new Dictionary<int, List<long>>();
        foreach (var (unitId, workerId) in assignments)
        {
            if (tree.FindById(unitId) is { } node)
            {
                if (!workersByOrder.TryGetValue(node.Order, out var list))
                {
                    workersByOrder[node.Order] = list = [];
                }

                list.Add(workerId);
            }
        }

        var targets = depth is null ? tree.Roots : tree.PreOrder.Where(n => n.Depth == depth).ToList();
        var result = new List<GridRollUp>(targets.Count);
        foreach (var target in targets)
        {
            var unitsByDepth = new SortedDictionary<int, int>();
            var workers = new HashSet<long>();
            var sums = counts.ToDictionary(c => c.Key, _ => 0L, StringComparer.Ordinal);
            for (var i = target.Order; i <= target.LastDescendantOrder; i++)
            {
                var node = tree.PreOrder[i];
                if (i > target.Order)
                {
                    unitsByDepth[node.Depth] = unitsByDepth.GetValueOrDefault(node.Depth) + 1;
                }

                if (workersByOrder.TryGetValue(i, out var ids))
                {
                    workers.UnionWith(ids);
                }

                foreach (var (key, byUnit) in counts)
                {
                    sums[key] += byUnit.GetValueOrDefault(node.Id);
                }
            }

            result.Add(new GridRollUp(target.Info, households[target.Order], residents[target.Order], buildings[target.Order], unitsByDepth, workers.Count, sums));
        }

        return result;
    }
}
