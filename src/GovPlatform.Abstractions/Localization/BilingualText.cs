using System.Globalization;

namespace GovPlatform.Localization;

/// <summary>A short text declared in code in both of the platform's languages: Simplified Chinese and English.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(BilingualTextJsonConverter))]
public readonly record struct BilingualText(string Chinese, string English)
{
    /// <summary>The English text for an English culture (<c>en</c>, <c>en-GB</c>…), otherwise the Chinese.</summary>
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && English.Length > 0 ? English : Chinese;

    /// <summary>The text for the current UI culture.</summary>
    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
