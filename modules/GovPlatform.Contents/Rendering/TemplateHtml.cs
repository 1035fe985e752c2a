using Ganss.Xss;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// Sanitises what a tenant's template override writes, as <see cref="ContentHtml"/> sanitises bodies (no scripts,
/// event handlers, styles, forms or unsafe URL schemes), but keeping the attributes templates use for layout and
/// accessibility: <c>class</c>, <c>role</c>, <c>aria-label</c>, <c>aria-current</c>, <c>aria-hidden</c>, <c>loading</c>.
/// A tenant's admin shapes the page with the theme's classes; no template can run code in readers' browsers, which
/// serve every tenant of the host from one origin.
/// </summary>
internal static class TemplateHtml
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The HTML with everything that could run code removed.</summary>
    public static string Sanitize(string html) => string.IsNullOrWhiteSpace(html) ? "" : Sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("style");
        foreach (var attribute in new[] { "class", "role", "aria-label", "aria-current", "aria-hidden", "loading", "rel" })
        {
            sanitizer.AllowedAttributes.Add(attribute);
        }

        foreach (var tag in new[] { "form", "input", "button", "textarea", "select", "option", "style" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        return sanitizer;
    }
}
