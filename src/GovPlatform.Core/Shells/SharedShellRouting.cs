using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Shells;

/// <summary>
/// The routing part of shells' pipelines, shared by shells with the same features (and endpoint variants): the endpoint
/// objects, the route matcher and the endpoint middleware. Shells with the same features map the same endpoints, whose
/// handlers resolve everything from the request's scope, so one copy serves them all; a few hundred endpoints and
/// their matcher are most of an idle shell's heap. An entry lives while a shell uses it.
/// </summary>
internal sealed class SharedShellRouting(ILoggerFactory loggerFactory, DiagnosticListener? diagnostics)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private readonly Lock _lock = new();

    private readonly ILogger _logger = loggerFactory.CreateLogger<SharedShellRouting>();

    /// <summary>Entries alive now, for tests and diagnostics.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The entry for <paramref name="key"/> with one more user, or null when there is none yet.</summary>
    public Lease? TryAcquire(string key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.Users++;
                return new Lease(this, entry);
            }
        }

        return null;
    }

    /// <summary>
    /// Builds an entry from the endpoints a shell mapped and publishes it, or, when another shell published one for the
    /// same key meanwhile, takes that one (the endpoints just built are dropped).
    /// </summary>
    public Lease Publish(string key, IReadOnlyList<Endpoint> endpoints)
    {
        var built = Build(key, endpoints);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                existing.Users++;
                built.Dispose();
                return new Lease(this, existing);
            }

            built.Users = 1;
            _entries[key] = built;
        }

        _logger.LogDebug("Shared routing for {Key}: {Count} endpoints", key, endpoints.Count);
        return new Lease(this, built);
    }

    /// <summary>
    /// Whether a shell's routing services match the shared routing's: a feature that registers its own matcher policy or
    /// route constraint gets a pipeline of its own, as the shared matcher would not know them.
    /// </summary>
    public static bool Matches(IServiceProvider shell, Lease lease)
    {
        var routing = lease.Entry.Services;
        if (!PolicyTypes(shell).SequenceEqual(PolicyTypes(routing)))
        {
            return false;
        }

        var own = shell.GetRequiredService<IOptions<RouteOptions>>().Value.ConstraintMap;
        var shared = routing.GetRequiredService<IOptions<RouteOptions>>().Value.ConstraintMap;
        return own.Count == shared.Count && own.All(c => shared.TryGetValue(c.Key, out var type) && type == c.Value);
    }

    private static IEnumerable<Type> PolicyTypes(IServiceProvider services) =>
        services.GetServices<MatcherPolicy>().Select(p => p.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal);

    private Entry Build(string key, IReadOnlyList<Endpoint> endpoints)
    {
        // A small container of its own holds the routing services: the shared matcher must not keep the container of
        // the shell that happened to build it, and the endpoint data source registered in its route options goes away
        // with it.
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(diagnostics ?? new DiagnosticListener("Microsoft.AspNetCore"));
        services.AddRouting();
        var provider = services.BuildServiceProvider();

        var source = new DefaultEndpointDataSource(endpoints);
        RequestDelegate? endpointStage = null;
        var app = new ApplicationBuilder(provider);
        app.UseRouting();

        // Between matching and the endpoint runs the shell's own middleware (authentication, localisation,
        // authorisation, rate limits, antiforgery): each request carries its shell's part in a feature.
        app.Use(next =>
        {
            endpointStage = next;
            return static context => context.Features.Get<ShellRoutingContinuation>()!.Next(context);
        });
        app.UseEndpoints(e => e.DataSources.Add(source));
        var routing = app.Build();
        return new Entry(key, provider, source, routing, endpointStage!);
    }

    private void Release(Entry entry)
    {
        lock (_lock)
        {
            if (--entry.Users > 0)
            {
                return;
            }

            _entries.Remove(entry.Key);
        }

        entry.Dispose();
    }

    /// <summary>One set of shared endpoints, their matcher and the routing services that built it.</summary>
    internal sealed class Entry(string key, ServiceProvider services, EndpointDataSource endpoints, RequestDelegate routing, RequestDelegate endpointStage) : IDisposable
    {
        public string Key { get; } = key;

        public ServiceProvider Services { get; } = services;

        public EndpointDataSource Endpoints { get; } = endpoints;

        /// <summary>Matches the request, then runs the shell's continuation, which ends in <see cref="EndpointStage"/>.</summary>
        public RequestDelegate Routing { get; } = routing;

        /// <summary>Runs the matched endpoint (the shared endpoint middleware).</summary>
        public RequestDelegate EndpointStage { get; } = endpointStage;

        /// <summary>Shells using the entry; guarded by the cache's lock.</summary>
        public int Users { get; set; }

        public void Dispose() => Services.Dispose();
    }

    /// <summary>A shell's use of an entry; disposed with the shell.</summary>
    internal sealed class Lease(SharedShellRouting owner, Entry entry) : IDisposable
    {
        private int _disposed;

        public Entry Entry { get; } = entry;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(Entry);
            }
        }
    }
}

/// <summary>The request feature carrying the shell's middleware between the shared routing and the shared endpoint middleware.</summary>
internal sealed class ShellRoutingContinuation(RequestDelegate next)
{
    public RequestDelegate Next { get; } = next;
}
