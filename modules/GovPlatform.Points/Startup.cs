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
        services.AddScoped<Volunteers.VolunteerService>();
        services.AddScoped<Volunteers.TeamService>();
        services.AddScoped<Volunteers.VolunteerPageLoader>();
        services.AddScoped<Rewards.RewardCatalog>();
        services.AddScoped<Rewards.RedemptionDesk>();
        services.AddScoped<Honours.HonourRoll>();
        services.AddScoped<Reports.PointsReport>();
        services.AddScoped<Reports.PointsReportExport>();
        services.AddSingleton<GovPlatform.Jobs.IBackgroundTask, Jobs.PointsExpiryTask>();
        services.AddScoped<Activities.ActivityService>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        Volunteers.VolunteerEndpoints.Map(endpoints);
        Rewards.RewardEndpoints.Map(endpoints);
        Honours.HonourEndpoints.Map(endpoints);
        Rules.RuleEndpoints.Map(endpoints);
        Reports.ReportEndpoints.Map(endpoints);
        Activities.ActivityEndpoints.Map(endpoints);
    }
}
