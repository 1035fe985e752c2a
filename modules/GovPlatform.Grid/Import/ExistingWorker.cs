namespace GovPlatform.Grid.Import;

/// <summary>A worker already in the tenant's grid, which an imported row may be.</summary>
internal sealed record ExistingWorker(long Id, string Name, string? Phone);
