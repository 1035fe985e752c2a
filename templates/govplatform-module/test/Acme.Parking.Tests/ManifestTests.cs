using System.Reflection;
using GovPlatform.Modules;

namespace Acme.Parking.Tests;

public class ManifestTests
{
    private static readonly Assembly Module = typeof(ModuleInfo).Assembly;

    [Fact]
    public void The_module_id_is_the_assembly_name_and_its_version_the_package_version()
    {
        var module = Module.GetCustomAttribute<ModuleAttribute>();

        Assert.NotNull(module);
        Assert.Equal(Module.GetName().Name, module.Id);
        var informational = Module.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(informational.Split('+')[0], module.Version);
    }

    [Fact]
    public void The_main_feature_has_the_module_id_and_no_dependencies()
    {
        var features = Module.GetCustomAttributes<FeatureAttribute>().ToList();

        var main = Assert.Single(features, f => f.Id == ModuleInfo.Id);
        Assert.Empty(main.Dependencies);
        Assert.All(features, f => Assert.StartsWith(ModuleInfo.Id, f.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_contribution_is_bound_to_a_declared_feature()
    {
        var declared = Module.GetCustomAttributes<FeatureAttribute>().Select(f => f.Id).ToHashSet();

        foreach (var type in Module.GetTypes())
        {
            if (type.GetCustomAttribute<ForFeatureAttribute>() is { } bound)
            {
                Assert.Contains(bound.FeatureId, declared);
            }
        }
    }
}
