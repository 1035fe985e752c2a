using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GovPlatform.Data;

namespace GovPlatform.Contents;

/// <summary>
/// One version of a content item. An item has one or more versions (1, 2, 3…): the latest is what editors see, at most
/// one is published, and the others are its history. Each version is a document with the id
/// <c>&lt;ContentItemId&gt;.&lt;VersionNumber&gt;</c>.
/// </summary>
[Document("content-item")]
public sealed class ContentItem
{
    /// <summary>The item's id, the same in all its versions (26 characters, sortable by creation).</summary>
    public string ContentItemId { get; set; } = "";

    /// <summary>The version's number, from 1.</summary>
    public int VersionNumber { get; set; }

    /// <summary>The content type's code name.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>Whether this is the item's latest version.</summary>
    public bool Latest { get; set; }

    /// <summary>Whether this is the item's published version.</summary>
    public bool Published { get; set; }

    /// <summary>Title part.</summary>
    public string? Title { get; set; }

    /// <summary>Body part as written: sanitised HTML, or Markdown.</summary>
    public string? Body { get; set; }

    /// <summary>Route part: the slug of the public page (<c>projects/elderly-canteen</c>).</summary>
    public string? Slug { get; set; }

    /// <summary>Owner part: the owner's user id.</summary>
    public string? OwnerId { get; set; }

    /// <summary>Owner part: the owner's user name when it was set.</summary>
    public string? OwnerName { get; set; }

    /// <summary>Grid part: the unit's code.</summary>
    public string? GridUnitCode { get; set; }

    /// <summary>Location part.</summary>
    public ContentLocation? Location { get; set; }

    /// <summary>
    /// Field values by field name. Values of fields later removed from the type stay here, readable, until the
    /// item is saved by someone who drops them deliberately.
    /// </summary>
    public JsonObject Fields { get; set; } = [];

    /// <summary>When the item was created (its first version), UTC.</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When this version was last saved, UTC.</summary>
    public DateTime ModifiedUtc { get; set; }

    /// <summary>When this version was published, UTC.</summary>
    public DateTime? PublishedUtc { get; set; }

    /// <summary>When this (unpublished) version is to be published, UTC.</summary>
    public DateTime? ScheduledUtc { get; set; }

    /// <summary>Who saved this version (user name).</summary>
    public string? Author { get; set; }

    /// <summary>A deep copy (values included), to change without touching this one.</summary>
    public ContentItem Clone() => JsonSerializer.Deserialize<ContentItem>(JsonSerializer.Serialize(this))!;

    /// <summary>The document id of a version.</summary>
    public static string DocumentIdOf(string contentItemId, int versionNumber) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{contentItemId}.{versionNumber}");

    /// <summary>This version's document id.</summary>
    [JsonIgnore]
    public string DocumentId => DocumentIdOf(ContentItemId, VersionNumber);

    /// <summary>The text that names the item in lists: its title, else its type and id.</summary>
    [JsonIgnore]
    public string DisplayText => string.IsNullOrWhiteSpace(Title) ? $"{ContentType} {ContentItemId}" : Title;
}
