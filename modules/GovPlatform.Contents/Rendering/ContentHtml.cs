using Ganss.Xss;
using Markdig;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// Turns what editors write into HTML that is safe to show: HTML is sanitised (scripts, event handlers, styles that
/// run code and unsafe URL schemes removed), Markdown is rendered and then sanitised the same way.
/// </summary>
public static class ContentHtml
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    /// <summary>The HTML with everything that could run code removed.</summary>
    public static string Sanitize(string? html) => string.IsNullOrWhiteSpace(html) ? "" : Sanitizer.Sanitize(html);

    /// <summary>The body as safe HTML.</summary>
    public static string ToHtml(string? body, BodyFormat format) => string.IsNullOrWhiteSpace(body)
        ? ""
        : format == BodyFormat.Markdown ? Sanitize(Markdig.Markdown.ToHtml(body, Markdown)) : Sanitize(body);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("option");
        return sanitizer;
    }
}
