using GovPlatform.Petitions.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// What the tenant's petitions name: how many name each category or item, and which departments any petition, event or
/// co-handler names. An entry that is named cannot be deleted (the case pages and the ledger still show its name).
/// </summary>
internal sealed class PetitionCatalogUsage(IReadOnlyDictionary<string, int> byCategory, IReadOnlySet<string> departments)
{
    /// <summary>How many petitions name <paramref name="code"/> itself (not its items).</summary>
    public int PetitionsOf(string code) => byCategory.GetValueOrDefault(code);

    /// <summary>Whether a petition, its events or its co-handlers name the department.</summary>
    public bool NamesDepartment(string code) => departments.Contains(code);

    public static async Task<PetitionCatalogUsage> LoadAsync(DbContext db, CancellationToken cancellationToken)
    {
        var byCategory = await db.Set<Petition>().AsNoTracking()
            .GroupBy(p => p.CategoryCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, StringComparer.Ordinal, cancellationToken);

        // Every place a department's code is kept: the case's handler, a pending transfer, a co-handler, the timeline.
        var departments = new HashSet<string>(StringComparer.Ordinal);
        departments.UnionWith(await db.Set<Petition>().AsNoTracking().Where(p => p.HandlingDepartment != null)
            .Select(p => p.HandlingDepartment!).Distinct().ToListAsync(cancellationToken));
        departments.UnionWith(await db.Set<Petition>().AsNoTracking().Where(p => p.PendingTransferDepartment != null)
            .Select(p => p.PendingTransferDepartment!).Distinct().ToListAsync(cancellationToken));
        departments.UnionWith(await db.Set<PetitionCoHandler>().AsNoTracking()
            .Select(c => c.Department).Distinct().ToListAsync(cancellationToken));
        departments.UnionWith(await db.Set<PetitionEvent>().AsNoTracking().Where(e => e.Department != null)
            .Select(e => e.Department!).Distinct().ToListAsync(cancellationToken));
        return new PetitionCatalogUsage(byCategory, departments);
    }
}
