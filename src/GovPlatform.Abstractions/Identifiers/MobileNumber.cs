using System.Text.RegularExpressions;

namespace GovPlatform.Identifiers;

/// <summary>Mainland mobile numbers (11 digits starting 13–19), the form every module asks citizens for.</summary>
public static partial class MobileNumber
{
    /// <summary>The number as stored: digits only (<c>138 0013-8000</c> becomes <c>13800138000</c>), a leading +86 dropped.</summary>
    public static string Normalise(string? number)
    {
        var digits = string.Concat((number ?? "").Where(char.IsAsciiDigit));
        return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    /// <summary>Whether <paramref name="number"/>, normalised, is 11 digits starting 13–19.</summary>
    public static bool IsValid(string? number) => Pattern().IsMatch(Normalise(number));

    /// <summary>The first three and last four digits with the rest starred (<c>138****8000</c>); empty for none.</summary>
    public static string Mask(string? number)
    {
        var phone = Normalise(number);
        return phone.Length < 8 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
