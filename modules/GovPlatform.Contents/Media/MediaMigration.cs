using FluentMigrator;
using GovPlatform.Data;
using GovPlatform.Modules;

namespace GovPlatform.Contents.Media;

/// <summary>The media library's records; the files themselves are in the tenant's <see cref="IMediaStore"/>.</summary>
[ForFeature("GovPlatform.Contents"), Migration(2, "Media library")]
public sealed class CreateMediaTable : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(MediaTables.Media)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_content_media").Identity()
            .WithColumn("path").AsString(MediaPaths.MaxLength).NotNullable()
            .WithColumn("file_name").AsString(255).NotNullable()
            .WithColumn("content_type").AsString(100).NotNullable()
            .WithColumn("kind").AsString(10).NotNullable()
            .WithColumn("length").AsInt64().NotNullable()
            .WithColumn("width").AsInt32().Nullable()
            .WithColumn("height").AsInt32().Nullable()
            .WithColumn("sha256").AsString(64).NotNullable()
            .WithColumn("uploaded_utc").AsUtcDateTime().NotNullable()
            .WithColumn("uploaded_by").AsString(256).Nullable();
        Create.Index("ix_gp_content_media_path").OnTable(MediaTables.Media).OnColumn("path").Unique();
        Create.Index("ix_gp_content_media_sha256").OnTable(MediaTables.Media).OnColumn("sha256");
    }

    /// <inheritdoc />
    public override void Down() => Delete.Table(MediaTables.Media);
}
