using GovPlatform.Data;

namespace GovPlatform.Contents.Data;

/// <summary>Indexes each version of an item.</summary>
internal sealed class ContentItemIndexProvider : IndexProvider<ContentItem, ContentItemIndex>
{
    public override IEnumerable<ContentItemIndex> Map(ContentItem document) =>
    [
        new ContentItemIndex
        {
            ContentItemId = document.ContentItemId,
            VersionNumber = document.VersionNumber,
            ContentType = document.ContentType,
            Latest = document.Latest,
            Published = document.Published,
            Title = Truncate(document.DisplayText, 500),
            Slug = document.Slug,
            OwnerId = document.OwnerId,
            GridUnitCode = document.GridUnitCode,
            CreatedUtc = document.CreatedUtc,
            ModifiedUtc = document.ModifiedUtc,
            PublishedUtc = document.PublishedUtc,
            ScheduledUtc = document.ScheduledUtc,
        },
    ];

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
