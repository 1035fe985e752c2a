using System.Globalization;

namespace GovPlatform.Home.Models;

/// <summary>A text in several cultures, as written in site settings: <c>{"zh-CN": "…", "en": "…"}</c>.</summary>
public sealed class LocalizedText : Dictionary<string, string>
{
    public LocalizedText()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    /// <summary>The text for the current UI culture, then its parent, then Chinese, then any.</summary>
    public string For(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (TryGetValue(c.Name, out var text))
            {
                return text;
            }
        }

        return TryGetValue("zh-CN", out var zh) ? zh : Values.FirstOrDefault() ?? "";
    }

    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
