using GovPlatform.Mediation.Bodies;
using GovPlatform.Mediation.Services;
using GovPlatform.Modules;
using GovPlatform.Petitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Mediation;

/// <summary>Mediation in a tenant: the ledger, bodies, screening, sessions, statistics, and the petitions hall's mediation room.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<MediationSettingsStore>();
        services.AddScoped<DisputeAccess>();
        services.AddScoped<MediationAlerts>();
        services.AddScoped<DisputeLedger>();
        services.AddScoped<IPetitionRoom, MediationRoom>();
        services.AddScoped<MediationBodyEditor>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        BodyEndpoints.Map(endpoints);
    }
}
