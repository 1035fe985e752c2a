using GovPlatform.Jobs;
using GovPlatform.Mediation.Bodies;
using GovPlatform.Mediation.Services;
using GovPlatform.Mediation.Statistics;
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
        services.AddScoped<Endpoints.DisputeDesk>();
        services.AddScoped<Screening.ScreeningService>();
        services.AddSingleton<IBackgroundTask, Jobs.ScreeningTask>();
        services.AddScoped<MediationStatistics>();
        services.AddScoped<StatisticsExport>();
        services.AddScoped<Sessions.SessionService>();
        services.AddSingleton<IBackgroundTask, Jobs.SessionReminderTask>();
        services.AddScoped<MediationBodyEditor>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        Endpoints.DisputeEndpoints.Map(endpoints);
        Screening.ScreeningEndpoints.Map(endpoints);
        StatisticsEndpoints.Map(endpoints);
        Sessions.SessionEndpoints.Map(endpoints);
        BodyEndpoints.Map(endpoints);
    }
}
