using GovPlatform.Contents.Services;
using GovPlatform.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Jobs;

/// <summary>Publishes scheduled versions when they are due (within the runner's tick and this interval).</summary>
internal sealed class PublishScheduledTask : IBackgroundTask
{
    public string Name => "contents.publish-scheduled";

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ContentManager>().PublishDueAsync(cancellationToken);
}
