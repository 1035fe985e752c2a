namespace GovPlatform.Contents;

/// <summary>What a media field accepts.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<MediaKind>))]
public enum MediaKind
{
    /// <summary>Images only (JPEG, PNG, GIF, WebP).</summary>
    Images,

    /// <summary>Documents only (PDF, Word, Excel, text).</summary>
    Files,

    /// <summary>Images and documents.</summary>
    Any,
}
