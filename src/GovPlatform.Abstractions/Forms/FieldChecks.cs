using System.Globalization;
using GovPlatform.Localization;

namespace GovPlatform.Forms;

/// <summary>
/// The checks every editor makes of a form's text fields, with their messages in both languages: an error goes into
/// the form's error dictionary under the field's key, so the page shows it beside the field and keeps what was typed.
/// </summary>
public static class FieldChecks
{
    /// <summary>The message of a required field left empty.</summary>
    public static readonly BilingualText Required = new("必填。", "Required.");

    /// <summary>The text trimmed, or null when it is empty or white space.</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Records an error when a required text is empty or a text is longer than <paramref name="max"/> once trimmed.</summary>
    public static void Text(IDictionary<string, BilingualText> errors, string key, string? text, int max, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (required && string.IsNullOrWhiteSpace(text))
        {
            errors[key] = Required;
        }
        else if (text is not null && text.Trim().Length > max)
        {
            errors[key] = new($"不能超过 {max} 个字符。", $"At most {max} characters.");
        }
    }

    /// <summary>
    /// A longitude or latitude typed as an invariant number within ±<paramref name="limit"/> (180 or 90); null when the
    /// field is empty (a location is optional) or wrong, which records an error.
    /// </summary>
    public static double? Coordinate(IDictionary<string, BilingualText> errors, string key, string? text, double limit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > limit)
        {
            errors[key] = new($"请填写 -{limit} 到 {limit} 之间的数。", $"Give a number from -{limit} to {limit}.");
            return null;
        }

        return value;
    }
}
