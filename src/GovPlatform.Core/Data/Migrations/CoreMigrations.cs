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
        MigrationDescriptor.From(typeof(ImportLegacyShellDocuments))!,
        MigrationDescriptor.From(typeof(CreateAuditLog))!,
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

    /// <summary>
    /// Tenants created before the data layer kept their shell state in SQLite table <c>gp_shell_documents</c>:
    /// their enabled features and site settings move into <c>gp_documents</c>, and the old table goes.
    /// </summary>
    [Migration(2, "Shell documents from gp_shell_documents")]
    public sealed class ImportLegacyShellDocuments : Migration
    {
        public override void Up()
        {
            if (!Schema.Table("gp_shell_documents").Exists())
            {
                return;
            }

            Execute.Sql("""
                INSERT INTO gp_documents (type, id, content, version, created_utc, updated_utc)
                SELECT 'shell', CASE id WHEN 'shell.features' THEN 'features' ELSE 'site-settings' END, content, version,
                    strftime('%Y-%m-%d %H:%M:%f', updated_utc), strftime('%Y-%m-%d %H:%M:%f', updated_utc)
                FROM gp_shell_documents WHERE id IN ('shell.features', 'shell.site-settings')
                """);
            Delete.Table("gp_shell_documents");
        }

        public override void Down()
        {
        }
    }

    /// <summary>The tenant's append-only audit log (<c>IAuditLog</c>).</summary>
    [Migration(3, "Audit log")]
    public sealed class CreateAuditLog : Migration
    {
        public override void Up()
        {
            Create.Table("gp_audit")
                .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_audit").Identity()
                .WithColumn("time_utc").AsUtcDateTime().NotNullable()
                .WithColumn("user_id").AsString(100).Nullable()
                .WithColumn("user_name").AsString(256).Nullable()
                .WithColumn("client_address").AsString(64).Nullable()
                .WithColumn("category").AsString(100).NotNullable()
                .WithColumn("action").AsString(100).NotNullable()
                .WithColumn("subject").AsString(400).Nullable()
                .WithColumn("summary").AsString(2000).Nullable()
                .WithColumn("before_json").AsString(int.MaxValue).Nullable()
                .WithColumn("after_json").AsString(int.MaxValue).Nullable();
            Create.Index("ix_gp_audit_time_utc").OnTable("gp_audit").OnColumn("time_utc").Ascending();
            Create.Index("ix_gp_audit_category").OnTable("gp_audit").OnColumn("category").Ascending().OnColumn("id").Descending();
        }

        public override void Down() => Delete.Table("gp_audit");
    }
}
