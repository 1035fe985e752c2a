using GovPlatform.Localization;

namespace GovPlatform.Grid;

/// <summary>A level of the tenant's grid hierarchy (区 / 街道 / 社区 / 网格 / 微网格 …).</summary>
/// <param name="Depth">1 for the top level, then 2, 3…; a unit's depth is its level.</param>
/// <param name="Name">The level's name in Chinese and English.</param>
/// <param name="MinHouseholds">Fewest households a unit of this level should have (a warning below), or null.</param>
/// <param name="MaxHouseholds">Most households a unit of this level should have (a warning above), or null.</param>
public sealed record GridLevelInfo(int Depth, BilingualText Name, int? MinHouseholds = null, int? MaxHouseholds = null);
