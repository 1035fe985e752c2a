using System.Security.Claims;
using GovPlatform.Grid;
using GovPlatform.Petitions.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// Which petitions a staff member sees: those located in their units (or below) and those their units (or below)
/// handle — an escalated case stays visible to the units it came from. A user without units sees all.
/// </summary>
internal sealed class PetitionScope(IGridScopeFilter filter)
{
    public async ValueTask<IQueryable<Petition>> ApplyAsync(IQueryable<Petition> query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await filter.GetScopeCodesAsync(user, cancellationToken) is not { } codes)
        {
            return query;
        }

        // One list parameter, used twice (json_each on SQLite, = ANY on PostgreSQL).
        var list = codes.Order(StringComparer.Ordinal).ToArray();
        return query.Where(p => EF.Parameter(list).Contains(p.GridUnitCode!) || EF.Parameter(list).Contains(p.HandlingUnitCode!));
    }
}
