using GovPlatform.Core.Data.Migrations;
using GovPlatform.Modules;

namespace GovPlatform.Core.Modules;

/// <summary>A feature of a module, with what the catalog scan found for it.</summary>
public sealed class FeatureDescriptor : IFeatureInfo
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Category { get; init; } = "";

    public string Description { get; init; } = "";

    public required ModuleDescriptor Module { get; init; }

    public string ModuleId => Module.Id;

    public IReadOnlyList<string> Dependencies { get; init; } = [];

    public bool DefaultTenantOnly { get; init; }

    public bool AlwaysEnabled { get; init; }

    /// <summary>Position in the catalog's dependency order: a feature comes after all it depends on.</summary>
    public int Order { get; internal set; }

    /// <summary>Startup types bound to this feature.</summary>
    public List<Type> StartupTypes { get; } = [];

    /// <summary>Scanned contributions (service type, implementation type) registered scoped when the feature is on.</summary>
    public List<(Type Service, Type Implementation)> Contributions { get; } = [];

    /// <summary>The feature's FluentMigrator migrations, by version.</summary>
    public List<MigrationDescriptor> Migrations { get; } = [];

    public override string ToString() => Id;
}
