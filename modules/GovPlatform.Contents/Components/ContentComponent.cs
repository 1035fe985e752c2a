using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace GovPlatform.Contents.Components;

/// <summary>The contents pages' base: the tenant's base path, and texts in the reader's language (Chinese by default, English for <c>en</c>).</summary>
public abstract class ContentComponent : ComponentBase
{
    [Parameter]
    public string BasePath { get; set; } = "";

    protected static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    protected static string L(string chinese, string english) => English ? english : chinese;

    protected string Url(string path) => $"{BasePath}/{path}";
}
