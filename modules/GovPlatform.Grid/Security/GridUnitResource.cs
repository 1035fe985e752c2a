using GovPlatform.Security;

namespace GovPlatform.Grid.Security;

/// <summary>A unit as the resource of a grid-scoped permission check.</summary>
internal sealed record GridUnitResource(string? GridUnitCode) : IGridScopedResource;
