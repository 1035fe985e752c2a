using GovPlatform.Home.Components;
using GovPlatform.Home.Models;
using GovPlatform.Modules;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace GovPlatform.Home;

/// <summary>Maps the district's home page at the root of its site.</summary>
public sealed class Startup : ModuleStartup
{
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        endpoints.MapGet("/", (ITenant tenant, HttpContext context) =>
        {
            var site = tenant.Settings.GetSection("Site").Get<SiteProfile>() ?? new SiteProfile();
            if (site.Name.Count == 0)
            {
                site.Name["zh-CN"] = tenant.DisplayName;
            }

            return new RazorComponentResult<HomePage>(new { Site = site, BasePath = context.Request.PathBase.Value ?? "" });
        }).WithName("GovPlatform.Home");
    }
}
