namespace GovPlatform.Contents;

/// <summary>How a body part is written.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<BodyFormat>))]
public enum BodyFormat
{
    /// <summary>HTML, sanitised on save (scripts, event handlers and unsafe URLs are removed).</summary>
    Html,

    /// <summary>Markdown, turned into HTML (raw HTML in it is sanitised too).</summary>
    Markdown,
}
