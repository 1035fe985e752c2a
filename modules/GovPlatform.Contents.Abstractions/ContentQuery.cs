namespace GovPlatform.Contents;

/// <summary>Which items to list (all filters optional, combined with AND) and which page; <see cref="Page"/> counts from 1.</summary>
public sealed record ContentQuery
{
    /// <summary>Only this content type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Only items in this state.</summary>
    public ContentStatus? Status { get; init; }

    /// <summary>True: the published versions (the public view). False: the latest versions (the editors' view).</summary>
    public bool PublishedOnly { get; init; }

    /// <summary>Only items whose title contains this text.</summary>
    public string? Text { get; init; }

    /// <summary>Only items owned by this user id.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Only items attached to one of these grid units (codes, former ones included).</summary>
    public IReadOnlyCollection<string>? GridUnitCodes { get; init; }

    /// <summary>The order.</summary>
    public ContentListOrder Order { get; init; } = ContentListOrder.Newest;

    /// <summary>The page, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Items per page (1–100).</summary>
    public int PageSize { get; init; } = 20;
}

/// <summary>A page of items and how many the query matches in all.</summary>
public sealed record ContentPage(IReadOnlyList<ContentItem> Items, int Total, int Page, int PageSize)
{
    /// <summary>The number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
