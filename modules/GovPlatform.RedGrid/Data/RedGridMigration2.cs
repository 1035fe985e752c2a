using FluentMigrator;

namespace GovPlatform.RedGrid.Data;

/// <summary>
/// Versions on joint committees and unit resources (two editors no longer overwrite each other), and whether a project
/// used its resource up (cancelling it puts the resource back).
/// </summary>
[Migration(2, "Red grid: committee and resource versions, project used its resource up")]
public sealed class AddRedGridVersions : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        // Existing rows start at version 1, as new ones do.
        Alter.Table(RedGridTables.Committees).AddColumn("version").AsInt32().NotNullable().WithDefaultValue(1);
        Alter.Table(RedGridTables.Resources).AddColumn("version").AsInt32().NotNullable().WithDefaultValue(1);
        Alter.Table(RedGridTables.Projects).AddColumn("used_resource").AsBoolean().NotNullable().WithDefaultValue(false);
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Column("used_resource").FromTable(RedGridTables.Projects);
        Delete.Column("version").FromTable(RedGridTables.Resources);
        Delete.Column("version").FromTable(RedGridTables.Committees);
    }
}
