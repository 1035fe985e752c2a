using GovPlatform.Data;

namespace GovPlatform.Contents.Data;

/// <summary>One row per version of a content item: what lists, filters, routes and the scheduler query.</summary>
public sealed class ContentItemIndex : DocumentIndex
{
    public string ContentItemId { get; set; } = "";

    public int VersionNumber { get; set; }

    public string ContentType { get; set; } = "";

    public bool Latest { get; set; }

    public bool Published { get; set; }

    public string Title { get; set; } = "";

    public string? Slug { get; set; }

    public string? OwnerId { get; set; }

    public string? GridUnitCode { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ModifiedUtc { get; set; }

    public DateTime? PublishedUtc { get; set; }

    public DateTime? ScheduledUtc { get; set; }
}
