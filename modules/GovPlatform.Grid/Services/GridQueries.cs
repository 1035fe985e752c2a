using GovPlatform.Data;
using GovPlatform.Grid.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Grid.Services;

/// <summary>A post as the pages show it.</summary>
public sealed record GridPost(long Id, long WorkerId, string WorkerName, string? Phone, GridWorkerKind Kind, GridTeam Team, string UnitCode, string UnitName, GridRole Role, DateOnly StartDate, DateOnly? EndDate, string? Note);

/// <summary>A page of results.</summary>
public sealed record GridPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reads for the admin and public pages: searches, people of a unit, workers within a scope.</summary>
internal sealed class GridQueries(TenantDbContext db, GridDirectory directory, TimeProvider clock)
{
    public const int PageSize = 50;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Units whose code or name contains <paramref name="text"/>, within <paramref name="scope"/> (null: all), in tree order.</summary>
    public async Task<GridPage<GridNode>> SearchUnitsAsync(string text, IReadOnlyList<GridNode>? scope, int page, CancellationToken cancellationToken)
    {
        var tree = await directory.TreeAsync(cancellationToken);
        var needle = text.Trim();
        var matches = tree.PreOrder
            .Where(n => scope is null || scope.Any(s => GridTree.IsWithin(s, n)))
            .Where(n => n.Code.Contains(needle, StringComparison.OrdinalIgnoreCase) || n.Unit.Name.Contains(needle, StringComparison.OrdinalIgnoreCase) ||
                (n.Unit.EnglishName?.Contains(needle, StringComparison.OrdinalIgnoreCase) ?? false) || n.FormerCodes.Contains(needle, StringComparer.OrdinalIgnoreCase))
            .ToList();
        page = Math.Clamp(page, 1, Math.Max(1, (matches.Count + PageSize - 1) / PageSize));
        return new GridPage<GridNode>([.. matches.Skip((page - 1) * PageSize).Take(PageSize)], matches.Count, page, PageSize);
    }

    /// <summary>Every post of a unit, current ones first, then by start date (newest first).</summary>
    public async Task<IReadOnlyList<GridPost>> PostsOfUnitAsync(GridNode unit, CancellationToken cancellationToken) =>
        Order(await Posts(db.Set<GridAssignment>().Where(a => a.UnitId == unit.Id), cancellationToken));

    /// <summary>Every post of a worker.</summary>
    public async Task<IReadOnlyList<GridPost>> PostsOfWorkerAsync(long workerId, CancellationToken cancellationToken) =>
        Order(await Posts(db.Set<GridAssignment>().Where(a => a.WorkerId == workerId), cancellationToken));

    public bool IsCurrent(GridPost post) => post.EndDate is null || post.EndDate >= Today;

    /// <summary>
    /// Workers, searched by name or phone, optionally only those with a current post inside <paramref name="scope"/>
    /// (and, for a scoped user, only those: a worker with no post is visible tenant-wide only).
    /// </summary>
    public async Task<GridPage<GridWorker>> WorkersAsync(string? text, GridWorkerKind? kind, GridTeam? team, IReadOnlyList<GridNode>? scope, int page, CancellationToken cancellationToken)
    {
        var query = db.Set<GridWorker>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var needle = text.Trim();
            query = query.Where(w => w.Name.Contains(needle) || (w.Phone != null && w.Phone.Contains(needle)));
        }

        if (kind is { } k)
        {
            query = query.Where(w => w.Kind == k);
        }

        if (team is { } t)
        {
            query = query.Where(w => w.Team == t);
        }

        if (scope is not null)
        {
            var tree = await directory.TreeAsync(cancellationToken);
            var unitIds = scope.SelectMany(tree.Subtree).Select(n => n.Id).Distinct().ToArray();
            var today = Today;
            query = query.Where(w => db.Set<GridAssignment>().Any(a => a.WorkerId == w.Id && EF.Parameter(unitIds).Contains(a.UnitId) && (a.EndDate == null || a.EndDate >= today)));
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query.OrderBy(w => w.Name).ThenBy(w => w.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new GridPage<GridWorker>(items, total, page, PageSize);
    }

    public Task<GridWorker?> WorkerAsync(long id, CancellationToken cancellationToken) =>
        db.Set<GridWorker>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    /// <summary>Every post with its worker, for the workers export.</summary>
    public async Task<IReadOnlyList<GridPost>> AllPostsAsync(CancellationToken cancellationToken) =>
        Order(await Posts(db.Set<GridAssignment>(), cancellationToken));

    private async Task<List<GridPost>> Posts(IQueryable<GridAssignment> assignments, CancellationToken cancellationToken)
    {
        var tree = await directory.TreeAsync(cancellationToken);
        var rows = await assignments.AsNoTracking()
            .Join(db.Set<GridWorker>(), a => a.WorkerId, w => w.Id, (a, w) => new { a, w })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var unit = tree.FindById(r.a.UnitId);
            return new GridPost(r.a.Id, r.w.Id, r.w.Name, r.w.Phone, r.w.Kind, r.w.Team, unit?.Code ?? "", unit?.Unit.Name ?? "", r.a.Role, r.a.StartDate, r.a.EndDate, r.a.Note);
        })];
    }

    private List<GridPost> Order(List<GridPost> posts) =>
        [.. posts.OrderByDescending(IsCurrent).ThenBy(p => p.Role).ThenByDescending(p => p.StartDate).ThenBy(p => p.WorkerName, StringComparer.Ordinal)];
}
