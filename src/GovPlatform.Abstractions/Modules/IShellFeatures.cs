namespace GovPlatform.Modules;

/// <summary>The features enabled in the current tenant's shell, in dependency order.</summary>
public interface IShellFeatures
{
    /// <summary>Enabled features, dependencies first.</summary>
    IReadOnlyList<IFeatureInfo> Enabled { get; }

    /// <summary>Whether the feature with this id is enabled in the current shell.</summary>
    bool IsEnabled(string featureId);
}
