namespace GovPlatform.Contents;

/// <summary>
/// Content items of the tenant: drafts, versions, publishing and their queries. Every change is checked against the
/// item's type, written in one transaction with its index rows and audited.
/// </summary>
public interface IContentManager
{
    /// <summary>A new, unsaved item of the type (owner: the signed-in user), or null for an unknown type.</summary>
    Task<ContentItem?> NewAsync(string contentType, CancellationToken cancellationToken = default);

    /// <summary>The item's latest version, or null.</summary>
    Task<ContentItem?> GetLatestAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>The item's published version, or null.</summary>
    Task<ContentItem?> GetPublishedAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>One version of the item, or null.</summary>
    Task<ContentItem?> GetVersionAsync(string contentItemId, int versionNumber, CancellationToken cancellationToken = default);

    /// <summary>Every version of the item, newest first.</summary>
    Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>The published item whose route is <paramref name="slug"/>, or null.</summary>
    Task<ContentItem?> FindPublishedBySlugAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the item's values as its latest version: a new item gets version 1; when the latest version is published,
    /// a new draft version is made (the published one stays public); otherwise the draft is updated. With
    /// <paramref name="publish"/>, the saved version is then published.
    /// </summary>
    Task<ContentResult<ContentItem>> SaveAsync(ContentItem item, bool publish = false, CancellationToken cancellationToken = default);

    /// <summary>Publishes the latest version (the previously published one becomes history).</summary>
    Task<ContentResult<ContentItem>> PublishAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>Takes the item off the public site; its versions stay.</summary>
    Task<ContentResult<ContentItem>> UnpublishAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>Schedules the latest version to be published at <paramref name="publishUtc"/> (a future UTC time), or clears the schedule with null.</summary>
    Task<ContentResult<ContentItem>> ScheduleAsync(string contentItemId, DateTime? publishUtc, CancellationToken cancellationToken = default);

    /// <summary>Makes a new latest draft from an older version's values.</summary>
    Task<ContentResult<ContentItem>> RestoreAsync(string contentItemId, int versionNumber, CancellationToken cancellationToken = default);

    /// <summary>Deletes the item with all its versions and its route.</summary>
    Task<ContentResult<ContentItem>> DeleteAsync(string contentItemId, CancellationToken cancellationToken = default);

    /// <summary>Publishes every scheduled version that is due; returns how many were published.</summary>
    Task<int> PublishDueAsync(CancellationToken cancellationToken = default);

    /// <summary>A page of items.</summary>
    Task<ContentPage> QueryAsync(ContentQuery query, CancellationToken cancellationToken = default);
}
