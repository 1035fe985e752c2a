using FluentMigrator;
using GovPlatform.Data;
using GovPlatform.Modules;

namespace GovPlatform.TestModules.Notes;

[ForFeature("Test.Notes"), Migration(1, "Notes table")]
public sealed class CreateNotes : Migration
{
    public override void Up()
    {
        Create.Table("test_notes")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("body").AsString(int.MaxValue).Nullable()
            .WithColumn("pinned").AsBoolean().NotNullable()
            .WithColumn("score").AsInt32().NotNullable()
            .WithColumn("amount").AsDecimal(18, 2).NotNullable()
            .WithColumn("reference").AsGuid().NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("parent_id").AsInt64().Nullable().ForeignKey("fk_test_notes_parent", "test_notes", "id");
        Create.Index("ix_test_notes_created").OnTable("test_notes").OnColumn("created_utc");
    }

    public override void Down() => Delete.Table("test_notes");
}

[ForFeature("Test.Notes"), Migration(2, "Note tags and the note card index")]
public sealed class AddTagsAndCardIndex : Migration
{
    public override void Up()
    {
        Alter.Table("test_notes").AddColumn("tag").AsString(50).Nullable();
        Create.Table("test_note_card_index")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("document_id").AsString(200).NotNullable()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("pinned").AsBoolean().NotNullable();
        Create.Index("ix_test_note_card_index_doc").OnTable("test_note_card_index").OnColumn("document_id");
    }

    public override void Down()
    {
        Delete.Table("test_note_card_index");
        Delete.Column("tag").FromTable("test_notes");
    }
}
