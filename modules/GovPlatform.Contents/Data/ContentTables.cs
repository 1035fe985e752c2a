namespace GovPlatform.Contents.Data;

/// <summary>The contents module's table names.</summary>
internal static class ContentTables
{
    public const string ItemIndex = "gp_content_item_index";
    public const string Routes = "gp_content_routes";
}
