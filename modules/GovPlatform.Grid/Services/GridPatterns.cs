using System.Text.RegularExpressions;
using GovPlatform.Localization;

namespace GovPlatform.Grid.Services;

/// <summary>What a unit code and a phone number may look like: one rule for the editors and the import planners.</summary>
internal static partial class GridPatterns
{
    /// <summary>Letters, digits, dots, underscores and hyphens, starting with a letter or digit, 64 at most.</summary>
    public static bool IsCode(string code) => CodePattern().IsMatch(code);

    public static BilingualText CodeMessage(string code) => new(
        $"编码“{code}”无效：须以字母或数字开头，只含字母、数字和 . _ -，最长 64 个字符",
        $"code \"{code}\" is invalid: it starts with a letter or digit and has only letters, digits, '.', '_' and '-', 64 at most");

    /// <summary>5 to 20 digits, spaces, + or -.</summary>
    public static bool IsPhone(string? phone) => phone is not null && PhonePattern().IsMatch(phone);

    /// <summary>A phone's digits (and a leading +): <c>138 0013-8000</c> and <c>13800138000</c> are the same phone.</summary>
    public static string NormalizePhone(string phone) => string.Concat(phone.Where(c => char.IsAsciiDigit(c) || c == '+'));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+\- ]{5,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
