using System.Globalization;

namespace GovPlatform.Identifiers;

/// <summary>Resident identity card numbers (GB 11643-1999): the check digit, and the masked form shown in lists.</summary>
public static class IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckDigits = "10X98765432";

    /// <summary>The number as stored: trimmed, a lower-case x made upper-case.</summary>
    public static string Normalise(string? number) => (number ?? "").Trim().ToUpperInvariant();

    /// <summary>Whether <paramref name="number"/> has 17 digits, a valid birth date and the right check digit (0–9 or X).</summary>
    public static bool IsValid(string? number)
    {
        var id = Normalise(number);
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(id[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }

        return id[17] == CheckDigits[sum % 11];
    }

    /// <summary>The first four and last four characters with the rest starred (<c>5101**********1234</c>); empty for none.</summary>
    public static string Mask(string? number)
    {
        var id = Normalise(number);
        return id.Length switch
        {
            0 => "",
            <= 8 => new string('*', id.Length),
            _ => id[..4] + new string('*', id.Length - 8) + id[^4..],
        };
    }
}
