using System.Data;
using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.LegalAid.Data;

/// <summary>Stations, firms and lawyers, adviser assignments, appointments and slots, consultations, legal aid applications, evening receptions.</summary>
[Migration(1, "Legal service stations, lawyers and advisers, appointments, consultations, legal aid applications and evening receptions")]
public sealed class CreateLegalAidTables : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(LegalAidTables.Stations)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_legal_stations").Identity()
            .WithColumn("code").AsString(64).NotNullable()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("english_name").AsString(200).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("host_organisation").AsString(100).Nullable()
            .WithColumn("address").AsString(200).NotNullable()
            .WithColumn("longitude").AsDouble().Nullable()
            .WithColumn("latitude").AsDouble().Nullable()
            .WithColumn("services").AsInt32().NotNullable()
            .WithColumn("hours").AsString(200).Nullable()
            .WithColumn("phone").AsString(30).Nullable()
            .WithColumn("contacts").AsString(200).Nullable()
            .WithColumn("description").AsString(2000).Nullable()
            .WithColumn("open_days").AsInt32().NotNullable()
            .WithColumn("opens_minute").AsInt32().Nullable()
            .WithColumn("closes_minute").AsInt32().Nullable()
            .WithColumn("slot_minutes").AsInt32().NotNullable()
            .WithColumn("slot_capacity").AsInt32().NotNullable()
            .WithColumn("days_ahead").AsInt32().NotNullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_legal_stations_code").OnTable(LegalAidTables.Stations).OnColumn("code").Unique();
        Create.Index("ix_gp_legal_stations_unit").OnTable(LegalAidTables.Stations).OnColumn("grid_unit_code");

        Create.Table(LegalAidTables.Firms)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_law_firms").Identity()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("english_name").AsString(200).NotNullable()
            .WithColumn("credit_code").AsString(18).Nullable()
            .WithColumn("address").AsString(200).Nullable()
            .WithColumn("phone").AsString(30).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_law_firms_name").OnTable(LegalAidTables.Firms).OnColumn("name").Unique();

        Create.Table(LegalAidTables.Lawyers)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_lawyers").Identity()
            .WithColumn("firm_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_lawyers_firm", LegalAidTables.Firms, "id").OnDelete(Rule.None)
            .WithColumn("name").AsString(50).NotNullable()
            .WithColumn("licence_number").AsString(17).Nullable()
            .WithColumn("phone").AsString(30).Nullable()
            .WithColumn("specialities").AsString(200).Nullable()
            .WithColumn("user_name").AsString(256).Nullable()
            .WithColumn("takes_aid_cases").AsBoolean().NotNullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_lawyers_licence_number").OnTable(LegalAidTables.Lawyers).OnColumn("licence_number").Unique();
        Create.Index("ix_gp_lawyers_user_name").OnTable(LegalAidTables.Lawyers).OnColumn("user_name");

        Create.Table(LegalAidTables.Assignments)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_legal_adviser_assignments").Identity()
            .WithColumn("lawyer_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_legal_adviser_assignments_lawyer", LegalAidTables.Lawyers, "id").OnDelete(Rule.None)
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("starts_on").AsString(10).NotNullable()
            .WithColumn("ends_on").AsString(10).NotNullable()
            .WithColumn("place").AsString(200).Nullable()
            .WithColumn("hours").AsString(200).Nullable()
            .WithColumn("open_days").AsInt32().NotNullable()
            .WithColumn("opens_minute").AsInt32().Nullable()
            .WithColumn("closes_minute").AsInt32().Nullable()
            .WithColumn("slot_minutes").AsInt32().NotNullable()
            .WithColumn("slot_capacity").AsInt32().NotNullable()
            .WithColumn("days_ahead").AsInt32().NotNullable()
            .WithColumn("ended_reason").AsString(500).Nullable()
            .WithColumn("created_by").AsString(256).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_legal_adviser_assignments_unit").OnTable(LegalAidTables.Assignments)
            .OnColumn("grid_unit_code").Ascending().OnColumn("ends_on").Ascending();
        Create.Index("ix_gp_legal_adviser_assignments_lawyer").OnTable(LegalAidTables.Assignments).OnColumn("lawyer_id");

        Create.Table(LegalAidTables.Appointments)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_legal_appointments").Identity()
            .WithColumn("code").AsString(12).NotNullable()
            .WithColumn("provider_kind").AsInt32().NotNullable()
            .WithColumn("provider_id").AsInt64().NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("lawyer_id").AsInt64().Nullable()
            .WithColumn("starts_utc").AsUtcDateTime().NotNullable()
            .WithColumn("ends_utc").AsUtcDateTime().NotNullable()
            .WithColumn("citizen_name").AsString(50).NotNullable()
            .WithColumn("phone").AsString(20).NotNullable()
            .WithColumn("user_name").AsString(256).Nullable()
            .WithColumn("matter_type").AsInt32().NotNullable()
            .WithColumn("matter").AsString(500).Nullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("cancel_reason").AsString(500).Nullable()
            .WithColumn("changed_by").AsString(256).Nullable()
            .WithColumn("reschedules").AsInt32().NotNullable()
            .WithColumn("reminder_sent_utc").AsUtcDateTime().Nullable()
            .WithColumn("consultation_id").AsInt64().Nullable()
            .WithColumn("idempotency_key").AsString(100).Nullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_legal_appointments_code").OnTable(LegalAidTables.Appointments).OnColumn("code").Unique();
        Create.Index("ix_gp_legal_appointments_idempotency_key").OnTable(LegalAidTables.Appointments).OnColumn("idempotency_key").Unique();
        Create.Index("ix_gp_legal_appointments_provider").OnTable(LegalAidTables.Appointments)
            .OnColumn("provider_kind").Ascending().OnColumn("provider_id").Ascending().OnColumn("starts_utc").Ascending();
        Create.Index("ix_gp_legal_appointments_unit_starts").OnTable(LegalAidTables.Appointments)
            .OnColumn("grid_unit_code").Ascending().OnColumn("starts_utc").Ascending();
        Create.Index("ix_gp_legal_appointments_phone").OnTable(LegalAidTables.Appointments)
            .OnColumn("phone").Ascending().OnColumn("starts_utc").Ascending();
        Create.Index("ix_gp_legal_appointments_user").OnTable(LegalAidTables.Appointments).OnColumn("user_name");
        // One coming booking per phone in a slot of a provider, whatever arrives at the same instant (status 0: booked).
        Execute.Sql($"CREATE UNIQUE INDEX ix_gp_legal_appointments_phone_slot ON {LegalAidTables.Appointments} (provider_kind, provider_id, starts_utc, phone) WHERE status = 0");

        Create.Table(LegalAidTables.Slots)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_legal_slots").Identity()
            .WithColumn("provider_key").AsString(40).NotNullable()
            .WithColumn("starts_utc").AsUtcDateTime().NotNullable()
            .WithColumn("booked").AsInt32().NotNullable();
        Create.Index("ix_gp_legal_slots_key").OnTable(LegalAidTables.Slots)
            .OnColumn("provider_key").Ascending().OnColumn("starts_utc").Ascending().WithOptions().Unique();
        IfDatabase("postgres").Execute.Sql($"ALTER TABLE {LegalAidTables.Slots} ADD CONSTRAINT ck_gp_legal_slots_booked CHECK (booked >= 0)");

        Create.Table(LegalAidTables.Consultations)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_legal_consultations").Identity()
            .WithColumn("number").AsString(20).NotNullable()
            .WithColumn("channel").AsInt32().NotNullable()
            .WithColumn("station_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_legal_consultations_station", LegalAidTables.Stations, "id").OnDelete(Rule.None)
            .WithColumn("lawyer_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_legal_consultations_lawyer", LegalAidTables.Lawyers, "id").OnDelete(Rule.None)
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("citizen_name").AsString(50).NotNullable()
            .WithColumn("phone").AsString(20).Nullable()
            .WithColumn("matter_type").AsInt32().NotNullable()
            .WithColumn("matter").AsString(4000).NotNullable()
            .WithColumn("advice").AsString(4000).NotNullable()
            .WithColumn("outcome").AsInt32().NotNullable()
            .WithColumn("follow_up").AsString(500).Nullable()
            .WithColumn("follow_up_on").AsString(10).Nullable()
            .WithColumn("follow_up_done_utc").AsUtcDateTime().Nullable()
            .WithColumn("follow_up_note").AsString(1000).Nullable()
            .WithColumn("appointment_id").AsInt64().Nullable()
            .WithColumn("petition_id").AsInt64().Nullable()
            .WithColumn("petition_number").AsString(40).Nullable()
            .WithColumn("petition_reported_utc").AsUtcDateTime().Nullable()
            .WithColumn("reception_matter_id").AsInt64().Nullable()
            .WithColumn("application_id").AsInt64().Nullable()
            .WithColumn("held_utc").AsUtcDateTime().NotNullable()
            .WithColumn("recorded_by").AsString(256).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_legal_consultations_number").OnTable(LegalAidTables.Consultations).OnColumn("number").Unique();
        Create.Index("ix_gp_legal_consultations_unit_held").OnTable(LegalAidTables.Consultations)
            .OnColumn("grid_unit_code").Ascending().OnColumn("held_utc").Ascending();
        Create.Index("ix_gp_legal_consultations_petition").OnTable(LegalAidTables.Consultations).OnColumn("petition_id");
        // One consultation per kept appointment: recording it twice (two tabs, a double click) is refused by the index.
        Execute.Sql($"CREATE UNIQUE INDEX ix_gp_legal_consultations_appointment ON {LegalAidTables.Consultations} (appointment_id) WHERE appointment_id IS NOT NULL");

        Create.Table(LegalAidTables.Applications)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_legal_aid_applications").Identity()
            .WithColumn("number").AsString(20).NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("station_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_legal_aid_applications_station", LegalAidTables.Stations, "id").OnDelete(Rule.None)
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("applicant_name").AsString(50).NotNullable()
            .WithColumn("id_number").AsString(18).NotNullable()
            .WithColumn("phone").AsString(20).NotNullable()
            .WithColumn("address").AsString(200).Nullable()
            .WithColumn("applicant_unit_code").AsString(64).Nullable()
            .WithColumn("case_kind").AsInt32().NotNullable()
            .WithColumn("matter_type").AsInt32().NotNullable()
            .WithColumn("summary").AsString(4000).NotNullable()
            .WithColumn("opposing_party").AsString(200).Nullable()
            .WithColumn("household_size").AsInt32().NotNullable()
            .WithColumn("monthly_income_fen").AsInt64().NotNullable()
            .WithColumn("exemptions").AsInt32().NotNullable()
            .WithColumn("consultation_id").AsInt64().Nullable()
            .WithColumn("decision_due_utc").AsUtcDateTime().NotNullable()
            .WithColumn("decision_reason").AsString(2000).Nullable()
            .WithColumn("decided_by").AsString(256).Nullable()
            .WithColumn("decided_utc").AsUtcDateTime().Nullable()
            .WithColumn("lawyer_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_legal_aid_applications_lawyer", LegalAidTables.Lawyers, "id").OnDelete(Rule.None)
            .WithColumn("assigned_utc").AsUtcDateTime().Nullable()
            .WithColumn("result").AsInt32().Nullable()
            .WithColumn("closed_utc").AsUtcDateTime().Nullable()
            .WithColumn("submitted_by").AsString(256).NotNullable()
            .WithColumn("submitted_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_legal_aid_applications_number").OnTable(LegalAidTables.Applications).OnColumn("number").Unique();
        Create.Index("ix_gp_legal_aid_applications_unit_status").OnTable(LegalAidTables.Applications)
            .OnColumn("grid_unit_code").Ascending().OnColumn("status").Ascending();
        Create.Index("ix_gp_legal_aid_applications_lawyer").OnTable(LegalAidTables.Applications).OnColumn("lawyer_id");
        // An application per consultation: turning a consultation into an application twice finds the first.
        Execute.Sql($"CREATE UNIQUE INDEX ix_gp_legal_aid_applications_consultation ON {LegalAidTables.Applications} (consultation_id) WHERE consultation_id IS NOT NULL");

        Create.Table(LegalAidTables.Documents)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_legal_aid_documents").Identity()
            .WithColumn("application_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_legal_aid_documents_application", LegalAidTables.Applications, "id").OnDelete(Rule.Cascade)
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("file_name").AsString(200).NotNullable()
            .WithColumn("path").AsString(400).NotNullable()
            .WithColumn("content_type").AsString(100).NotNullable()
            .WithColumn("size").AsInt64().NotNullable()
            .WithColumn("sha256").AsString(64).NotNullable()
            .WithColumn("uploaded_by").AsString(256).NotNullable()
            .WithColumn("uploaded_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_legal_aid_documents_application").OnTable(LegalAidTables.Documents).OnColumn("application_id");

        Create.Table(LegalAidTables.Events)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_legal_aid_events").Identity()
            .WithColumn("application_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_legal_aid_events_application", LegalAidTables.Applications, "id").OnDelete(Rule.Cascade)
            .WithColumn("sequence").AsInt32().NotNullable()
            .WithColumn("kind").AsString(30).NotNullable()
            .WithColumn("note").AsString(2000).Nullable()
            .WithColumn("actor").AsString(256).NotNullable()
            .WithColumn("at_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_legal_aid_events_sequence").OnTable(LegalAidTables.Events)
            .OnColumn("application_id").Ascending().OnColumn("sequence").Ascending().WithOptions().Unique();

        Create.Table(LegalAidTables.Receptions)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_evening_receptions").Identity()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("place").AsString(200).NotNullable()
            .WithColumn("starts_utc").AsUtcDateTime().NotNullable()
            .WithColumn("ends_utc").AsUtcDateTime().NotNullable()
            .WithColumn("capacity").AsInt32().NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("summary").AsString(4000).Nullable()
            .WithColumn("cancel_reason").AsString(500).Nullable()
            .WithColumn("created_by").AsString(256).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_evening_receptions_unit_starts").OnTable(LegalAidTables.Receptions)
            .OnColumn("grid_unit_code").Ascending().OnColumn("starts_utc").Ascending();

        Create.Table(LegalAidTables.Deputies)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_evening_reception_deputies").Identity()
            .WithColumn("reception_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_evening_reception_deputies_reception", LegalAidTables.Receptions, "id").OnDelete(Rule.Cascade)
            .WithColumn("name").AsString(50).NotNullable()
            .WithColumn("role").AsInt32().NotNullable()
            .WithColumn("title").AsString(100).Nullable();
        Create.Index("ix_gp_evening_reception_deputies_reception").OnTable(LegalAidTables.Deputies).OnColumn("reception_id");

        Create.Table(LegalAidTables.Matters)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_evening_reception_matters").Identity()
            .WithColumn("reception_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_evening_reception_matters_reception", LegalAidTables.Receptions, "id").OnDelete(Rule.None)
            .WithColumn("code").AsString(12).NotNullable()
            .WithColumn("resident_name").AsString(50).NotNullable()
            .WithColumn("phone").AsString(20).NotNullable()
            .WithColumn("user_name").AsString(256).Nullable()
            .WithColumn("grid_unit_code").AsString(64).Nullable()
            .WithColumn("matter_type").AsInt32().NotNullable()
            .WithColumn("matter").AsString(2000).NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("outcome").AsInt32().Nullable()
            .WithColumn("outcome_note").AsString(2000).Nullable()
            .WithColumn("deputy_id").AsInt64().Nullable()
            .WithColumn("petition_id").AsInt64().Nullable()
            .WithColumn("petition_number").AsString(40).Nullable()
            .WithColumn("consultation_id").AsInt64().Nullable()
            .WithColumn("signed_up_utc").AsUtcDateTime().NotNullable()
            .WithColumn("heard_utc").AsUtcDateTime().Nullable()
            .WithColumn("recorded_by").AsString(256).Nullable();
        Create.Index("ix_gp_evening_reception_matters_code").OnTable(LegalAidTables.Matters).OnColumn("code").Unique();
        Create.Index("ix_gp_evening_reception_matters_reception").OnTable(LegalAidTables.Matters).OnColumn("reception_id");
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table(LegalAidTables.Matters);
        Delete.Table(LegalAidTables.Deputies);
        Delete.Table(LegalAidTables.Receptions);
        Delete.Table(LegalAidTables.Events);
        Delete.Table(LegalAidTables.Documents);
        Delete.Table(LegalAidTables.Applications);
        Delete.Table(LegalAidTables.Consultations);
        Delete.Table(LegalAidTables.Slots);
        Delete.Table(LegalAidTables.Appointments);
        Delete.Table(LegalAidTables.Assignments);
        Delete.Table(LegalAidTables.Lawyers);
        Delete.Table(LegalAidTables.Firms);
        Delete.Table(LegalAidTables.Stations);
    }
}
