using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Notifications;

/// <summary>Delivers tenant changes to subscribers in this process, in order; a failing subscriber is logged and skipped.</summary>
public sealed class InProcessTenantChangeNotifier(ILogger<InProcessTenantChangeNotifier> logger) : ITenantChangeNotifier
{
    private ImmutableList<Func<TenantChange, CancellationToken, Task>> _handlers = [];

    public async Task PublishAsync(TenantChange change, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("Tenant {Tenant}: {Kind}", change.Tenant, change.Kind);
        foreach (var handler in _handlers)
        {
            try
            {
                await handler(change, cancellationToken);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A subscriber failed on tenant change {Kind} of {Tenant}", change.Kind, change.Tenant);
            }
        }
    }

    public IDisposable Subscribe(Func<TenantChange, CancellationToken, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
