using System.Reflection;

namespace GovPlatform.Core.Modules;

/// <summary>A module found in the host's assemblies.</summary>
public sealed class ModuleDescriptor
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }

    public string Author { get; init; } = "";

    public string Category { get; init; } = "";

    public string Description { get; init; } = "";

    public required Assembly Assembly { get; init; }

    public List<FeatureDescriptor> Features { get; } = [];
}
