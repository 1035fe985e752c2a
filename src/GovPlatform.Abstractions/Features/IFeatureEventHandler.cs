using GovPlatform.Modules;

namespace GovPlatform.Features;

/// <summary>Receives feature changes of a tenant so a module can migrate, seed or clean up its data.</summary>
/// <remarks>Enabling and Enabled run in the new shell (which has the feature's services); Disabling and Disabled
/// in the old shell (which still has them). Throwing from Enabling or Disabling cancels the whole change.</remarks>
public interface IFeatureEventHandler
{
    /// <summary>Before the feature is enabled; throw to refuse.</summary>
    Task EnablingAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the feature is enabled, in the new shell.</summary>
    Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Before the feature is disabled; throw to refuse.</summary>
    Task DisablingAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the feature is disabled, in the old shell (the last time its services run).</summary>
    Task DisabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Task.CompletedTask;
}
