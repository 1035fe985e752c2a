namespace GovPlatform.Contents.Data;

/// <summary>
/// A slug held by an item (its latest and its published version's): the table's unique key is what makes a slug
/// unique in the tenant, even under concurrent saves.
/// </summary>
public sealed class ContentRoute
{
    public string Slug { get; set; } = "";

    public string ContentItemId { get; set; } = "";
}
