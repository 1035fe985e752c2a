namespace GovPlatform.Jobs;

/// <summary>A periodic job of a feature, run in each running shell that has the feature; register it as a singleton in the startup.</summary>
public interface IBackgroundTask
{
    /// <summary>The task's name in logs, e.g. <c>contents.publish-scheduled</c>.</summary>
    string Name { get; }

    /// <summary>How often it runs in each shell; the host's <c>BackgroundTaskTick</c> bounds the precision.</summary>
    TimeSpan Interval { get; }

    /// <summary>Does one run; <paramref name="services"/> is a fresh scope of the tenant's shell, disposed after the run.</summary>
    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}
