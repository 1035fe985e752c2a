using GovPlatform.Security;

namespace GovPlatform.Grid.Services;

/// <summary>The grid's answer to "is this unit within the user's units": the unit is one of them or lies below one (former codes count).</summary>
internal sealed class SubtreeGridScopeEvaluator(GridTreeCache cache) : IGridScopeEvaluator
{
    public async ValueTask<bool> ContainsAsync(IReadOnlyCollection<string> scopeUnitCodes, string unitCode, CancellationToken cancellationToken = default)
    {
        if (scopeUnitCodes.Contains(unitCode, StringComparer.Ordinal))
        {
            return true;
        }

        var tree = await cache.GetAsync(cancellationToken);
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
        (await cache.GetAsync(cancellationToken)).Find(unitCode) is not null;
}
