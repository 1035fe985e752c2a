using System.Data;
using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.Petitions.Data;

/// <summary>Petitions, their events, attachments and co-handlers; the duty list and the departments.</summary>
[Migration(1, "Petitions, events, attachments, co-handlers, categories and departments")]
public sealed class CreatePetitionTables : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(PetitionTables.Departments)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_petition_departments").Identity()
            .WithColumn("code").AsString(32).NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("english_name").AsString(200).NotNullable()
            .WithColumn("active").AsBoolean().NotNullable();
        Create.Index("ix_gp_petition_departments_code").OnTable(PetitionTables.Departments).OnColumn("code").Unique();

        Create.Table(PetitionTables.Categories)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_petition_categories").Identity()
            .WithColumn("code").AsString(16).NotNullable()
            .WithColumn("parent_code").AsString(16).Nullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("english_name").AsString(200).NotNullable()
            .WithColumn("department").AsString(32).Nullable()
            .WithColumn("deadline_amount").AsInt32().NotNullable()
            .WithColumn("deadline_unit").AsInt32().NotNullable()
            .WithColumn("on_the_spot").AsBoolean().NotNullable()
            .WithColumn("position").AsInt32().NotNullable()
            .WithColumn("active").AsBoolean().NotNullable();
        Create.Index("ix_gp_petition_categories_code").OnTable(PetitionTables.Categories).OnColumn("code").Unique();

        Create.Table(PetitionTables.Petitions)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_petitions").Identity()
            .WithColumn("tracking_number").AsString(20).NotNullable()
            .WithColumn("channel").AsInt32().NotNullable()
            .WithColumn("stage").AsInt32().NotNullable()
            .WithColumn("category_code").AsString(16).NotNullable()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("description").AsString(4000).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).Nullable()
            .WithColumn("longitude").AsDouble().Nullable()
            .WithColumn("latitude").AsDouble().Nullable()
            .WithColumn("address").AsString(200).Nullable()
            .WithColumn("contact_name").AsString(50).Nullable()
            .WithColumn("contact_phone").AsString(20).NotNullable()
            .WithColumn("citizen_user_id").AsString(64).Nullable()
            .WithColumn("people_involved").AsString(500).Nullable()
            .WithColumn("on_the_spot_handling").AsString(2000).Nullable()
            .WithColumn("reception_opinion").AsString(2000).Nullable()
            .WithColumn("first_responder").AsString(256).Nullable()
            .WithColumn("handling_unit_code").AsString(64).Nullable()
            .WithColumn("handling_department").AsString(32).Nullable()
            .WithColumn("room").AsString(32).Nullable()
            .WithColumn("room_reference").AsString(100).Nullable()
            .WithColumn("pending_transfer_department").AsString(32).Nullable()
            .WithColumn("supervising_unit_code").AsString(64).Nullable()
            .WithColumn("escalation_count").AsInt32().NotNullable()
            .WithColumn("received_utc").AsUtcDateTime().NotNullable()
            .WithColumn("due_utc").AsUtcDateTime().Nullable()
            .WithColumn("warn_at_utc").AsUtcDateTime().Nullable()
            .WithColumn("warned_utc").AsUtcDateTime().Nullable()
            .WithColumn("overdue_utc").AsUtcDateTime().Nullable()
            .WithColumn("completed_utc").AsUtcDateTime().Nullable()
            .WithColumn("closed_utc").AsUtcDateTime().Nullable()
            .WithColumn("satisfaction").AsInt32().Nullable()
            .WithColumn("resolved").AsBoolean().Nullable()
            .WithColumn("citizen_comment").AsString(1000).Nullable()
            .WithColumn("public_reply").AsString(2000).Nullable()
            .WithColumn("reject_reason").AsString(1000).Nullable()
            .WithColumn("merged_into_id").AsInt64().Nullable()
            .WithColumn("possible_duplicate_of_id").AsInt64().Nullable()
            .WithColumn("reopen_count").AsInt32().NotNullable()
            .WithColumn("idempotency_key").AsString(100).Nullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_petitions_tracking_number").OnTable(PetitionTables.Petitions).OnColumn("tracking_number").Unique();
        Create.Index("ix_gp_petitions_idempotency_key").OnTable(PetitionTables.Petitions).OnColumn("idempotency_key").Unique();
        // The workbench's and the ledger's queries: open cases by unit and due time, received by unit and time.
        Create.Index("ix_gp_petitions_unit_received").OnTable(PetitionTables.Petitions)
            .OnColumn("grid_unit_code").Ascending().OnColumn("received_utc").Ascending();
        Create.Index("ix_gp_petitions_handling_unit_stage").OnTable(PetitionTables.Petitions)
            .OnColumn("handling_unit_code").Ascending().OnColumn("stage").Ascending().OnColumn("due_utc").Ascending();
        // Open cases (a tenth of the table) by due time, as partial indexes (both providers have them): by the located
        // unit and by the handling unit for a confined user's overdue and due-soon views (one index per side of the
        // scope's OR), and by due time alone for tenant-wide users and the deadline job.
        const string open = "WHERE completed_utc IS NULL AND closed_utc IS NULL";
        Execute.Sql($"CREATE INDEX ix_gp_petitions_open_unit_due ON {PetitionTables.Petitions} (grid_unit_code, due_utc) {open}");
        Execute.Sql($"CREATE INDEX ix_gp_petitions_open_handling_due ON {PetitionTables.Petitions} (handling_unit_code, due_utc) {open}");
        Execute.Sql($"CREATE INDEX ix_gp_petitions_open_due ON {PetitionTables.Petitions} (due_utc, received_utc) {open}");
        Create.Index("ix_gp_petitions_received").OnTable(PetitionTables.Petitions).OnColumn("received_utc");
        Create.Index("ix_gp_petitions_phone").OnTable(PetitionTables.Petitions).OnColumn("contact_phone");
        // The duty list's admin counts what names each entry before it lets one be deleted.
        Create.Index("ix_gp_petitions_category_code").OnTable(PetitionTables.Petitions).OnColumn("category_code");

        Create.Table(PetitionTables.Events)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_petition_events").Identity()
            .WithColumn("petition_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_petition_events_petition", PetitionTables.Petitions, "id").OnDelete(Rule.Cascade)
            .WithColumn("sequence").AsInt32().NotNullable()
            .WithColumn("at_utc").AsUtcDateTime().NotNullable()
            .WithColumn("action").AsString(32).NotNullable()
            .WithColumn("from_stage").AsInt32().NotNullable()
            .WithColumn("to_stage").AsInt32().NotNullable()
            .WithColumn("actor").AsString(256).NotNullable()
            .WithColumn("actor_name").AsString(100).Nullable()
            .WithColumn("from_unit_code").AsString(64).Nullable()
            .WithColumn("unit_code").AsString(64).Nullable()
            .WithColumn("department").AsString(32).Nullable()
            .WithColumn("room").AsString(32).Nullable()
            .WithColumn("note").AsString(2000).Nullable()
            .WithColumn("public_note").AsString(2000).Nullable()
            .WithColumn("idempotency_key").AsString(100).Nullable();
        // The sequence key makes two concurrent commands on one petition collide instead of both landing.
        Create.Index("ix_gp_petition_events_petition_sequence").OnTable(PetitionTables.Events)
            .OnColumn("petition_id").Ascending().OnColumn("sequence").Ascending().WithOptions().Unique();
        Create.Index("ix_gp_petition_events_idempotency_key").OnTable(PetitionTables.Events).OnColumn("idempotency_key").Unique();

        Create.Table(PetitionTables.Attachments)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_petition_attachments").Identity()
            .WithColumn("petition_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_petition_attachments_petition", PetitionTables.Petitions, "id").OnDelete(Rule.Cascade)
            .WithColumn("event_id").AsInt64().Nullable()
            .WithColumn("path").AsString(300).NotNullable()
            .WithColumn("file_name").AsString(200).NotNullable()
            .WithColumn("content_type").AsString(100).NotNullable()
            .WithColumn("length").AsInt64().NotNullable()
            .WithColumn("uploaded_utc").AsUtcDateTime().NotNullable()
            .WithColumn("uploaded_by").AsString(256).Nullable();
        Create.Index("ix_gp_petition_attachments_petition_id").OnTable(PetitionTables.Attachments).OnColumn("petition_id");

        Create.Table(PetitionTables.CoHandlers)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_petition_co_handlers").Identity()
            .WithColumn("petition_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_petition_co_handlers_petition", PetitionTables.Petitions, "id").OnDelete(Rule.Cascade)
            .WithColumn("department").AsString(32).NotNullable()
            .WithColumn("is_lead").AsBoolean().NotNullable()
            .WithColumn("added_utc").AsUtcDateTime().NotNullable()
            .WithColumn("reported_utc").AsUtcDateTime().Nullable()
            .WithColumn("report").AsString(2000).Nullable()
            .WithColumn("reported_by").AsString(256).Nullable();
        Create.Index("ix_gp_petition_co_handlers_petition_id").OnTable(PetitionTables.CoHandlers).OnColumn("petition_id");
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table(PetitionTables.CoHandlers);
        Delete.Table(PetitionTables.Attachments);
        Delete.Table(PetitionTables.Events);
        Delete.Table(PetitionTables.Petitions);
        Delete.Table(PetitionTables.Categories);
        Delete.Table(PetitionTables.Departments);
    }
}
