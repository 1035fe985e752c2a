using System.Linq.Expressions;
using System.Security.Claims;

namespace GovPlatform.Grid;

/// <summary>
/// Confines a query to a user's grid scope: a user with grid units (<c>gp:grid_unit</c> claims) sees only records
/// of those units and of the units below them; a user without any sees everything.
/// </summary>
public interface IGridScopeFilter
{
    /// <summary>
    /// Filters <paramref name="query"/> to the records whose unit code (read by <paramref name="unitCode"/>) lies in
    /// the user's scope; records without a unit are left out for a scoped user. Translates to SQL on both providers.
    /// </summary>
    ValueTask<IQueryable<T>> ApplyAsync<T>(IQueryable<T> query, Expression<Func<T, string?>> unitCode, ClaimsPrincipal user, CancellationToken cancellationToken = default);

    /// <summary>The codes (current and former) of every unit in the user's scope, or null when the user is not confined.</summary>
    ValueTask<IReadOnlySet<string>?> GetScopeCodesAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
