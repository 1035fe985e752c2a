using System.Reflection;
using FluentMigrator;

namespace GovPlatform.Core.Data.Migrations;

/// <summary>A FluentMigrator migration of a feature: its type, version and description.</summary>
public sealed record MigrationDescriptor(Type Type, long Version, string Description)
{
    /// <summary>Reads a migration type's <see cref="MigrationAttribute"/>; null when the type has none.</summary>
    public static MigrationDescriptor? From(Type type)
    {
        var attribute = type.GetCustomAttribute<MigrationAttribute>();
        return attribute is null ? null : new MigrationDescriptor(type, attribute.Version, attribute.Description ?? type.Name);
    }
}
