using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Services;

/// <summary>One unit's coverage, rolled up over the grids below it (or the unit itself when it is a grid).</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Grids">Territorial units at the branch depth in it.</param>
/// <param name="GridsCovered">Those with an active grid branch bound to them.</param>
/// <param name="Courtyards">Active courtyards in its grids.</param>
/// <param name="CourtyardsCovered">Those with an active courtyard group.</param>
/// <param name="Households">Active party-member households in it.</param>
public sealed record CoverageRow(GridUnitInfo Unit, int Grids, int GridsCovered, int Courtyards, int CourtyardsCovered, int Households);

/// <summary>A coverage report: the unit asked for, its children's rows, and what lacks an organisation below it.</summary>
/// <param name="Root">The unit the report is about.</param>
/// <param name="Total">Its own row.</param>
/// <param name="Rows">Its children's rows (the next level), in code order.</param>
/// <param name="GridsWithoutBranch">Every grid below it without a branch, in code order.</param>
/// <param name="CourtyardsWithoutGroup">Every courtyard below it without a group, by grid and name.</param>
public sealed record CoverageReport(GridUnitInfo Root, CoverageRow Total, IReadOnlyList<CoverageRow> Rows, IReadOnlyList<GridUnitInfo> GridsWithoutBranch, IReadOnlyList<(GridUnitInfo Grid, Courtyard Courtyard)> CourtyardsWithoutGroup);

/// <summary>
/// 一格一支部、一院一小组: which grids (territorial units at the rules' branch depth) have an active grid branch and which
/// courtyards an active courtyard group, rolled up per unit of every level. Three grouped queries and the grid's
/// in-memory tree; nothing per unit.
/// </summary>
public sealed class CoverageService(TenantDbContext db, IGridDirectory grid, RedGridSettingsStore settingsStore)
{
    /// <summary>The report for <paramref name="unitCode"/> (the tenant's first top unit when null); null for an unknown unit.</summary>
    public async Task<CoverageReport?> ComputeAsync(string? unitCode, CancellationToken cancellationToken = default)
    {
        var settings = await settingsStore.GetAsync(cancellationToken);
        var root = unitCode is null
            ? (await grid.GetChildrenAsync(null, cancellationToken)) is { Count: > 0 } tops ? tops[0] : null
            : await grid.FindAsync(unitCode, cancellationToken);
        if (root is null)
        {
            return null;
        }

        var subtree = await grid.GetSubtreeAsync(root.Code, cancellationToken);
        var grids = subtree.Where(u => u.Depth == settings.BranchDepth && u.Kind == GridUnitKind.Territorial).ToList();
        var codes = subtree.Select(u => u.Code).ToList();
        var branches = (await db.Set<PartyOrganisation>().AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.GridBranch && o.Active && codes.Contains(o.GridUnitCode))
            .Select(o => o.GridUnitCode).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var courtyards = await db.Set<Courtyard>().AsNoTracking()
            .Where(c => c.Active && codes.Contains(c.GridUnitCode))
            .OrderBy(c => c.GridUnitCode).ThenBy(c => c.Name)
            .ToListAsync(cancellationToken);
        var grouped = (await db.Set<PartyOrganisation>().AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.CourtyardGroup && o.Active && o.CourtyardId != null && codes.Contains(o.GridUnitCode))
            .Select(o => o.CourtyardId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var households = await db.Set<PartyOrganisation>().AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.MemberHousehold && o.Active && codes.Contains(o.GridUnitCode))
            .GroupBy(o => o.GridUnitCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);

        // Each unit's row sums the rows of the units below it: walk the subtree from the deepest units up.
        var byCode = subtree.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var sums = subtree.ToDictionary(u => u.Code, _ => new int[5], StringComparer.Ordinal);
        foreach (var unit in grids)
        {
            sums[unit.Code][0] = 1;
            sums[unit.Code][1] = branches.Contains(unit.Code) ? 1 : 0;
        }

        foreach (var courtyard in courtyards)
        {
            sums[courtyard.GridUnitCode][2]++;
            sums[courtyard.GridUnitCode][3] += grouped.Contains(courtyard.Id) ? 1 : 0;
        }

        foreach (var (code, count) in households)
        {
            sums[code][4] += count;
        }

        foreach (var unit in subtree.OrderByDescending(u => u.Depth))
        {
            if (unit.Code != root.Code && unit.ParentCode is { } parent && sums.TryGetValue(parent, out var up))
            {
                for (var i = 0; i < 5; i++)
                {
                    up[i] += sums[unit.Code][i];
                }
            }
        }

        CoverageRow Row(GridUnitInfo unit) => sums[unit.Code] is var s ? new CoverageRow(unit, s[0], s[1], s[2], s[3], s[4]) : null!;
        var children = subtree.Where(u => u.ParentCode == root.Code).OrderBy(u => u.Code, StringComparer.Ordinal).Select(Row).ToList();
        return new CoverageReport(
            root,
            Row(root),
            children,
            [.. grids.Where(g => !branches.Contains(g.Code)).OrderBy(g => g.Code, StringComparer.Ordinal)],
            [.. courtyards.Where(c => !grouped.Contains(c.Id)).Select(c => (byCode[c.GridUnitCode], c))]);
    }
}
