using System.Globalization;
using GovPlatform.Localization;

namespace GovPlatform.Contents.Rendering;

/// <summary>Why a Liquid template was refused or failed, with where in its text when known (lines and columns from 1).</summary>
/// <param name="Message">What went wrong, in both languages.</param>
/// <param name="Line">The line, from 1, or null.</param>
/// <param name="Column">The column, from 1, or null.</param>
public sealed record LiquidTemplateError(BilingualText Message, int? Line = null, int? Column = null)
{
    /// <summary>The message in <paramref name="culture"/>, prefixed with the line and column when known.</summary>
    public string Text(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var message = Message.For(culture);
        if (Line is not { } line)
        {
            return message;
        }

        var english = culture.TwoLetterISOLanguageName == "en";
        var where = Column is { } column
            ? english ? $"Line {line}, column {column}: " : $"第 {line} 行第 {column} 列："
            : english ? $"Line {line}: " : $"第 {line} 行：";
        return where + message;
    }

    /// <summary>The message in the current UI culture.</summary>
    public override string ToString() => Text(CultureInfo.CurrentUICulture);
}
