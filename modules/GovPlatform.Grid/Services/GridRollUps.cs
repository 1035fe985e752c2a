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
        var maxDepth = tree.Levels.Count + 1;
        var result = new List<GridRollUp>(targets.Count);
        foreach (var target in targets)
        {
            var unitsByDepth = new int[maxDepth + 1];
            var workers = new HashSet<long>();
            var sums = new long[counts.Count];
            for (var i = target.Order + 1; i <= target.LastDescendantOrder; i++)
            {
                unitsByDepth[Math.Min(tree.PreOrder[i].Depth, maxDepth)]++;
            }

            if (workersByOrder.Count > 0 || counts.Count > 0)
            {
                for (var i = target.Order; i <= target.LastDescendantOrder; i++)
                {
                    if (workersByOrder.TryGetValue(i, out var ids))
                    {
                        workers.UnionWith(ids);
                    }

                    for (var c = 0; c < counts.Count; c++)
                    {
                        sums[c] += counts[c].ByUnit.GetValueOrDefault(tree.PreOrder[i].Id);
                    }
                }
            }

            var byDepth = new SortedDictionary<int, int>();
            for (var d = 0; d < unitsByDepth.Length; d++)
            {
                if (unitsByDepth[d] > 0)
                {
                    byDepth[d] = unitsByDepth[d];
                }
            }

            result.Add(new GridRollUp(
                target.Info, households[target.Order], residents[target.Order], buildings[target.Order], byDepth, workers.Count,
                counts.Select((c, index) => (c.Key, sums[index])).ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal)));
        }

        return result;
    }
}
