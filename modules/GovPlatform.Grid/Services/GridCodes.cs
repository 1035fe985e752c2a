using System.Text.RegularExpressions;
using GovPlatform.Localization;

namespace GovPlatform.Grid.Services;

/// <summary>What a unit code may look like.</summary>
internal static partial class GridCodes
{
    public static bool IsValid(string code) => Pattern().IsMatch(code);

    public static BilingualText FormatMessage(string code) => new(
        $"编码 {code} 无效：只能用字母、数字、点、下划线和连字符，以字母或数字开头，不超过 64 个字符。",
        $"The code {code} is invalid: letters, digits, dots, underscores and hyphens only, starting with a letter or digit, 64 characters at most.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
