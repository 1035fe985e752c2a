namespace GovPlatform.Contents;

/// <summary>Where an item stands, as editors filter it.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ContentStatus>))]
public enum ContentStatus
{
    /// <summary>Never published, or unpublished, and not scheduled.</summary>
    Draft,

    /// <summary>Has a published version (its latest may be a newer draft).</summary>
    Published,

    /// <summary>Its latest version is to be published at a set time.</summary>
    Scheduled,
}
