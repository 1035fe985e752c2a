using System.Data;
using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.Grid.Data;

/// <summary>Levels, units, former codes, workers, assignments and the grid's revision counter.</summary>
[Migration(1, "Grid levels, units, workers and assignments")]
public sealed class CreateGridTables : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(GridTables.Levels)
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey("pk_gp_grid_levels").Identity()
            .WithColumn("position").AsInt32().NotNullable()
            .WithColumn("name").AsString(50).NotNullable()
            .WithColumn("english_name").AsString(100).NotNullable()
            .WithColumn("min_households").AsInt32().Nullable()
            .WithColumn("max_households").AsInt32().Nullable();
        Create.Index("ix_gp_grid_levels_position").OnTable(GridTables.Levels).OnColumn("position").Unique();

        Create.Table(GridTables.Units)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_grid_units").Identity()
            .WithColumn("code").AsString(64).NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("english_name").AsString(200).Nullable()
            .WithColumn("level_id").AsInt32().NotNullable()
                .ForeignKey("fk_gp_grid_units_level", GridTables.Levels, "id")
            .WithColumn("parent_id").AsInt64().Nullable()
                .ForeignKey("fk_gp_grid_units_parent", GridTables.Units, "id")
            .WithColumn("path").AsString(1000).NotNullable()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("department").AsString(100).Nullable()
            .WithColumn("boundary").AsString(int.MaxValue).Nullable()
            .WithColumn("min_longitude").AsDouble().Nullable()
            .WithColumn("min_latitude").AsDouble().Nullable()
            .WithColumn("max_longitude").AsDouble().Nullable()
            .WithColumn("max_latitude").AsDouble().Nullable()
            .WithColumn("households").AsInt32().NotNullable()
            .WithColumn("residents").AsInt32().NotNullable()
            .WithColumn("buildings").AsInt32().NotNullable()
            .WithColumn("notes").AsString(2000).Nullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable()
            .WithColumn("version").AsInt32().NotNullable();
        Create.Index("ix_gp_grid_units_code").OnTable(GridTables.Units).OnColumn("code").Unique();
        Create.Index("ix_gp_grid_units_parent_id").OnTable(GridTables.Units).OnColumn("parent_id");
        Create.Index("ix_gp_grid_units_path").OnTable(GridTables.Units).OnColumn("path");
        Create.Index("ix_gp_grid_units_level_id").OnTable(GridTables.Units).OnColumn("level_id");

        Create.Table(GridTables.CodeChanges)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_grid_code_changes").Identity()
            .WithColumn("unit_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_grid_code_changes_unit", GridTables.Units, "id").OnDelete(Rule.Cascade)
            .WithColumn("old_code").AsString(64).NotNullable()
            .WithColumn("new_code").AsString(64).NotNullable()
            .WithColumn("changed_utc").AsUtcDateTime().NotNullable()
            .WithColumn("changed_by").AsString(256).Nullable()
            .WithColumn("reason").AsString(500).Nullable();
        Create.Index("ix_gp_grid_code_changes_old_code").OnTable(GridTables.CodeChanges).OnColumn("old_code").Unique();
        Create.Index("ix_gp_grid_code_changes_unit_id").OnTable(GridTables.CodeChanges).OnColumn("unit_id");

        Create.Table(GridTables.Workers)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_grid_workers").Identity()
            .WithColumn("name").AsString(50).NotNullable()
            .WithColumn("phone").AsString(32).Nullable()
            .WithColumn("kind").AsInt32().NotNullable()
            .WithColumn("team").AsInt32().NotNullable()
            .WithColumn("user_name").AsString(256).Nullable()
            .WithColumn("notes").AsString(2000).Nullable()
            .WithColumn("active").AsBoolean().NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("updated_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_grid_workers_name").OnTable(GridTables.Workers).OnColumn("name");
        Create.Index("ix_gp_grid_workers_user_name").OnTable(GridTables.Workers).OnColumn("user_name");

        Create.Table(GridTables.Assignments)
            .WithColumn("id").AsInt64().NotNullable().PrimaryKey("pk_gp_grid_assignments").Identity()
            .WithColumn("worker_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_grid_assignments_worker", GridTables.Workers, "id").OnDelete(Rule.Cascade)
            .WithColumn("unit_id").AsInt64().NotNullable()
                .ForeignKey("fk_gp_grid_assignments_unit", GridTables.Units, "id").OnDelete(Rule.Cascade)
            .WithColumn("role").AsInt32().NotNullable()
            .WithColumn("start_date").AsDate().NotNullable()
            .WithColumn("end_date").AsDate().Nullable()
            .WithColumn("note").AsString(500).Nullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable()
            .WithColumn("created_by").AsString(256).Nullable();
        Create.Index("ix_gp_grid_assignments_unit_id").OnTable(GridTables.Assignments).OnColumn("unit_id");
        Create.Index("ix_gp_grid_assignments_worker_id").OnTable(GridTables.Assignments).OnColumn("worker_id");

        // One row, written by the first change (not here: a tenant import brings its own row): bumped by every change
        // of levels or units, so each node knows when its snapshot is stale.
        Create.Table(GridTables.State)
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey("pk_gp_grid_state")
            .WithColumn("revision").AsInt64().NotNullable();
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table(GridTables.State);
        Delete.Table(GridTables.Assignments);
        Delete.Table(GridTables.Workers);
        Delete.Table(GridTables.CodeChanges);
        Delete.Table(GridTables.Units);
        Delete.Table(GridTables.Levels);
    }
}
