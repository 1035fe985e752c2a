using GovPlatform.Localization;

namespace GovPlatform.Contents;

/// <summary>A part of a content type with its settings (only those that apply to its kind are read).</summary>
public sealed class ContentPartDefinition
{
    /// <summary>Which part.</summary>
    public ContentPartKind Kind { get; set; }

    /// <summary>Whether the part's value must be given (title, body, grid unit, location).</summary>
    public bool Required { get; set; }

    /// <summary>How the body is written (body part).</summary>
    public BodyFormat Format { get; set; } = BodyFormat.Markdown;

    /// <summary>Help shown under the part's input.</summary>
    public BilingualText? Hint { get; set; }
}
