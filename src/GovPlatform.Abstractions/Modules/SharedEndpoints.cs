using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Modules;

/// <summary>
/// Maps minimal-API handlers whose request delegates are compiled once per host and shared by every shell.
/// <c>MapGet</c> compiles each handler's delegate (expression trees) in every shell that maps it, and ASP.NET Core's
/// authorisation middleware builds every endpoint when a shell's pipeline is built: about 1.5 ms per endpoint on every
/// activation, and the compiled code kept per tenant. A compiled delegate depends only on the handler and on which of
/// its parameters are services, so it is the same for every shell of a module.
/// </summary>
public static class SharedEndpoints
{
    private static readonly ConcurrentDictionary<Key, RequestDelegateResult> Compiled = new();

    /// <summary>Like <c>MapGet</c>, with the handler compiled once per host.</summary>
    public static IEndpointConventionBuilder MapGetShared(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapShared(HttpMethods.Get, pattern, handler);

    /// <summary>Like <c>MapPost</c>, with the handler compiled once per host.</summary>
    public static IEndpointConventionBuilder MapPostShared(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapShared(HttpMethods.Post, pattern, handler);

    /// <summary>
    /// Maps <paramref name="handler"/> for one HTTP method. The handler must not capture per-shell state (a static method
    /// or a lambda that captures nothing): its compiled delegate serves every shell. Services are resolved per request
    /// from the shell's container, as with <c>MapGet</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapShared(this IEndpointRouteBuilder endpoints, string method, string pattern, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        if (handler.Target is { } target && target.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length > 0)
        {
            throw new ArgumentException($"The handler of {method} {pattern} captures state; a shared handler must be static.", nameof(handler));
        }

        var routeParameters = RoutePatternFactory.Parse(pattern).Parameters.Select(p => p.Name).ToArray();
        var isService = endpoints.ServiceProvider.GetService<IServiceProviderIsService>();
        var services = handler.Method.GetParameters()
            .Select(p => isService?.IsService(p.ParameterType) == true)
            .ToArray();
        var key = new Key(handler.Method, method, string.Join(',', routeParameters), string.Concat(services.Select(s => s ? '1' : '0')));
        var compiled = Compiled.GetOrAdd(key, _ =>
        {
            // Compiled against a provider that knows only which parameter types are services and the host's logger
            // factory: the shared delegate must not hold on to the first shell's container.
            var creation = new CreationServices(
                [.. handler.Method.GetParameters().Where((_, i) => services[i]).Select(p => p.ParameterType)],
                endpoints.ServiceProvider.GetService<ILoggerFactory>());
            return RequestDelegateFactory.Create(handler, new RequestDelegateFactoryOptions
            {
                ServiceProvider = creation,
                RouteParameterNames = routeParameters,
                DisableInferBodyFromParameters = method is "GET" or "HEAD" or "DELETE" or "OPTIONS",
            });
        });

        var builder = endpoints.MapMethods(pattern, [method], compiled.RequestDelegate);
        builder.Add(endpoint =>
        {
            foreach (var metadata in compiled.EndpointMetadata)
            {
                endpoint.Metadata.Add(metadata);
            }

            endpoint.Metadata.Add(handler.Method);
        });

        // Endpoint filters (WithFeatureGate is one) run only in delegates compiled with them: on a shared delegate they
        // would be skipped without a word, so they are refused.
        builder.Finally(endpoint =>
        {
            if (endpoint.FilterFactories.Count > 0)
            {
                throw new InvalidOperationException($"{method} {pattern}: a shared endpoint cannot have endpoint filters; map it with MapGet/MapPost.");
            }
        });
        return builder;
    }

    private sealed record Key(MethodInfo Method, string HttpMethod, string RouteParameters, string Services);

    private sealed class CreationServices(HashSet<Type> services, ILoggerFactory? loggerFactory) : IServiceProvider, IServiceProviderIsService
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IServiceProviderIsService) ? this :
            serviceType == typeof(ILoggerFactory) ? loggerFactory :
            null;

        public bool IsService(Type serviceType) => services.Contains(serviceType);
    }
}
