using GovPlatform.Contents.Services;
using GovPlatform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Contents;

/// <summary>Contents in a tenant: definitions, items, media, rendering, admin pages, public pages and the API.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ContentRouteReservations>();
        services.AddScoped<ContentTimeZone>();
        services.AddScoped<ContentValidator>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddScoped<IContentDefinitionStore>(sp => sp.GetRequiredService<ContentDefinitionStore>());
        services.AddScoped<ContentManager>();
        services.AddScoped<IContentManager>(sp => sp.GetRequiredService<ContentManager>());
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        services.GetRequiredService<ContentRouteReservations>().Attach(endpoints.DataSources);
        Api.ContentApiEndpoints.Map(endpoints);
    }
}
