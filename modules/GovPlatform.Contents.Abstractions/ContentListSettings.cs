namespace GovPlatform.Contents;

/// <summary>The public list page of a content type.</summary>
public sealed class ContentListSettings
{
    /// <summary>The list page's path in the tenant's site (<c>projects</c>); empty for no public list.</summary>
    public string? Slug { get; set; }

    /// <summary>Items per page (1–100, default 10).</summary>
    public int PageSize { get; set; } = 10;

    /// <summary>How items are ordered.</summary>
    public ContentListOrder Order { get; set; } = ContentListOrder.Newest;
}

/// <summary>Orders of a public list.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ContentListOrder>))]
public enum ContentListOrder
{
    /// <summary>The most recently published first.</summary>
    Newest,

    /// <summary>The earliest published first.</summary>
    Oldest,

    /// <summary>By title.</summary>
    Title,
}
