namespace GovPlatform.Core.Notifications;

/// <summary>
/// Carries tenant changes between host nodes. The in-process implementation serves a single node; a Redis or
/// PostgreSQL (LISTEN/NOTIFY) implementation lets a change made on one node reach the others, which reload the tenant.
/// </summary>
public interface ITenantChangeNotifier
{
    /// <summary>Announces a change to every subscriber, on this node and others.</summary>
    Task PublishAsync(TenantChange change, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to changes; dispose the result to stop.</summary>
    IDisposable Subscribe(Func<TenantChange, CancellationToken, Task> handler);
}
