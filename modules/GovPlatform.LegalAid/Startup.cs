using GovPlatform.LegalAid.Services;
using GovPlatform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.LegalAid;

/// <summary>Public legal services in a tenant: stations, advisers, appointments, consultations, legal aid, evening receptions, statistics.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<LegalAidSettingsStore>();
        services.AddScoped<LegalAidNumbers>();
        services.AddScoped<BookingService>();
        services.AddScoped<Stations.StationEditor>();
        services.AddScoped<Advisers.AdviserEditor>();
        services.AddScoped<Advisers.CoverageReport>();
        services.AddScoped<Directory.LegalDirectory>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        Directory.DirectoryEndpoints.Map(endpoints);
        Advisers.AdviserEndpoints.Map(endpoints);
        Stations.StationEndpoints.Map(endpoints);
    }
}
