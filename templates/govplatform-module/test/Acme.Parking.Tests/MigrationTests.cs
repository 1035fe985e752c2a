using System.Reflection;
using Acme.Parking.Migrations;
using FluentMigrator;

namespace Acme.Parking.Tests;

public class MigrationTests
{
    [Fact]
    public void Migrations_are_numbered_from_one_without_gaps()
    {
        var versions = typeof(ModuleInfo).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<MigrationAttribute>())
            .OfType<MigrationAttribute>()
            .Select(m => m.Version)
            .Order()
            .ToList();

        Assert.Equal(1, typeof(CreateItems).GetCustomAttribute<MigrationAttribute>()!.Version);
        Assert.Equal(Enumerable.Range(1, versions.Count).Select(v => (long)v), versions);
    }

    [Fact]
    public void Tables_carry_the_module_prefix() =>
        Assert.StartsWith(ModuleInfo.TablePrefix, CreateItems.Table, StringComparison.Ordinal);
}
