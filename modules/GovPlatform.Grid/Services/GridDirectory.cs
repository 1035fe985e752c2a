using GovPlatform.Data;
using GovPlatform.Grid.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Grid.Services;

/// <summary><see cref="IGridDirectory"/> over the shell's snapshot; the snapshot is fetched once per scope (request).</summary>
internal sealed class GridDirectory(GridTreeCache cache, TenantDbContext db, IEnumerable<IGridCountContributor> contributors, TimeProvider clock) : IGridDirectory
{
    private GridTree? _tree;

    /// <summary>The snapshot this scope works with.</summary>
    public async ValueTask<GridTree> TreeAsync(CancellationToken cancellationToken = default) =>
        _tree ??= await cache.GetAsync(cancellationToken);

    /// <summary>Drops this scope's snapshot after a change made in the scope.</summary>
    public void Refresh()
    {
        cache.Invalidate();
        _tree = null;
    }

    public async ValueTask<IReadOnlyList<GridLevelInfo>> GetLevelsAsync(CancellationToken cancellationToken = default) =>
        (await TreeAsync(cancellationToken)).Levels;

    public async ValueTask<GridUnitInfo?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        (await TreeAsync(cancellationToken)).Find(code)?.Info;

    public async ValueTask<IReadOnlyList<GridUnitInfo>> GetAncestorsAsync(string code, CancellationToken cancellationToken = default) =>
        (await TreeAsync(cancellationToken)).Find(code) is { } node ? [.. GridTree.Ancestors(node).Select(n => n.Info)] : [];

    public async ValueTask<IReadOnlyList<GridUnitInfo>> GetChildrenAsync(string? code, CancellationToken cancellationToken = default)
    {
        var tree = await TreeAsync(cancellationToken);
        if (code is null)
        {
            return [.. tree.Roots.Select(n => n.Info)];
        }

        return tree.Find(code) is { } node ? [.. node.Children.Select(n => n.Info)] : [];
    }

    public async ValueTask<IReadOnlyList<GridUnitInfo>> GetSubtreeAsync(string code, CancellationToken cancellationToken = default)
    {
        var tree = await TreeAsync(cancellationToken);
        return tree.Find(code) is { } node ? [.. tree.Subtree(node).Select(n => n.Info)] : [];
    }

    public async ValueTask<bool> IsWithinAsync(string ancestorCode, string code, CancellationToken cancellationToken = default)
    {
        var tree = await TreeAsync(cancellationToken);
        return tree.Find(ancestorCode) is { } ancestor && tree.Find(code) is { } node && GridTree.IsWithin(ancestor, node);
    }

    public async ValueTask<GridUnitInfo?> LocateAsync(double longitude, double latitude, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(longitude) || !double.IsFinite(latitude) || longitude is < -180 or > 180 || latitude is < -90 or > 90)
        {
            return null;
        }

        return (await TreeAsync(cancellationToken)).Locate(longitude, latitude)?.Info;
    }

    public async Task<IReadOnlyList<GridRollUp>> RollUpAsync(int? depth = null, CancellationToken cancellationToken = default)
    {
        var tree = await TreeAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var assignments = await db.Set<GridAssignment>().AsNoTracking()
            .Where(a => a.EndDate == null || a.EndDate >= today)
            .Select(a => new { a.UnitId, a.WorkerId })
            .ToListAsync(cancellationToken);
        var counts = new List<(string Key, Dictionary<long, long> ByUnit)>();
        foreach (var contributor in contributors)
        {
            var byUnit = new Dictionary<long, long>();
            foreach (var (code, count) in await contributor.CountByUnitAsync(cancellationToken))
            {
                if (tree.Find(code) is { } node)
                {
                    byUnit[node.Id] = byUnit.GetValueOrDefault(node.Id) + count;
                }
            }

            counts.Add((contributor.Key, byUnit));
        }

        return GridRollUps.Compute(tree, depth, assignments.Select(a => (a.UnitId, a.WorkerId)), counts);
    }
}
