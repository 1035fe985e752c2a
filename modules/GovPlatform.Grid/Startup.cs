using GovPlatform.Grid.Endpoints;
using GovPlatform.Grid.Services;
using GovPlatform.Modules;
using GovPlatform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovPlatform.Grid;

/// <summary>The grid in a tenant: its snapshot and queries for other modules, the subtree scope, admin pages, public page.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<GridTreeCache>();
        services.AddScoped<GridDirectory>();
        services.AddScoped<IGridDirectory>(sp => sp.GetRequiredService<GridDirectory>());
        services.AddScoped<IGridScopeFilter, GridScopeFilter>();
        services.Replace(ServiceDescriptor.Singleton<IGridScopeEvaluator, SubtreeGridScopeEvaluator>());
        services.AddScoped<GridRuleRunner>();
        services.AddScoped<GridLevelsEditor>();
        services.AddScoped<GridUnitEditor>();
        services.AddScoped<GridPeopleEditor>();
        services.AddScoped<GridQueries>();
        services.AddScoped<IGridMaps, Map.GridPinMaps>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        GridAdminEndpoints.Map(endpoints);
        GridPublicEndpoints.Map(endpoints);
    }
}
