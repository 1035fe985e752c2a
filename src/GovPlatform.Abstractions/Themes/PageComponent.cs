using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace GovPlatform.Themes;

/// <summary>
/// A base for a module's page components: the tenant's base path (set by <see cref="ComponentPage.Render{TPage}"/>),
/// links under it, and inline texts in the reader's language — <c>L("中文", "English")</c> gives the English text for an
/// English UI culture and the Chinese otherwise.
/// </summary>
public abstract class PageComponent : ComponentBase
{
    /// <summary>The request's path base (<c>/lianhu</c>, or empty).</summary>
    [Parameter]
    public string BasePath { get; set; } = "";

    /// <summary>Whether the reader reads English.</summary>
    protected static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the reader's language.</summary>
    protected static string L(string chinese, string english) => English ? english : chinese;

    /// <summary>A path of the tenant's site (<c>admin/grid</c>) as a link.</summary>
    protected string Url(string path) => $"{BasePath}/{path}";
}
