using GovPlatform.Jobs;
using GovPlatform.Modules;
using GovPlatform.Petitions.Api;
using GovPlatform.Petitions.Endpoints;
using GovPlatform.Petitions.Jobs;
using GovPlatform.Petitions.Ledger;
using GovPlatform.Petitions.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Petitions;

/// <summary>The petitions hall in a tenant: intake, the loop's commands, deadlines, the pages and the API.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<PetitionCatalogCache>();
        services.AddScoped<PetitionSettingsStore>();
        services.AddScoped<PetitionDeadlines>();
        services.AddScoped<PetitionFiles>();
        services.AddScoped<PetitionCatalogEditor>();
        services.AddScoped<PetitionWorkflow>();
        services.AddScoped<IPetitionLoop>(sp => sp.GetRequiredService<PetitionWorkflow>());
        services.AddScoped<PetitionIntakeService>();
        services.AddScoped<IPetitionIntake>(sp => sp.GetRequiredService<PetitionIntakeService>());
        services.AddScoped<IPetitionCategories, PetitionCategoriesService>();
        services.AddScoped<PetitionScope>();
        services.AddScoped<PetitionNotifier>();
        services.AddScoped<PetitionTracking>();
        services.AddScoped<PetitionStatistics>();
        services.AddScoped<LedgerExport>();
        services.AddSingleton<IBackgroundTask, PetitionDeadlineTask>();
        services.AddScoped<Endpoints.PetitionWorkbench>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        PetitionApiEndpoints.Map(endpoints);
        PublicPetitionEndpoints.Map(endpoints);
        WorkbenchEndpoints.Map(endpoints);
        LedgerEndpoints.Map(endpoints);
        CatalogEndpoints.Map(endpoints);
    }
}
