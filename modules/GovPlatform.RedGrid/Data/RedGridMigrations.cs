using System.Data;
using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.RedGrid.Data;

/// <summary>Party organisations and courtyards, members and tasks, joint committees, resident units and the three lists, pairings and help, service centres.</summary>
[Migration(1, "Red grid: party organisations, courtyards, members, joint committees, resident units, resources, needs, projects, pairings, service centres")]
public sealed class CreateRedGridTables : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(RedGridTables.Courtyards)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_courtyards").Identity()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("buildings").AsInt32().NotNullable()
            .WithColumn("households").AsInt32().NotNullable()
            .WithColumn("active").AsBoolean().NotNullable();
        Create.Index("ix_gp_courtyards_unit_name").OnTable(RedGridTables.Courtyards)
            .OnColumn("grid_unit_code").Ascending().OnColumn("name").Ascending().WithOptions().Unique();

        Create.Table(RedGridTables.Organisations)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_party_organisations").Identity()
            .WithColumn("code").AsString(64).NotNullable()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("parent_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_party_organisations_parent", RedGridTables.Organisations, "id").OnDelete(Rule.None)
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("courtyard_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_party_organisations_courtyard", RedGridTables.Courtyards, "id").OnDelete(Rule.None)
            .WithColumn("leader").AsString(50).Nullable()
            .WithColumn("phone").AsString(30).Nullable()
            .WithColumn("address").AsString(200).Nullable()
            .WithColumn("founded_on").AsString(10).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_party_organisations_code").OnTable(RedGridTables.Organisations).OnColumn("code").Unique();
        Create.Index("ix_gp_party_organisations_unit_kind").OnTable(RedGridTables.Organisations)
            .OnColumn("grid_unit_code").Ascending().OnColumn("kind").Ascending();
        Create.Index("ix_gp_party_organisations_courtyard").OnTable(RedGridTables.Organisations).OnColumn("courtyard_id");

        Create.Table(RedGridTables.Members)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_party_members").Identity()
            .WithColumn("name").AsString(50).NotNullable()
            .WithColumn("id_number").AsString(18).Nullable()
            .WithColumn("phone").AsString(20).Nullable()
            .WithColumn("birth_date").AsString(10).Nullable()
            .WithColumn("joined_on").AsString(10).Nullable()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("organisation_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_party_members_organisation", RedGridTables.Organisations, "id").OnDelete(Rule.None)
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("employer").AsString(100).Nullable()
            .WithColumn("reported_unit_code").AsString(64).Nullable()
            .WithColumn("reported_on").AsString(10).Nullable()
            .WithColumn("user_name").AsString(256).Nullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_party_members_unit_status").OnTable(RedGridTables.Members)
            .OnColumn("grid_unit_code").Ascending().OnColumn("status").Ascending();
        Create.Index("ix_gp_party_members_reported").OnTable(RedGridTables.Members).OnColumn("reported_unit_code");
        Create.Index("ix_gp_party_members_organisation").OnTable(RedGridTables.Members).OnColumn("organisation_id");
        // An ID number is on the register once.
        Execute.Sql($"CREATE UNIQUE INDEX ix_gp_party_members_id_number ON {RedGridTables.Members} (id_number) WHERE id_number IS NOT NULL");

        Create.Table(RedGridTables.Tasks)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_party_member_tasks").Identity()
            .WithColumn("member_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_party_member_tasks_member", RedGridTables.Members, "id").OnDelete(Rule.Cascade)
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("due_on").AsString(10).Nullable()
            .WithColumn("completed_utc").AsUtcDateTime().Nullable()
            .WithColumn("minutes").AsInt32().NotNullable()
            .WithColumn("note").AsString(1000).Nullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_party_member_tasks_member").OnTable(RedGridTables.Tasks).OnColumn("member_id");
        Create.Index("ix_gp_party_member_tasks_unit").OnTable(RedGridTables.Tasks).OnColumn("grid_unit_code");

        Create.Table(RedGridTables.Units)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_resident_units").Identity()
            .WithColumn("code").AsString(64).NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("address").AsString(200).Nullable()
            .WithColumn("longitude").AsDouble().Nullable()
            .WithColumn("latitude").AsDouble().Nullable()
            .WithColumn("organisation_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_resident_units_organisation", RedGridTables.Organisations, "id").OnDelete(Rule.None)
            .WithColumn("contact").AsString(50).Nullable()
            .WithColumn("phone").AsString(30).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_resident_units_code").OnTable(RedGridTables.Units).OnColumn("code").Unique();
        Create.Index("ix_gp_resident_units_unit").OnTable(RedGridTables.Units).OnColumn("grid_unit_code");

        Create.Table(RedGridTables.Committees)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_joint_committees").Identity()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("term_starts_on").AsString(10).NotNullable()
            .WithColumn("term_ends_on").AsString(10).NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_joint_committees_unit").OnTable(RedGridTables.Committees).OnColumn("grid_unit_code");

        Create.Table(RedGridTables.Seats)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_joint_committee_seats").Identity()
            .WithColumn("committee_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_joint_committee_seats_committee", RedGridTables.Committees, "id").OnDelete(Rule.Cascade)
            .WithColumn("resident_unit_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_joint_committee_seats_unit", RedGridTables.Units, "id").OnDelete(Rule.None)
            .WithColumn("organisation_name").AsString(100).NotNullable()
            .WithColumn("representative").AsString(50).NotNullable()
            .WithColumn("role").AsInt32().NotNullable()
            .WithColumn("starts_on").AsString(10).NotNullable()
            .WithColumn("ends_on").AsString(10).NotNullable();
        Create.Index("ix_gp_joint_committee_seats_committee").OnTable(RedGridTables.Seats).OnColumn("committee_id");

        Create.Table(RedGridTables.Resources)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_unit_resources").Identity()
            .WithColumn("resident_unit_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_unit_resources_unit", RedGridTables.Units, "id").OnDelete(Rule.None)
            .WithColumn("type").AsInt32().NotNullable()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("description").AsString(2000).Nullable()
            .WithColumn("quantity").AsInt64().NotNullable()
            .WithColumn("unit").AsString(10).Nullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("available").AsBoolean().NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_unit_resources_type_available").OnTable(RedGridTables.Resources)
            .OnColumn("type").Ascending().OnColumn("available").Ascending();

        Create.Table(RedGridTables.Needs)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_community_needs").Identity()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("type").AsInt32().NotNullable()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("description").AsString(2000).Nullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("published_by").AsString(256).NotNullable()
            .WithColumn("published_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_community_needs_unit_status").OnTable(RedGridTables.Needs)
            .OnColumn("grid_unit_code").Ascending().OnColumn("status").Ascending();

        Create.Table(RedGridTables.Projects)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_redgrid_projects").Identity()
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("need_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_redgrid_projects_need", RedGridTables.Needs, "id").OnDelete(Rule.None)
            .WithColumn("resource_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_redgrid_projects_resource", RedGridTables.Resources, "id").OnDelete(Rule.None)
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("owner").AsString(50).NotNullable()
            .WithColumn("status").AsInt32().NotNullable()
            .WithColumn("starts_on").AsString(10).Nullable()
            .WithColumn("completed_on").AsString(10).Nullable()
            .WithColumn("outcome").AsString(2000).Nullable()
            .WithColumn("beneficiaries").AsInt32().NotNullable()
            .WithColumn("shown_publicly").AsBoolean().NotNullable()
            .WithColumn("created_by").AsString(256).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_redgrid_projects_unit_status").OnTable(RedGridTables.Projects)
            .OnColumn("grid_unit_code").Ascending().OnColumn("status").Ascending();
        // A need is met by one live project: matching it twice (two tabs) is refused by the index.
        Execute.Sql($"CREATE UNIQUE INDEX ix_gp_redgrid_projects_need ON {RedGridTables.Projects} (need_id) WHERE status <> 3");

        Create.Table(RedGridTables.Pairings)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_pairings").Identity()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("organisation_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_pairings_organisation", RedGridTables.Organisations, "id").OnDelete(Rule.None)
            .WithColumn("member_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_pairings_member", RedGridTables.Members, "id").OnDelete(Rule.None)
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("household").AsString(100).Nullable()
            .WithColumn("starts_on").AsString(10).NotNullable()
            .WithColumn("ends_on").AsString(10).Nullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_pairings_unit").OnTable(RedGridTables.Pairings).OnColumn("grid_unit_code");

        Create.Table(RedGridTables.Help)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_pairing_help").Identity()
            .WithColumn("pairing_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_pairing_help_pairing", RedGridTables.Pairings, "id").OnDelete(Rule.None)
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("amount_fen").AsInt64().NotNullable()
            .WithColumn("problems").AsInt32().NotNullable()
            .WithColumn("description").AsString(500).NotNullable()
            .WithColumn("given_on").AsString(10).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("recorded_by").AsString(256).NotNullable()
            .WithColumn("recorded_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_pairing_help_pairing").OnTable(RedGridTables.Help).OnColumn("pairing_id");
        Create.Index("ix_gp_pairing_help_given").OnTable(RedGridTables.Help)
            .OnColumn("given_on").Ascending().OnColumn("grid_unit_code").Ascending();

        Create.Table(RedGridTables.Centres)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_service_centres").Identity()
            .WithColumn("code").AsString(64).NotNullable()
            .WithColumn("level").AsInt32().NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("grid_unit_code").AsString(64).NotNullable()
            .WithColumn("address").AsString(200).NotNullable()
            .WithColumn("longitude").AsDouble().Nullable()
            .WithColumn("latitude").AsDouble().Nullable()
            .WithColumn("hours").AsString(200).Nullable()
            .WithColumn("phone").AsString(30).Nullable()
            .WithColumn("services").AsString(2000).Nullable()
            .WithColumn("description").AsString(2000).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_service_centres_code").OnTable(RedGridTables.Centres).OnColumn("code").Unique();

        Create.Table(RedGridTables.Activities)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_centre_activities").Identity()
            .WithColumn("centre_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_centre_activities_centre", RedGridTables.Centres, "id").OnDelete(Rule.Cascade)
            .WithColumn("title").AsString(100).NotNullable()
            .WithColumn("starts_utc").AsUtcDateTime().NotNullable()
            .WithColumn("place").AsString(200).Nullable()
            .WithColumn("description").AsString(2000).Nullable()
            .WithColumn("published").AsBoolean().NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_centre_activities_centre").OnTable(RedGridTables.Activities).OnColumn("centre_id");
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table(RedGridTables.Activities);
        Delete.Table(RedGridTables.Centres);
        Delete.Table(RedGridTables.Help);
        Delete.Table(RedGridTables.Pairings);
        Delete.Table(RedGridTables.Projects);
        Delete.Table(RedGridTables.Needs);
        Delete.Table(RedGridTables.Resources);
        Delete.Table(RedGridTables.Seats);
        Delete.Table(RedGridTables.Committees);
        Delete.Table(RedGridTables.Units);
        Delete.Table(RedGridTables.Tasks);
        Delete.Table(RedGridTables.Members);
        Delete.Table(RedGridTables.Organisations);
        Delete.Table(RedGridTables.Courtyards);
    }
}
