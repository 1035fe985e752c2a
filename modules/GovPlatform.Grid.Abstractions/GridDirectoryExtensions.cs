using System.Security.Claims;
using GovPlatform.Security;

namespace GovPlatform.Grid;

/// <summary>What pages of several modules ask the grid about a user.</summary>
public static class GridDirectoryExtensions
{
    /// <summary>
    /// The units <paramref name="user"/> may choose in a form or a filter: their own units (claims
    /// <see cref="GovClaimTypes.GridUnit"/>) and everything below them, or the whole grid for a user without units; each
    /// unit once, depth first in the tree's order. A former code stands for the unit that has it now; codes the grid does
    /// not know are skipped.
    /// </summary>
    public static async Task<IReadOnlyList<GridUnitInfo>> GetUnitsInScopeAsync(this IGridDirectory grid, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(user);
        var claimed = user.FindAll(GovClaimTypes.GridUnit).Select(c => c.Value).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var roots = claimed.Count > 0 ? claimed : [.. (await grid.GetChildrenAsync(null, cancellationToken)).Select(u => u.Code)];
        var units = new List<GridUnitInfo>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in roots)
        {
            if (await grid.FindAsync(code, cancellationToken) is not { } root)
            {
                continue;
            }

            foreach (var unit in await grid.GetSubtreeAsync(root.Code, cancellationToken))
            {
                if (seen.Add(unit.Code))
                {
                    units.Add(unit);
                }
            }
        }

        return units;
    }
}
