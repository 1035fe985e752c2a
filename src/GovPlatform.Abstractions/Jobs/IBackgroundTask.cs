namespace GovPlatform.Jobs;

/// <summary>A periodic job of a feature, run in each running shell that has the feature; register it as a singleton in the startup.</summary>
public interface IBackgroundTask
{
    /// <summary>The task's name in logs, e.g. <c>contents.publish-scheduled</c>.</summary>
    string Name { get; }

    /// <summary>How often it runs in each shell; the host's <c>BackgroundTaskTick</c> bounds the precision.</summary>
    TimeSpan Interval { get; }

    /// <summary>
    /// When true, the host also runs the task in Running tenants whose shell is not active, activating the shell for the
    /// run (only the waking tasks run in it until a request uses it); the shell is then released by the idle releaser
    /// like any other. False (the default): the task runs only in shells that are already active.
    /// </summary>
    bool WakesIdleTenant => false;

    /// <summary>Does one run; <paramref name="services"/> is a fresh scope of the tenant's shell, disposed after the run.</summary>
    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}
