namespace GovPlatform.Modules;

/// <summary>Binds a <see cref="ModuleStartup"/> (or another contribution) to one feature of its module.</summary>
/// <remarks>A startup without it belongs to the module's main feature, the one whose id equals the module id.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ForFeatureAttribute(string featureId) : Attribute
{
    /// <summary>The feature id the startup belongs to.</summary>
    public string FeatureId { get; } = featureId;
}
