using GovPlatform.Modules;
using GovPlatform.Points.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Points;

/// <summary>Volunteer points in a tenant: the ledger, the rules, volunteers, activities, rewards, honour rolls and reports.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<PointsLedger>();
        services.AddScoped<PointRules>();
        services.AddScoped<Activities.ActivityService>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        Activities.ActivityEndpoints.Map(endpoints);
    }
}
