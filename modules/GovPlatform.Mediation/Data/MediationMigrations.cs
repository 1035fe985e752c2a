using System.Data;
using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.Mediation.Data;

/// <summary>Bodies and mediators; the dispute ledger with parties, mediators, timeline, sessions and follow-ups; screening; alerts.</summary>
[Migration(1, "Mediation bodies, mediators, disputes, sessions, screening campaigns and alerts")]
public sealed class CreateMediationTables : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(MediationTables.Bodies)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_mediation_bodies").Identity()
            .WithColumn("code").AsString(64).NotNullable()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("english_name").AsString(200).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("address").AsString(200).Nullable()
            .WithColumn("hours").AsString(100).Nullable()
            .WithColumn("opens_minute").AsInt32().Nullable()
            .WithColumn("closes_minute").AsInt32().Nullable()
            .WithColumn("capacity").AsInt32().NotNullable()
            .WithColumn("phone").AsString(20).Nullable()
            .WithColumn("description").AsString(2000).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_mediation_bodies_code").OnTable(MediationTables.Bodies).OnColumn("code").Unique();
        Create.Index("ix_gp_mediation_bodies_unit").OnTable(MediationTables.Bodies).OnColumn("grid_unit_code");

        Create.Table(MediationTables.Mediators)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_mediators").Identity()
            .WithColumn("body_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_mediators_body", MediationTables.Bodies, "id")
            .WithColumn("name").AsString(50).NotNullable()
            .WithColumn("role").AsInt32().NotNullable()
            .WithColumn("background").AsInt32().NotNullable()
            .WithColumn("profile").AsString(500).Nullable()
            .WithColumn("phone").AsString(20).Nullable()
            .WithColumn("user_name").AsString(256).Nullable()
            .WithColumn("active").AsBoolean().NotNullable();
        Create.Index("ix_gp_mediators_body").OnTable(MediationTables.Mediators).OnColumn("body_id");
        Create.Index("ix_gp_mediators_user_name").OnTable(MediationTables.Mediators).OnColumn("user_name");

        Create.Table(MediationTables.Disputes)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_disputes").Identity()
            .WithColumn("number").AsString(20).NotNullable()
            .WithColumn("type").AsInt32().NotNullable()
            .WithColumn("source").AsInt32().NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("risk").AsInt32().NotNullable()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("description").AsString(4000).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("handling_unit_code").AsString(64).NotNullable()
            .WithColumn("body_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_disputes_body", MediationTables.Bodies, "id")
            .WithColumn("mediator_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_disputes_mediator", MediationTables.Mediators, "id")
            .WithColumn("escalation_count").AsInt32().NotNullable()
            .WithColumn("petition_id").AsInt64().Nullable()
            .WithColumn("petition_number").AsString(20).Nullable()
            .WithColumn("petition_reported_utc").AsUtcDateTime().Nullable()
            .WithColumn("screening_report_id").AsInt64().Nullable()
            .WithColumn("agreement_terms").AsString(4000).Nullable()
            .WithColumn("failed_referral").AsInt32().NotNullable()
            .WithColumn("outcome_note").AsString(2000).Nullable()
            .WithColumn("follow_up_due_utc").AsUtcDateTime().Nullable()
            .WithColumn("registered_by").AsString(256).NotNullable()
            .WithColumn("registered_utc").AsUtcDateTime().NotNullable()
            .WithColumn("closed_utc").AsUtcDateTime().Nullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("idempotency_key").AsString(100).Nullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_disputes_number").OnTable(MediationTables.Disputes).OnColumn("number").Unique();
        Create.Index("ix_gp_disputes_idempotency_key").OnTable(MediationTables.Disputes).OnColumn("idempotency_key").Unique();
        Create.Index("ix_gp_disputes_petition").OnTable(MediationTables.Disputes).OnColumn("petition_id");
        // The ledger's and the statistics' queries: by unit and time, by handling unit and status.
        Create.Index("ix_gp_disputes_unit_registered").OnTable(MediationTables.Disputes)
            .OnColumn("grid_unit_code").Ascending().OnColumn("registered_utc").Ascending();
        Create.Index("ix_gp_disputes_handling_status").OnTable(MediationTables.Disputes)
            .OnColumn("handling_unit_code").Ascending().OnColumn("status").Ascending();
        Create.Index("ix_gp_disputes_closed").OnTable(MediationTables.Disputes).OnColumn("closed_utc");

        Create.Table(MediationTables.Parties)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_dispute_parties").Identity()
            .WithColumn("dispute_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_dispute_parties_dispute", MediationTables.Disputes, "id").OnDelete(Rule.Cascade)
            .WithColumn("role").AsInt32().NotNullable()
            .WithColumn("name").AsString(50).NotNullable()
            .WithColumn("phone").AsString(20).Nullable()
            .WithColumn("id_number").AsString(18).Nullable()
            .WithColumn("address").AsString(200).Nullable()
            .WithColumn("note").AsString(500).Nullable();
        Create.Index("ix_gp_dispute_parties_dispute").OnTable(MediationTables.Parties).OnColumn("dispute_id");

        Create.Table(MediationTables.DisputeMediators)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_dispute_mediators").Identity()
            .WithColumn("dispute_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_dispute_mediators_dispute", MediationTables.Disputes, "id").OnDelete(Rule.Cascade)
            .WithColumn("mediator_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_dispute_mediators_mediator", MediationTables.Mediators, "id");
        Create.Index("ix_gp_dispute_mediators_pair").OnTable(MediationTables.DisputeMediators)
            .OnColumn("dispute_id").Ascending().OnColumn("mediator_id").Ascending().WithOptions().Unique();

        Create.Table(MediationTables.Events)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_dispute_events").Identity()
            .WithColumn("dispute_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_dispute_events_dispute", MediationTables.Disputes, "id").OnDelete(Rule.Cascade)
            .WithColumn("sequence").AsInt32().NotNullable()
            .WithColumn("at_utc").AsUtcDateTime().NotNullable()
            .WithColumn("action").AsString(32).NotNullable()
            .WithColumn("from_status").AsInt32().NotNullable()
            .WithColumn("to_status").AsInt32().NotNullable()
            .WithColumn("from_unit_code").AsString(64).Nullable()
            .WithColumn("unit_code").AsString(64).Nullable()
            .WithColumn("actor").AsString(256).NotNullable()
            .WithColumn("actor_name").AsString(100).Nullable()
            .WithColumn("note").AsString(2000).Nullable();
        // Two concurrent changes to one dispute collide on the sequence instead of both landing.
        Create.Index("ix_gp_dispute_events_dispute_sequence").OnTable(MediationTables.Events)
            .OnColumn("dispute_id").Ascending().OnColumn("sequence").Ascending().WithOptions().Unique();

        Create.Table(MediationTables.Sessions)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_mediation_sessions").Identity()
            .WithColumn("dispute_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_mediation_sessions_dispute", MediationTables.Disputes, "id").OnDelete(Rule.Cascade)
            .WithColumn("mode").AsInt32().NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("starts_utc").AsUtcDateTime().NotNullable()
            .WithColumn("duration_minutes").AsInt32().NotNullable()
            .WithColumn("body_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_mediation_sessions_body", MediationTables.Bodies, "id")
            .WithColumn("place").AsString(200).Nullable()
            .WithColumn("meeting_url").AsString(500).Nullable()
            .WithColumn("minutes").AsString(8000).Nullable()
            .WithColumn("agreement_reached").AsBoolean().NotNullable()
            .WithColumn("cancel_reason").AsString(500).Nullable()
            .WithColumn("reminded_utc").AsUtcDateTime().Nullable()
            .WithColumn("created_by").AsString(256).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_mediation_sessions_dispute").OnTable(MediationTables.Sessions).OnColumn("dispute_id");
        // The reminder job: scheduled sessions by start time; a body's sessions of a day (capacity).
        Create.Index("ix_gp_mediation_sessions_status_starts").OnTable(MediationTables.Sessions)
            .OnColumn("status").Ascending().OnColumn("starts_utc").Ascending();
        Create.Index("ix_gp_mediation_sessions_body_starts").OnTable(MediationTables.Sessions)
            .OnColumn("body_id").Ascending().OnColumn("starts_utc").Ascending();

        Create.Table(MediationTables.Participants)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_session_participants").Identity()
            .WithColumn("session_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_session_participants_session", MediationTables.Sessions, "id").OnDelete(Rule.Cascade)
            .WithColumn("role").AsInt32().NotNullable()
            .WithColumn("name").AsString(50).NotNullable()
            .WithColumn("organisation").AsString(100).Nullable()
            .WithColumn("grid_unit_code").AsString(64).Nullable()
            .WithColumn("phone").AsString(20).Nullable()
            .WithColumn("mediator_id").AsInt64().Nullable();
        Create.Index("ix_gp_session_participants_session").OnTable(MediationTables.Participants).OnColumn("session_id");

        Create.Table(MediationTables.FollowUps)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_dispute_follow_ups").Identity()
            .WithColumn("dispute_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_dispute_follow_ups_dispute", MediationTables.Disputes, "id").OnDelete(Rule.Cascade)
            .WithColumn("visited_utc").AsUtcDateTime().NotNullable()
            .WithColumn("visited_by").AsString(256).NotNullable()
            .WithColumn("kept").AsBoolean().NotNullable()
            .WithColumn("note").AsString(2000).NotNullable();
        Create.Index("ix_gp_dispute_follow_ups_dispute").OnTable(MediationTables.FollowUps).OnColumn("dispute_id");

        Create.Table(MediationTables.Campaigns)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_screening_campaigns").Identity()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("scope_unit_code").AsString(64).Nullable()
            .WithColumn("reporting_depth").AsInt32().NotNullable()
            .WithColumn("starts_on").AsString(10).NotNullable()
            .WithColumn("due_utc").AsUtcDateTime().NotNullable()
            .WithColumn("checked_utc").AsUtcDateTime().Nullable()
            .WithColumn("created_by").AsString(256).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_screening_campaigns_starts").OnTable(MediationTables.Campaigns)
            .OnColumn("kind").Ascending().OnColumn("starts_on").Ascending();
        Create.Index("ix_gp_screening_campaigns_due").OnTable(MediationTables.Campaigns).OnColumn("due_utc");

        Create.Table(MediationTables.Reports)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_screening_reports").Identity()
            .WithColumn("campaign_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_screening_reports_campaign", MediationTables.Campaigns, "id").OnDelete(Rule.Cascade)
            .WithColumn("unit_code").AsString(64).NotNullable()
            .WithColumn("reported_utc").AsUtcDateTime().Nullable()
            .WithColumn("reported_by").AsString(256).Nullable()
            .WithColumn("found_nothing").AsBoolean().NotNullable()
            .WithColumn("findings").AsInt32().NotNullable()
            .WithColumn("note").AsString(2000).Nullable()
            .WithColumn("flagged_utc").AsUtcDateTime().Nullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_screening_reports_campaign_unit").OnTable(MediationTables.Reports)
            .OnColumn("campaign_id").Ascending().OnColumn("unit_code").Ascending().WithOptions().Unique();
        Create.Index("ix_gp_screening_reports_unit").OnTable(MediationTables.Reports).OnColumn("unit_code");

        Create.Table(MediationTables.Alerts)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_mediation_alerts").Identity()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("unit_code").AsString(64).NotNullable()
            .WithColumn("subject_unit_code").AsString(64).Nullable()
            .WithColumn("dispute_id").AsInt64().Nullable()
            .WithColumn("screening_report_id").AsInt64().Nullable()
            .WithColumn("message").AsString(500).NotNullable()
            .WithColumn("english_message").AsString(500).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("acknowledged_utc").AsUtcDateTime().Nullable()
            .WithColumn("acknowledged_by").AsString(256).Nullable();
        Create.Index("ix_gp_mediation_alerts_unit").OnTable(MediationTables.Alerts)
            .OnColumn("unit_code").Ascending().OnColumn("acknowledged_utc").Ascending();
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table(MediationTables.Alerts);
        Delete.Table(MediationTables.Reports);
        Delete.Table(MediationTables.Campaigns);
        Delete.Table(MediationTables.FollowUps);
        Delete.Table(MediationTables.Participants);
        Delete.Table(MediationTables.Sessions);
        Delete.Table(MediationTables.Events);
        Delete.Table(MediationTables.DisputeMediators);
        Delete.Table(MediationTables.Parties);
        Delete.Table(MediationTables.Disputes);
        Delete.Table(MediationTables.Mediators);
        Delete.Table(MediationTables.Bodies);
    }
}
