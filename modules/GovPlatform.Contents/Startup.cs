using GovPlatform.Contents.Endpoints;
using GovPlatform.Contents.Jobs;
using GovPlatform.Contents.Media;
using GovPlatform.Contents.Rendering;
using GovPlatform.Contents.Services;
using GovPlatform.Jobs;
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
        services.AddSingleton<Navigation.ContentListMenu>();
        services.AddScoped<ContentTimeZone>();
        services.AddScoped<ContentValidator>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddScoped<IContentDefinitionStore>(sp => sp.GetRequiredService<ContentDefinitionStore>());
        services.AddScoped<ContentManager>();
        services.AddScoped<IContentManager>(sp => sp.GetRequiredService<ContentManager>());
        services.AddSingleton<IBackgroundTask, PublishScheduledTask>();
        MediaServices.Add(services);
        services.AddScoped<IMediaLookup, MediaLookup>();
        RenderingServices.Add(services);
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        ItemEndpoints.Map(endpoints);
        MediaEndpoints.Map(endpoints);
        TemplateEndpoints.Map(endpoints);
        TypeEndpoints.Map(endpoints);
        Api.ContentApiEndpoints.Map(endpoints);
        PublicEndpoints.Map(endpoints);
    }
}
