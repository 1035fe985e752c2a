using System.Globalization;

namespace GovPlatform.Contents.Services;

/// <summary>Messages in the reader's language: Chinese by default, English for <c>en</c>.</summary>
internal static class ContentText
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string L(string chinese, string english) => English ? english : chinese;
}
