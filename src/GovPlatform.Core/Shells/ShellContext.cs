using GovPlatform.Core.Hosting;
using GovPlatform.Core.Modules;
using GovPlatform.Modules;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Core.Shells;

/// <summary>
/// A built tenant shell: its own service provider and cached pipeline. Requests enter and exit it; once released
/// (replaced or idle) it is disposed when the last request that entered it has left.
/// </summary>
public sealed class ShellContext : IAsyncDisposable
{
    private int _active;
    private volatile bool _released;
    private volatile bool _wokenForBackground;
    private int _disposed;
    private long _lastUsedTicks;

    internal ShellContext(ShellSettings settings, ServiceProvider services, IReadOnlyList<FeatureDescriptor> features, IReadOnlyList<ModuleStartup> startups, TimeProvider clock)
    {
        Settings = settings;
        ServiceProvider = services;
        Features = features;
        Startups = startups;
        Clock = clock;
        _lastUsedTicks = clock.GetUtcNow().UtcTicks;
    }

    public ShellSettings Settings { get; }

    public ServiceProvider ServiceProvider { get; }

    /// <summary>Enabled features, dependencies first.</summary>
    public IReadOnlyList<FeatureDescriptor> Features { get; }

    internal IReadOnlyList<ModuleStartup> Startups { get; }

    /// <summary>The tenant pipeline, built once per shell.</summary>
    public RequestDelegate Pipeline { get; internal set; } = _ => Task.CompletedTask;

    /// <summary>The shared routing the pipeline uses (null when it routes on its own); given back when the shell is disposed.</summary>
    internal SharedShellRouting.Lease? Routing { get; set; }

    /// <summary>The request feature for requests without an outer PathBase (nearly all): one per shell, not per request.</summary>
    internal ShellFeature RootFeature => field ??= new ShellFeature(this, "");

    public TimeSpan BuildDuration { get; internal set; }

    public DateTimeOffset ActivatedUtc { get; internal set; }

    public bool IsReleased => _released;

    public int ActiveRequests => Volatile.Read(ref _active);

    /// <summary>
    /// True while the shell, activated for background work rather than for use
    /// (<see cref="ShellHost.EnterAsync(string, bool, CancellationToken)"/> with <c>countsAsUse</c> false), has not been
    /// entered as use since: the background task runner then runs only the tasks that wake idle tenants in it.
    /// </summary>
    public bool IsWokenForBackground => _wokenForBackground;

    public DateTimeOffset LastUsedUtc => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    private TimeProvider Clock { get; }

    public bool IsEnabled(string featureId) => Features.Any(f => f.Id == featureId);

    /// <summary>Counts a request in; false when the shell was released meanwhile, and the caller must fetch the current one.</summary>
    public bool TryEnter() => TryEnter(countsAsUse: true);

    /// <summary>
    /// Counts a caller in, so a release waits for it; with <paramref name="countsAsUse"/> false (background work) the
    /// shell's <see cref="LastUsedUtc"/> stays as it was, so the caller does not keep an idle shell alive.
    /// </summary>
    public bool TryEnter(bool countsAsUse)
    {
        Interlocked.Increment(ref _active);
        if (_released)
        {
            Exit();
            return false;
        }

        if (countsAsUse)
        {
            Interlocked.Exchange(ref _lastUsedTicks, Clock.GetUtcNow().UtcTicks);

            // Read first: the request path should not write a shared field on every request.
            if (_wokenForBackground)
            {
                _wokenForBackground = false;
            }
        }

        return true;
    }

    /// <summary>Set by the host before it publishes a shell it built for background work, so no request can enter it first.</summary>
    internal void MarkWokenForBackground() => _wokenForBackground = true;

    public void Exit()
    {
        if (Interlocked.Decrement(ref _active) == 0 && _released)
        {
            _ = DisposeAsync().AsTask();
        }
    }

    /// <summary>Marks the shell as replaced or idle: no new request enters; it is disposed once drained.</summary>
    public void Release()
    {
        _released = true;
        if (Volatile.Read(ref _active) == 0)
        {
            _ = DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _released = true;
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await ServiceProvider.DisposeAsync();
            Routing?.Dispose();
        }
    }

    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;
}
