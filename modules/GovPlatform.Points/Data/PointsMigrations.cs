using System.Data;
using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.Points.Data;

/// <summary>Volunteers and teams, activities and sign-ups, rules, the ledger, rewards and orders, commendations.</summary>
[Migration(1, "Volunteers, teams, activities, point rules, the points ledger, rewards, orders and commendations")]
public sealed class CreatePointsTables : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(PointsTables.Volunteers)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_volunteers").Identity()
            .WithColumn("user_name").AsString(256).NotNullable()
            .WithColumn("real_name").AsString(50).NotNullable()
            .WithColumn("id_number").AsString(18).Nullable()
            .WithColumn("phone").AsString(20).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("skills").AsString(200).Nullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("status_reason").AsString(500).Nullable()
            .WithColumn("approved_by").AsString(256).Nullable()
            .WithColumn("approved_utc").AsUtcDateTime().Nullable()
            .WithColumn("public_consent").AsBoolean().NotNullable()
            .WithColumn("balance").AsInt64().NotNullable()
            .WithColumn("registered_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_volunteers_user_name").OnTable(PointsTables.Volunteers).OnColumn("user_name").Unique();
        Create.Index("ix_gp_volunteers_unit_status").OnTable(PointsTables.Volunteers)
            .OnColumn("grid_unit_code").Ascending().OnColumn("status").Ascending();
        // The balance can never go below zero, whatever a bug or a race might try (the ledger checks it on both providers).
        IfDatabase("postgres").Execute.Sql($"ALTER TABLE {PointsTables.Volunteers} ADD CONSTRAINT ck_gp_volunteers_balance CHECK (balance >= 0)");

        Create.Table(PointsTables.Teams)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_volunteer_teams").Identity()
            .WithColumn("code").AsString(64).NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("english_name").AsString(200).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("description").AsString(2000).Nullable()
            .WithColumn("leader_id").AsInt64().Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_volunteer_teams_code").OnTable(PointsTables.Teams).OnColumn("code").Unique();

        Create.Table(PointsTables.Members)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_volunteer_team_members").Identity()
            .WithColumn("team_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_volunteer_team_members_team", PointsTables.Teams, "id").OnDelete(Rule.Cascade)
            .WithColumn("volunteer_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_volunteer_team_members_volunteer", PointsTables.Volunteers, "id").OnDelete(Rule.Cascade)
            .WithColumn("joined_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_volunteer_team_members_pair").OnTable(PointsTables.Members)
            .OnColumn("team_id").Ascending().OnColumn("volunteer_id").Ascending().WithOptions().Unique();

        Create.Table(PointsTables.Activities)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_point_activities").Identity()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("type").AsInt32().NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("place").AsString(200).Nullable()
            .WithColumn("description").AsString(4000).Nullable()
            .WithColumn("starts_utc").AsUtcDateTime().NotNullable()
            .WithColumn("ends_utc").AsUtcDateTime().NotNullable()
            .WithColumn("capacity").AsInt32().NotNullable()
            .WithColumn("points").AsInt32().NotNullable()
            .WithColumn("sign_up_opens_utc").AsUtcDateTime().NotNullable()
            .WithColumn("sign_up_closes_utc").AsUtcDateTime().NotNullable()
            .WithColumn("check_in_code").AsString(10).NotNullable()
            .WithColumn("team_id").AsInt64().Nullable()
            .WithColumn("organiser").AsString(256).NotNullable()
            .WithColumn("cancel_reason").AsString(500).Nullable()
            .WithColumn("confirmed_utc").AsUtcDateTime().Nullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_point_activities_unit_starts").OnTable(PointsTables.Activities)
            .OnColumn("grid_unit_code").Ascending().OnColumn("starts_utc").Ascending();
        Create.Index("ix_gp_point_activities_status_starts").OnTable(PointsTables.Activities)
            .OnColumn("status").Ascending().OnColumn("starts_utc").Ascending();

        Create.Table(PointsTables.SignUps)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_point_sign_ups").Identity()
            .WithColumn("activity_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_point_sign_ups_activity", PointsTables.Activities, "id").OnDelete(Rule.Cascade)
            .WithColumn("volunteer_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_point_sign_ups_volunteer", PointsTables.Volunteers, "id")
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("signed_up_utc").AsUtcDateTime().NotNullable()
            .WithColumn("checked_in_utc").AsUtcDateTime().Nullable()
            .WithColumn("checked_in_by").AsString(256).Nullable()
            .WithColumn("entry_id").AsInt64().Nullable();
        // One sign-up per volunteer and activity (a cancelled one is signed up again in place).
        Create.Index("ix_gp_point_sign_ups_pair").OnTable(PointsTables.SignUps)
            .OnColumn("activity_id").Ascending().OnColumn("volunteer_id").Ascending().WithOptions().Unique();
        Create.Index("ix_gp_point_sign_ups_volunteer").OnTable(PointsTables.SignUps).OnColumn("volunteer_id");

        Create.Table(PointsTables.Rules)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_point_rules").Identity()
            .WithColumn("grid_unit_code").AsString(64).Nullable()
            .WithColumn("points_per_type").AsString(2000).NotNullable()
            .WithColumn("default_points").AsInt32().NotNullable()
            .WithColumn("daily_cap").AsInt32().NotNullable()
            .WithColumn("monthly_cap").AsInt32().NotNullable()
            .WithColumn("awards_need_approval").AsBoolean().NotNullable()
            .WithColumn("expiry_months").AsInt32().NotNullable()
            .WithColumn("updated_by").AsString(256).NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_point_rules_unit").OnTable(PointsTables.Rules).OnColumn("grid_unit_code").Unique();

        Create.Table(PointsTables.Entries)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_point_entries").Identity()
            .WithColumn("volunteer_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_point_entries_volunteer", PointsTables.Volunteers, "id")
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("amount").AsInt64().NotNullable()
            .WithColumn("reason").AsString(200).NotNullable()
            .WithColumn("source_type").AsString(32).NotNullable()
            .WithColumn("source_id").AsInt64().Nullable()
            .WithColumn("grid_unit_code").AsString(64).Nullable()
            .WithColumn("reverses_id").AsInt64().Nullable()
            .WithColumn("expires_utc").AsUtcDateTime().Nullable()
            .WithColumn("expired_utc").AsUtcDateTime().Nullable()
            .WithColumn("idempotency_key").AsString(120).NotNullable()
            .WithColumn("created_by").AsString(256).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable();
        // The key makes a repeated award or redemption land once, even when both arrive at the same instant.
        Create.Index("ix_gp_point_entries_idempotency_key").OnTable(PointsTables.Entries).OnColumn("idempotency_key").Unique();
        Create.Index("ix_gp_point_entries_volunteer_created").OnTable(PointsTables.Entries)
            .OnColumn("volunteer_id").Ascending().OnColumn("created_utc").Ascending();
        Create.Index("ix_gp_point_entries_created").OnTable(PointsTables.Entries).OnColumn("created_utc");
        // An entry is reversed at most once.
        Execute.Sql($"CREATE UNIQUE INDEX ix_gp_point_entries_reverses ON {PointsTables.Entries} (reverses_id) WHERE reverses_id IS NOT NULL");
        Execute.Sql($"CREATE INDEX ix_gp_point_entries_expiring ON {PointsTables.Entries} (expires_utc) WHERE expires_utc IS NOT NULL AND expired_utc IS NULL");

        Create.Table(PointsTables.Rewards)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_point_rewards").Identity()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("english_name").AsString(200).NotNullable()
            .WithColumn("description").AsString(2000).Nullable()
            .WithColumn("points_price").AsInt32().NotNullable()
            .WithColumn("stock").AsInt32().Nullable()
            .WithColumn("value_fen").AsInt64().NotNullable()
            .WithColumn("grid_unit_code").AsString(64).Nullable()
            .WithColumn("pick_up_place").AsString(200).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        IfDatabase("postgres").Execute.Sql($"ALTER TABLE {PointsTables.Rewards} ADD CONSTRAINT ck_gp_point_rewards_stock CHECK (stock IS NULL OR stock >= 0)");

        Create.Table(PointsTables.Orders)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_point_orders").Identity()
            .WithColumn("number").AsString(20).NotNullable()
            .WithColumn("volunteer_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_point_orders_volunteer", PointsTables.Volunteers, "id")
            .WithColumn("reward_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_point_orders_reward", PointsTables.Rewards, "id")
            .WithColumn("quantity").AsInt32().NotNullable()
            .WithColumn("points").AsInt64().NotNullable()
            .WithColumn("value_fen").AsInt64().NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("pick_up_code").AsString(10).NotNullable()
            .WithColumn("entry_id").AsInt64().NotNullable()
            .WithColumn("idempotency_key").AsString(120).NotNullable()
            .WithColumn("placed_utc").AsUtcDateTime().NotNullable()
            .WithColumn("fulfilled_utc").AsUtcDateTime().Nullable()
            .WithColumn("fulfilled_by").AsString(256).Nullable()
            .WithColumn("cancelled_utc").AsUtcDateTime().Nullable()
            .WithColumn("cancel_reason").AsString(500).Nullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable();
        Create.Index("ix_gp_point_orders_number").OnTable(PointsTables.Orders).OnColumn("number").Unique();
        Create.Index("ix_gp_point_orders_idempotency_key").OnTable(PointsTables.Orders).OnColumn("idempotency_key").Unique();
        Create.Index("ix_gp_point_orders_volunteer").OnTable(PointsTables.Orders).OnColumn("volunteer_id");
        Create.Index("ix_gp_point_orders_placed").OnTable(PointsTables.Orders).OnColumn("placed_utc");

        Create.Table(PointsTables.Commendations)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_point_commendations").Identity()
            .WithColumn("volunteer_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_point_commendations_volunteer", PointsTables.Volunteers, "id")
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("period").AsString(10).NotNullable()
            .WithColumn("rank").AsInt32().NotNullable()
            .WithColumn("points").AsInt64().NotNullable()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("commended_by").AsString(256).NotNullable()
            .WithColumn("commended_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_point_commendations_roll").OnTable(PointsTables.Commendations)
            .OnColumn("grid_unit_code").Ascending().OnColumn("period").Ascending().OnColumn("volunteer_id").Ascending().WithOptions().Unique();
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table(PointsTables.Commendations);
        Delete.Table(PointsTables.Orders);
        Delete.Table(PointsTables.Rewards);
        Delete.Table(PointsTables.Entries);
        Delete.Table(PointsTables.Rules);
        Delete.Table(PointsTables.SignUps);
        Delete.Table(PointsTables.Activities);
        Delete.Table(PointsTables.Members);
        Delete.Table(PointsTables.Teams);
        Delete.Table(PointsTables.Volunteers);
    }
}
