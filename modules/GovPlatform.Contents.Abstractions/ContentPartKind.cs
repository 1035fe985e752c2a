namespace GovPlatform.Contents;

/// <summary>The parts a content type can be made of; each appears at most once in a type.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ContentPartKind>))]
public enum ContentPartKind
{
    /// <summary>A title, shown in lists and as the page heading.</summary>
    Title,

    /// <summary>A body of HTML (sanitised) or Markdown.</summary>
    Body,

    /// <summary>A slug routing the item's public page, unique in the tenant.</summary>
    Route,

    /// <summary>Draft and published versions, and scheduled publishing.</summary>
    Publish,

    /// <summary>The user who owns the item.</summary>
    Owner,

    /// <summary>The grid unit the item belongs to (when the tenant has the grid).</summary>
    Grid,

    /// <summary>A point (longitude, latitude) and an address.</summary>
    Location,
}
