using System.Text.Json.Nodes;

namespace GovPlatform.Contents.Services;

/// <summary>An item's values as a client or a recipe writes them (JSON), before the manager checks them.</summary>
internal class ContentItemValues
{
    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? Slug { get; set; }

    public string? GridUnitCode { get; set; }

    public ContentLocation? Location { get; set; }

    public JsonObject? Fields { get; set; }

    /// <summary>Puts these values on <paramref name="item"/>, replacing its own.</summary>
    public void ApplyTo(ContentItem item)
    {
        item.Title = Title;
        item.Body = Body;
        item.Slug = Slug;
        item.GridUnitCode = GridUnitCode;
        item.Location = Location;
        item.Fields = Fields ?? [];
    }
}
