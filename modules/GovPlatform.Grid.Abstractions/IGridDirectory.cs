namespace GovPlatform.Grid;

/// <summary>
/// Read access to the current tenant's grid for other modules. Answers come from an in-memory snapshot of the tenant's
/// grid that is rebuilt after every change, so they are cheap enough to call per request.
/// </summary>
public interface IGridDirectory
{
    /// <summary>The tenant's levels, top first.</summary>
    ValueTask<IReadOnlyList<GridLevelInfo>> GetLevelsAsync(CancellationToken cancellationToken = default);

    /// <summary>The unit with this code, or with this former code (a unit moved to a new parent keeps answering to its old code); null when none.</summary>
    ValueTask<GridUnitInfo?> FindAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The unit's ancestors, top first, without the unit itself; empty for an unknown code.</summary>
    ValueTask<IReadOnlyList<GridUnitInfo>> GetAncestorsAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The children of a unit, or the top units when <paramref name="code"/> is null, ordered by code.</summary>
    ValueTask<IReadOnlyList<GridUnitInfo>> GetChildrenAsync(string? code, CancellationToken cancellationToken = default);

    /// <summary>The unit and every unit below it, depth first in code order; empty for an unknown code.</summary>
    ValueTask<IReadOnlyList<GridUnitInfo>> GetSubtreeAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="code"/> is <paramref name="ancestorCode"/> or lies below it (former codes count).</summary>
    ValueTask<bool> IsWithinAsync(string ancestorCode, string code, CancellationToken cancellationToken = default);

    /// <summary>The deepest territorial unit whose boundary contains the point (WGS84 longitude and latitude), or null.</summary>
    ValueTask<GridUnitInfo?> LocateAsync(double longitude, double latitude, CancellationToken cancellationToken = default);

    /// <summary>The totals of every unit at <paramref name="depth"/> (or of the top units when null), with the counts of every registered <see cref="IGridCountContributor"/>.</summary>
    Task<IReadOnlyList<GridRollUp>> RollUpAsync(int? depth = null, CancellationToken cancellationToken = default);
}
