using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.Contents.Data;

/// <summary>The index of item versions and the routes table.</summary>
[Migration(1, "Content item index and routes")]
public sealed class CreateContentTables : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(ContentTables.ItemIndex)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_content_item_index").Identity()
            .WithColumn("document_id").AsString(100).NotNullable()
            .WithColumn("content_item_id").AsString(64).NotNullable()
            .WithColumn("version_number").AsInt32().NotNullable()
            .WithColumn("content_type").AsString(64).NotNullable()
            .WithColumn("latest").AsBoolean().NotNullable()
            .WithColumn("published").AsBoolean().NotNullable()
            .WithColumn("title").AsString(500).NotNullable()
            .WithColumn("slug").AsString(200).Nullable()
            .WithColumn("owner_id").AsString(64).Nullable()
            .WithColumn("grid_unit_code").AsString(64).Nullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("modified_utc").AsUtcDateTime().NotNullable()
            .WithColumn("published_utc").AsUtcDateTime().Nullable()
            .WithColumn("scheduled_utc").AsUtcDateTime().Nullable();
        Create.Index("ix_gp_content_item_index_document").OnTable(ContentTables.ItemIndex).OnColumn("document_id");
        Create.Index("ix_gp_content_item_index_item").OnTable(ContentTables.ItemIndex)
            .OnColumn("content_item_id").Ascending().OnColumn("version_number").Ascending().WithOptions().Unique();
        Create.Index("ix_gp_content_item_index_published").OnTable(ContentTables.ItemIndex)
            .OnColumn("published").Ascending().OnColumn("content_type").Ascending().OnColumn("published_utc").Descending();
        Create.Index("ix_gp_content_item_index_latest").OnTable(ContentTables.ItemIndex)
            .OnColumn("latest").Ascending().OnColumn("content_type").Ascending().OnColumn("modified_utc").Descending();
        Create.Index("ix_gp_content_item_index_slug").OnTable(ContentTables.ItemIndex).OnColumn("slug");
        Create.Index("ix_gp_content_item_index_scheduled").OnTable(ContentTables.ItemIndex).OnColumn("scheduled_utc");
        Create.Index("ix_gp_content_item_index_grid").OnTable(ContentTables.ItemIndex).OnColumn("grid_unit_code");

        Create.Table(ContentTables.Routes)
            .WithColumn("slug").AsString(200).NotNullable().PrimaryKey("pk_gp_content_routes")
            .WithColumn("content_item_id").AsString(64).NotNullable();
        Create.Index("ix_gp_content_routes_item").OnTable(ContentTables.Routes).OnColumn("content_item_id");
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table(ContentTables.Routes);
        Delete.Table(ContentTables.ItemIndex);
    }
}
