using GovPlatform.Core.Modules;
using GovPlatform.Modules;

namespace GovPlatform.Core.Shells;

internal sealed class ShellFeatures(IReadOnlyList<FeatureDescriptor> features) : IShellFeatures
{
    private readonly HashSet<string> _ids = [.. features.Select(f => f.Id)];

    public IReadOnlyList<IFeatureInfo> Enabled => features;

    public bool IsEnabled(string featureId) => _ids.Contains(featureId);
}
