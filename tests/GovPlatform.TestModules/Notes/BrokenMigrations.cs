using FluentMigrator;
using GovPlatform.Modules;

namespace GovPlatform.TestModules.Notes;

[ForFeature("Test.BrokenMigration"), Migration(1, "A good table")]
public sealed class BrokenFirst : Migration
{
    public override void Up() => Create.Table("test_broken").WithColumn("id").AsInt64().PrimaryKey();

    public override void Down() => Delete.Table("test_broken");
}

[ForFeature("Test.BrokenMigration"), Migration(2, "A statement that fails")]
public sealed class BrokenSecond : Migration
{
    public override void Up()
    {
        Create.Table("test_broken_second").WithColumn("id").AsInt64().PrimaryKey();
        Execute.Sql("INSERT INTO no_such_table (id) VALUES (1)");
    }

    public override void Down() => Delete.Table("test_broken_second");
}

/// <summary>Counts how often its migration really ran, per database, and takes long enough for runs to overlap.</summary>
[ForFeature("Test.SlowMigration"), Migration(1, "Slow table")]
public sealed class SlowMigration : Migration
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Runs = new();

    public override void Up()
    {
        Runs.AddOrUpdate(ConnectionString ?? "", 1, (_, n) => n + 1);
        Thread.Sleep(400);
        Create.Table("test_slow").WithColumn("id").AsInt64().PrimaryKey();
    }

    public override void Down() => Delete.Table("test_slow");
}
