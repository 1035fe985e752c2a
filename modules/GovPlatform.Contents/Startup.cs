using GovPlatform.Contents.Endpoints;
using GovPlatform.Contents.Rendering;
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
        RenderingServices.Add(services);
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        TemplateEndpoints.Map(endpoints);
    }
}
