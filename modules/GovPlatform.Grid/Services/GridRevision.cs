using GovPlatform.Data;
using GovPlatform.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Grid.Services;

/// <summary>Bumps the grid's revision inside the caller's transaction, so every node reloads its snapshot once the change commits.</summary>
internal static class GridRevision
{
    public static Task BumpAsync(TenantDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {GridTables.State} (id, revision) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET revision = {GridTables.State}.revision + 1",
            cancellationToken);
}
