using System.Data;
using GovPlatform.Data;
using GovPlatform.Grid.Data;
using GovPlatform.Grid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Grid.Services;

/// <summary>
/// The shell's current <see cref="GridTree"/>. Each call compares the snapshot's revision with <c>gp_grid_state</c>
/// (one indexed read), so a change made by another node or another request is seen at once; a stale snapshot is
/// reloaded by one caller while the others wait. Reads use a context of their own: a caller's uncommitted
/// transaction must never end up in the shared snapshot.
/// </summary>
internal sealed class GridTreeCache(IServiceScopeFactory scopes) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile GridTree? _tree;

    public async ValueTask<GridTree> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var revision = await ReadRevisionAsync(db, cancellationToken);
        if (_tree is { } tree && tree.Revision == revision)
        {
            return tree;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_tree is { } current && current.Revision >= revision)
            {
                return current;
            }

            var loaded = await LoadAsync(db, cancellationToken);
            _tree = loaded;
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Forgets the snapshot after a change (the revision check would find it too; this saves the wait).</summary>
    public void Invalidate() => _tree = null;

    private static Task<long> ReadRevisionAsync(TenantDbContext db, CancellationToken cancellationToken) =>
        db.Set<GridState>().AsNoTracking().Where(s => s.Id == 1).Select(s => s.Revision).FirstOrDefaultAsync(cancellationToken);

    private static Task<GridTree> LoadAsync(TenantDbContext db, CancellationToken cancellationToken) =>
        // One snapshot of the four tables: a change committed between two of the reads must not mix two revisions.
        // Retried as a whole on a transient error (PostgreSQL's retrying strategy refuses a bare transaction).
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var revision = await ReadRevisionAsync(db, ct);
            var levels = await db.Set<GridLevel>().AsNoTracking().ToListAsync(ct);
            var units = await db.Set<GridUnit>().AsNoTracking().ToListAsync(ct);
            var changes = await db.Set<GridCodeChange>().AsNoTracking().ToListAsync(ct);
            await transaction.CommitAsync(ct);
            return new GridTree(revision, levels, units, changes);
        }, cancellationToken);
}
