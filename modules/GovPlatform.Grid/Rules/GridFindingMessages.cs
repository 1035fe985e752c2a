using System.Globalization;
using GovPlatform.Localization;

namespace GovPlatform.Grid.Rules;

/// <summary>The findings' messages in Chinese and English, with numbers grouped the same way in both.</summary>
internal static class GridFindingMessages
{
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public static BilingualText OutsideParent(string code, string parentCode, double area)
    {
        var size = Area(area);
        return new($"网格 {code} 超出上级 {parentCode} 的范围 {size} 平方米", $"{code} lies outside its parent {parentCode} by {size} m²");
    }

    public static BilingualText Overlap(string code, string otherCode, double area)
    {
        var size = Area(area);
        return new($"网格 {code} 与 {otherCode} 重叠 {size} 平方米", $"{code} overlaps {otherCode} by {size} m²");
    }

    public static BilingualText Gap(string parentCode, double area)
    {
        var size = Area(area);
        return new($"{parentCode} 有 {size} 平方米未被下级网格覆盖", $"{size} m² of {parentCode} are covered by none of its units");
    }

    public static BilingualText TooFewHouseholds(RuleUnit unit, int minimum, int? maximum)
    {
        var count = unit.Households.ToString("N0", Numbers);
        var least = minimum.ToString("N0", Numbers);
        var (rangeZh, rangeEn) = Range(minimum, maximum);
        return new(
            $"网格 {unit.Code}（{unit.Name}）有 {count} 户，少于本层级下限 {least} 户{rangeZh}",
            $"{unit.Code} ({unit.Name}) has {count} households, fewer than its level's minimum of {least}{rangeEn}");
    }

    public static BilingualText TooManyHouseholds(RuleUnit unit, int? minimum, int maximum)
    {
        var count = unit.Households.ToString("N0", Numbers);
        var most = maximum.ToString("N0", Numbers);
        var (rangeZh, rangeEn) = Range(minimum, maximum);
        return new(
            $"网格 {unit.Code}（{unit.Name}）有 {count} 户，多于本层级上限 {most} 户{rangeZh}",
            $"{unit.Code} ({unit.Name}) has {count} households, more than its level's maximum of {most}{rangeEn}");
    }

    // The full range only adds something when the level has both bounds.
    private static (string Chinese, string English) Range(int? minimum, int? maximum)
    {
        if (minimum is not { } least || maximum is not { } most)
        {
            return ("", "");
        }

        var range = string.Create(Numbers, $"{least:N0}–{most:N0}");
        return ($"（应为 {range} 户）", $" (range {range})");
    }

    // Whole square metres read best; only a finding under 10 m² (possible with tolerance 0) needs decimals.
    private static string Area(double area) => area switch
    {
        >= 10 => area.ToString("N0", Numbers),
        >= 0.01 => area.ToString("N2", Numbers),
        _ => "<0.01",
    };
}
