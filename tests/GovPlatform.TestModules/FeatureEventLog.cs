using GovPlatform.Features;
using GovPlatform.Modules;
using GovPlatform.Tenants;

namespace GovPlatform.TestModules;

/// <summary>Records every feature event it sees, per tenant; refuses to disable Test.Events when the tenant says so.</summary>
[ForFeature("Test.Events")]
public sealed class FeatureEventLog(ITenant tenant) : IFeatureEventHandler
{
    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> Events = new();

    public static IReadOnlyList<string> For(string tenant) => [.. Events.Where(e => e.StartsWith(tenant + ":", StringComparison.Ordinal))];

    public Task EnablingAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Record("Enabling", feature);

    public Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Record("Enabled", feature);

    public Task DisablingAsync(IFeatureInfo feature, CancellationToken cancellationToken)
    {
        if (feature.Id == "Test.Events" && tenant.Settings["Events:RefuseDisable"] == "true")
        {
            throw new InvalidOperationException("Test.Events refuses to be disabled");
        }

        return Record("Disabling", feature);
    }

    public Task DisabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Record("Disabled", feature);

    private Task Record(string kind, IFeatureInfo feature)
    {
        Events.Enqueue($"{tenant.Name}:{kind}:{feature.Id}");
        return Task.CompletedTask;
    }
}
