using GovPlatform.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovPlatform.Contents.Media;

/// <summary>The media library's services in a tenant's shell.</summary>
internal static class MediaServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().Configure<IConfiguration>((options, configuration) => configuration.GetSection(MediaOptions.Section).Bind(options));

        // The upload endpoints carry the tenant's request limit in their metadata: tenants with other limits must not
        // share endpoints with it.
        services.AddSingleton<IEndpointVariant, MediaEndpointVariant>();

        // TryAdd: a vendor module's store (an object store for a cluster) registered before it wins; one registered
        // after it wins as well, being the last.
        services.TryAddSingleton<IMediaStore, TenantFilesMediaStore>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<MediaUsage>();
    }
}
