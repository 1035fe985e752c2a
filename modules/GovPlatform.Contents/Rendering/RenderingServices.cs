using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents.Rendering;

/// <summary>Registers the Liquid rendering of contents in a tenant's shell.</summary>
public static class RenderingServices
{
    /// <summary>Adds <see cref="ContentRenderer"/> and <see cref="ContentTemplateStore"/> (scoped) and what they use.</summary>
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<ContentTemplateOverrides>();
        services.AddScoped<ContentRenderer>();
        services.AddScoped<ContentTemplateStore>();
    }
}
