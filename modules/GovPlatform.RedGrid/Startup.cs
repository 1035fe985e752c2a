using GovPlatform.Modules;
using GovPlatform.RedGrid.Lists;
using GovPlatform.RedGrid.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.RedGrid;

/// <summary>Red-grid party building in a tenant: organisations on the grid, members, joint committees, the three lists, pairing, service centres, reports.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<RedGridSettingsStore>();
        services.AddScoped<CoverageService>();
        services.AddScoped<Pairings.PairingService>();
        services.AddScoped<Centres.CentreEditor>();
        services.AddScoped<Organisations.OrganisationEditor>();
        services.AddScoped<Committees.CommitteeEditor>();
        services.AddScoped<Members.MemberService>();
        services.AddScoped<Members.ReportingReport>();
        services.AddScoped<ResidentUnitEditor>();
        services.AddScoped<NeedBoard>();
        services.AddScoped<ResourceMatcher>();
        services.AddScoped<ProjectBoard>();
        services.AddScoped<Reports.CombinedReports>();
        services.AddScoped<Site.RedGridLanding>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        Pairings.PairingEndpoints.Map(endpoints);
        Centres.CentreEndpoints.Map(endpoints);
        Organisations.CoverageEndpoints.Map(endpoints);
        Organisations.OrganisationEndpoints.Map(endpoints);
        Committees.CommitteeEndpoints.Map(endpoints);
        Members.MemberEndpoints.Map(endpoints);
        ListsEndpoints.Map(endpoints);
        Reports.ReportsEndpoints.Map(endpoints);
        Site.RedGridSiteEndpoints.Map(endpoints);
    }
}
