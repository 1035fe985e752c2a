using GovPlatform.Core.Modules;

namespace GovPlatform.Core.Shells;

/// <summary>What a feature change will do before it is done: what it enables and disables, with dependencies and dependents.</summary>
public sealed record FeaturePlan(
    IReadOnlyList<FeatureDescriptor> Current,
    IReadOnlyList<FeatureDescriptor> ToEnable,
    IReadOnlyList<FeatureDescriptor> ToDisable,
    IReadOnlyList<FeatureDescriptor> Result,
    IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public bool IsEmpty => ToEnable.Count == 0 && ToDisable.Count == 0;
}
