using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GovPlatform.Core.Shells;

/// <summary>
/// The host's registrations that every shell inherits. Closed singletons are resolved once from the host and
/// shared as instances (so a shell never creates or disposes them); everything else is copied and so is the
/// shell's own. Frameworks whose state is per tenant (routing, components, localisation, authentication,
/// feature flags…) are left out here and registered by each shell.
/// </summary>
public sealed class HostServices(IServiceCollection hostCollection)
{
    private static readonly string[] PerShellNamespaces =
    [
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Antiforgery",
        "Microsoft.AspNetCore.Localization",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Session",
        "Microsoft.AspNetCore.Http.Json",
        "Microsoft.Extensions.Localization",
        "Microsoft.FeatureManagement",
    ];

    private readonly Lock _gate = new();
    private IReadOnlyList<ServiceDescriptor>? _inherited;

    /// <summary>The host container, set once the host is built.</summary>
    public IServiceProvider? Provider { get; set; }

    /// <summary>Descriptors a shell starts from: computed once per host, shared by every shell.</summary>
    public IReadOnlyList<ServiceDescriptor> Inherited
    {
        get
        {
            if (_inherited is not null)
            {
                return _inherited;
            }

            lock (_gate)
            {
                return _inherited ??= Compute();
            }
        }
    }

    private List<ServiceDescriptor> Compute()
    {
        var provider = Provider ?? throw new InvalidOperationException("The host has not been built yet.");
        var result = new List<ServiceDescriptor>();
        foreach (var group in hostCollection.Where(d => !IsPerShell(d)).GroupBy(d => (d.ServiceType, d.IsKeyedService)))
        {
            var descriptors = group.ToList();
            if (group.Key.IsKeyedService || group.Key.ServiceType.IsGenericTypeDefinition
                || descriptors.Any(d => d.Lifetime != ServiceLifetime.Singleton))
            {
                result.AddRange(descriptors);
                continue;
            }

            // Resolve the host's instances once; the index keeps enumerable registrations in their order.
            List<object?> instances;
            try
            {
                instances = [.. provider.GetServices(group.Key.ServiceType)];
            }
            catch (InvalidOperationException)
            {
                instances = [];
            }

            if (instances.Count != descriptors.Count)
            {
                result.AddRange(descriptors);
                continue;
            }

            result.AddRange(instances.Select(instance => ServiceDescriptor.Singleton(group.Key.ServiceType, instance!)));
        }

        return result;
    }

    private static bool IsPerShell(ServiceDescriptor descriptor)
    {
        var type = descriptor.ServiceType;
        if (type == typeof(IConfiguration) || type == typeof(IHostedService) || type == typeof(IServer)
            || type == typeof(IStartupFilter) || type == typeof(IServiceProviderFactory<IServiceCollection>))
        {
            return true;
        }

        return MentionsPerShellType(type)
            || (descriptor.IsKeyedService ? descriptor.KeyedImplementationType : descriptor.ImplementationType) is { } impl && MentionsPerShellType(impl);
    }

    private static bool MentionsPerShellType(Type type)
    {
        if (type.Namespace is { } ns && PerShellNamespaces.Any(p => ns == p || ns.StartsWith(p + ".", StringComparison.Ordinal)))
        {
            return true;
        }

        return type.IsGenericType && type.GetGenericArguments().Any(MentionsPerShellType);
    }
}
