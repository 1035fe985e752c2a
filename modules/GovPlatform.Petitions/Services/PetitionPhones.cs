using System.Text.RegularExpressions;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// Contact phones as petitions store them: the intake, the tracking page and the API's replay check normalise the same
/// way, or a citizen could not find their own petition.
/// </summary>
internal static partial class PetitionPhones
{
    /// <summary>An 11-digit mobile (1[3-9]…) or a landline with its area code (0xx-xxxxxxx).</summary>
    public const string Pattern = @"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$";

    /// <summary>The phone without surrounding or inner spaces; empty for none.</summary>
    public static string Normalize(string? phone) => phone?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";

    /// <summary>Whether a normalised phone is a mobile or landline number.</summary>
    public static bool IsValid(string phone) => Regex().IsMatch(phone);

    [GeneratedRegex(Pattern)]
    private static partial Regex Regex();
}
