using GovPlatform.Grid.Rules;
using GovPlatform.Localization;
using static GovPlatform.Grid.Tests.Rules.Plane;

namespace GovPlatform.Grid.Tests.Rules;

public sealed class HouseholdRuleTests
{
    private static readonly GridLevelInfo[] Levels =
    [
        new(1, new BilingualText("社区", "Community")),
        new(2, new BilingualText("网格", "Grid"), MinHouseholds: 100, MaxHouseholds: 300),
    ];

    [Fact]
    public void Household_figures_outside_the_level_range_are_warnings_and_zero_means_unrecorded()
    {
        var units = new[]
        {
            Unit("P", null, null, households: 5),
            Unit("P01", "P", null, households: 50),
            Unit("P02", "P", null, households: 200),
            Unit("P03", "P", null, households: 1_500),
            Unit("P04", "P", null, households: 0),
            Unit("P90", "P", null, GridUnitKind.Professional, households: 50),
        };

        var findings = GridRuleChecker.Check(units, Levels, Settings());

        Assert.Equal(2, findings.Count);
        var few = findings[0];
        Assert.Equal((GridFindingKind.TooFewHouseholds, GridFindingSeverity.Warning, "P01"), (few.Kind, few.Severity, few.UnitCode));
        Assert.Null(few.Shape);
        Assert.Equal("网格 P01（名称P01）有 50 户，少于本层级下限 100 户（应为 100–300 户）", few.Message.Chinese);
        Assert.Equal("P01 (名称P01) has 50 households, fewer than its level's minimum of 100 (range 100–300)", few.Message.English);
        var many = findings[1];
        Assert.Equal((GridFindingKind.TooManyHouseholds, "P03"), (many.Kind, many.UnitCode));
        Assert.Contains("1,500", many.Message.Chinese, StringComparison.Ordinal);
        Assert.Contains("more than its level's maximum of 300", many.Message.English, StringComparison.Ordinal);
    }
}
