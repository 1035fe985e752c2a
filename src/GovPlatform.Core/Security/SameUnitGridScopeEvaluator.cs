using GovPlatform.Security;

namespace GovPlatform.Core.Security;

/// <summary>The default grid scope without the grid module: a user's units contain only themselves.</summary>
internal sealed class SameUnitGridScopeEvaluator : IGridScopeEvaluator
{
    public ValueTask<bool> ContainsAsync(IReadOnlyCollection<string> scopeUnitCodes, string unitCode, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(scopeUnitCodes.Contains(unitCode, StringComparer.Ordinal));
}
