using GovPlatform.Home.Components;
using GovPlatform.Home.Models;
using GovPlatform.Modules;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Home;

/// <summary>Maps the district's home page at the root of its site.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        // Bound once per shell: a change of site settings builds a new shell, so the profile is never stale.
        services.AddSingleton(sp =>
        {
            var tenant = sp.GetRequiredService<ITenant>();
            var site = tenant.Settings.GetSection("Site").Get<SiteProfile>() ?? new SiteProfile();
            if (site.Name.Count == 0)
            {
                site.Name["zh-CN"] = tenant.DisplayName;
            }

            return site;
        });
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        endpoints.MapGetShared("/", ([FromServices] SiteProfile site) => new RazorComponentResult<HomePage>(new { Site = site }))
            .WithName("GovPlatform.Home");
    }
}
