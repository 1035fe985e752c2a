using FluentMigrator;
using GovPlatform.Data;
using GovPlatform.Modules;

namespace Acme.Parking.Migrations;

/// <summary>
/// The module's first table. Migrations run per tenant when the feature is enabled; never edit a released one, add
/// version 2 instead.
/// </summary>
[ForFeature(ModuleInfo.Id), Migration(1, "Items")]
public sealed class CreateItems : Migration
{
    public const string Table = ModuleInfo.TablePrefix + "items";

    public override void Up()
    {
        Create.Table(Table)
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_" + Table + "_name").OnTable(Table).OnColumn("name");
    }

    public override void Down() => Delete.Table(Table);
}
