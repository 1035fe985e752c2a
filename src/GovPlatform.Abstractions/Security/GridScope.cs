namespace GovPlatform.Security;

/// <summary>A record that belongs to a grid unit (a petition, an activity, a dispute): permission checks can be confined to a user's units.</summary>
public interface IGridScopedResource
{
    /// <summary>The hierarchical code of the unit the record belongs to, or null when it belongs to the whole tenant.</summary>
    string? GridUnitCode { get; }
}

/// <summary>
/// Decides whether a grid unit lies within a user's units. The platform's default accepts the same unit only; the grid
/// module replaces it with its hierarchy (a unit and everything below it).
/// </summary>
public interface IGridScopeEvaluator
{
    /// <summary>Whether <paramref name="unitCode"/> is one of <paramref name="scopeUnitCodes"/> or lies below one of them.</summary>
    ValueTask<bool> ContainsAsync(IReadOnlyCollection<string> scopeUnitCodes, string unitCode, CancellationToken cancellationToken = default);

    /// <summary>Whether a unit has this code (now or formerly); null when the tenant keeps no grid to ask, so any code is accepted.</summary>
    ValueTask<bool?> ExistsAsync(string unitCode, CancellationToken cancellationToken = default) => ValueTask.FromResult<bool?>(null);
}

/// <summary>Claim types the platform puts on a signed-in user.</summary>
public static class GovClaimTypes
{
    /// <summary>A grid unit code the user is confined to; a user without any works tenant-wide.</summary>
    public const string GridUnit = "gp:grid_unit";

    /// <summary>A permission the user holds through a role (added at sign-in from the role grants).</summary>
    public const string Permission = "gp:permission";

    /// <summary>The user's preferred culture (<c>zh-CN</c>, <c>en</c>).</summary>
    public const string Culture = "gp:culture";
}
