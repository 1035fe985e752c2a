using System.Globalization;
using System.Text.RegularExpressions;
using GovPlatform.Localization;
using static GovPlatform.Forms.FieldChecks;

namespace GovPlatform.RedGrid.Lists;

/// <summary>The checks the three lists' forms share; every message in both languages.</summary>
internal static partial class ListsInput
{
    public static readonly BilingualText Required = new("必填。", "Required.");

    public static readonly BilingualText OutOfScope = new("只能选择您管辖范围内的单位。", "Choose a unit within your scope.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    public static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+\-() ]{3,30}$", RegexOptions.CultureInvariant)]
    public static partial Regex PhonePattern();

    /// <summary>An enum value by name (numbers refused: a form posts names).</summary>
    public static T? Enum<T>(Dictionary<string, BilingualText> errors, string key, string? text, BilingualText message)
        where T : struct, System.Enum
    {
        if (System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors[key] = message;
        return null;
    }

    public static long Number(Dictionary<string, BilingualText> errors, string key, string? text, long max)
    {
        if (long.TryParse((text ?? "").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= max)
        {
            return value;
        }

        errors[key] = new($"请填写 0 到 {max} 之间的整数。", $"Give a whole number from 0 to {max}.");
        return 0;
    }

    public static DateOnly? Date(Dictionary<string, BilingualText> errors, string key, string? text, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[key] = Required;
            }

            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[key] = new("日期格式为 yyyy-MM-dd。", "A date is written yyyy-MM-dd.");
        return null;
    }

    public static string Actor(System.Security.Claims.ClaimsPrincipal? user) => user?.Identity?.Name ?? "recipe";
}
