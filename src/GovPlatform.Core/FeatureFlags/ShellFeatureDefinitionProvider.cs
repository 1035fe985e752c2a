using GovPlatform.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.FeatureManagement;

namespace GovPlatform.Core.FeatureFlags;

/// <summary>
/// Feature flags of one tenant: the <c>FeatureManagement</c> section of the tenant's own configuration, plus every
/// module feature of the catalog as a flag that is on exactly when the feature is enabled in this shell.
/// </summary>
internal sealed class ShellFeatureDefinitionProvider : IFeatureDefinitionProvider, IDisposable
{
    private static readonly FeatureFilterConfiguration AlwaysOn = new() { Name = "AlwaysOn" };

    private readonly ConfigurationFeatureDefinitionProvider _configured;
    private readonly HashSet<string> _enabledModuleFeatures;
    private readonly IReadOnlySet<string> _allModuleFeatures;

    public ShellFeatureDefinitionProvider(IConfiguration configuration, IReadOnlyList<FeatureDescriptor> enabled, IReadOnlySet<string> allModuleFeatures)
    {
        _configured = new ConfigurationFeatureDefinitionProvider(configuration);
        _enabledModuleFeatures = [.. enabled.Select(f => f.Id)];
        _allModuleFeatures = allModuleFeatures;
    }

    public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) =>
        _allModuleFeatures.Contains(featureName)
            ? Task.FromResult(ModuleFeature(featureName))
            : _configured.GetFeatureDefinitionAsync(featureName);

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        await foreach (var definition in _configured.GetAllFeatureDefinitionsAsync())
        {
            if (!_allModuleFeatures.Contains(definition.Name))
            {
                yield return definition;
            }
        }

        foreach (var name in _allModuleFeatures)
        {
            yield return ModuleFeature(name);
        }
    }

    public void Dispose() => _configured.Dispose();

    private FeatureDefinition ModuleFeature(string name) => new()
    {
        Name = name,
        EnabledFor = _enabledModuleFeatures.Contains(name) ? [AlwaysOn] : [],
    };
}
