using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.Core.Data.Migrations;

/// <summary>The platform's own tables, migrated in every tenant before any feature's.</summary>
public static class CoreMigrations
{
    /// <summary>The id under which the platform's own migrations are recorded.</summary>
    public const string FeatureId = "GovPlatform.Core";

    public static readonly IReadOnlyList<MigrationDescriptor> All =
    [
        MigrationDescriptor.From(typeof(CreateDocuments))!,
    ];

    /// <summary>The document store: one row per JSON document, keyed by type and id.</summary>
    [Migration(1, "Documents")]
    public sealed class CreateDocuments : Migration
    {
        public override void Up()
        {
            Create.Table("gp_documents")
                .WithColumn("type").AsString(100).NotNullable().PrimaryKey("pk_gp_documents")
                .WithColumn("id").AsString(200).NotNullable().PrimaryKey("pk_gp_documents")
                .WithColumn("content").AsString(int.MaxValue).NotNullable()
                .WithColumn("version").AsInt32().NotNullable()
                .WithColumn("created_utc").AsUtcDateTime().NotNullable()
                .WithColumn("updated_utc").AsUtcDateTime().NotNullable();
            Create.Index("ix_gp_documents_updated").OnTable("gp_documents").OnColumn("type").Ascending().OnColumn("updated_utc").Ascending();
        }

        public override void Down() => Delete.Table("gp_documents");
    }
}
