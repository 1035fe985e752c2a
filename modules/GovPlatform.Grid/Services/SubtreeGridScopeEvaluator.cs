using GovPlatform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Grid.Services;

/// <summary>The grid's answer to "is this unit within the user's units": the unit is one of them or lies below one (former codes count).</summary>
internal sealed class SubtreeGridScopeEvaluator(GridTreeCache cache, IHttpContextAccessor http) : IGridScopeEvaluator
{
    public async ValueTask<bool> ContainsAsync(IReadOnlyCollection<string> scopeUnitCodes, string unitCode, CancellationToken cancellationToken = default)
    {
        if (scopeUnitCodes.Contains(unitCode, StringComparer.Ordinal))
        {
            return true;
        }

        var tree = await TreeAsync(cancellationToken);
        if (tree.Find(unitCode) is not { } unit)
        {
            return false;
        }

        foreach (var code in scopeUnitCodes)
        {
            if (tree.Find(code) is { } scope && GridTree.IsWithin(scope, unit))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<bool?> ExistsAsync(string unitCode, CancellationToken cancellationToken = default) =>
        (await TreeAsync(cancellationToken)).Find(unitCode) is not null;

    // Inside a request, the request's snapshot: its revision was checked once already, and every check of the request
    // sees the same grid. Outside one (a recipe, a background job), the shell's current snapshot.
    private ValueTask<GridTree> TreeAsync(CancellationToken cancellationToken) =>
        http.HttpContext?.RequestServices.GetService<GridDirectory>() is { } directory ? directory.TreeAsync(cancellationToken) : cache.GetAsync(cancellationToken);
}
