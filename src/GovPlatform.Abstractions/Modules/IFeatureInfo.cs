namespace GovPlatform.Modules;

/// <summary>A feature as known to the module catalog.</summary>
public interface IFeatureInfo
{
    /// <summary>Unique feature id.</summary>
    string Id { get; }

    /// <summary>Display name.</summary>
    string Name { get; }

    /// <summary>Category used to group features.</summary>
    string Category { get; }

    /// <summary>Description shown to administrators.</summary>
    string Description { get; }

    /// <summary>Id of the module that declares the feature.</summary>
    string ModuleId { get; }

    /// <summary>Ids of the features this one directly depends on.</summary>
    IReadOnlyList<string> Dependencies { get; }

    /// <summary>Only the Default tenant may enable it.</summary>
    bool DefaultTenantOnly { get; }

    /// <summary>Always enabled, cannot be disabled.</summary>
    bool AlwaysEnabled { get; }
}
