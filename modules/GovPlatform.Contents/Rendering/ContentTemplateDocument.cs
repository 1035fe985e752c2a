using GovPlatform.Data;

namespace GovPlatform.Contents.Rendering;

/// <summary>The tenant's template overrides, kept as one document.</summary>
[Document("content-templates")]
public sealed class ContentTemplateDocument
{
    /// <summary>The document's id.</summary>
    public const string DocumentId = "content-templates";

    /// <summary>The overrides by template name (<c>list-Notice</c>).</summary>
    public Dictionary<string, ContentTemplateOverride> Templates { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One template a tenant's admin wrote in place of the theme's.</summary>
public sealed class ContentTemplateOverride
{
    /// <summary>The Liquid text.</summary>
    public string Text { get; set; } = "";

    /// <summary>When it was saved, UTC.</summary>
    public DateTime ModifiedUtc { get; set; }

    /// <summary>Who saved it (user name).</summary>
    public string? Author { get; set; }
}
