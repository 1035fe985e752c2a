using GovPlatform.Modules;
using GovPlatform.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.TestModules;

/// <summary>Counts how often each tenant's shell runs ConfigureServices (Test.Always is on everywhere).</summary>
[ForFeature("Test.Always")]
public sealed class BuildCounter(ITenant tenant) : ModuleStartup
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Counts = new();

    public static int For(string tenant) => Counts.GetValueOrDefault(tenant);

    public override void ConfigureServices(IServiceCollection services) =>
        Counts.AddOrUpdate(tenant.Name, 1, (_, count) => count + 1);
}
