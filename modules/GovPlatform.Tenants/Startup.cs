using System.Globalization;
using GovPlatform.Core.Packages;
using GovPlatform.Core.Shells;
using GovPlatform.Modules;
using GovPlatform.Tenants.Admin;
using GovPlatform.Tenants.Api;
using GovPlatform.Tenants.Components;
using GovPlatform.Tenants.Packages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Tenants;

/// <summary>The Default tenant's landing page and the host management API.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddScoped<TenantCreator>();
        services.AddSingleton<HostSetupToken>();
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        endpoints.MapGetShared("/", (ShellHost host, ITenant tenant, HttpContext context) =>
        {
            var culture = CultureInfo.CurrentUICulture.Name;
            var site = tenant.Settings.GetSection("Site");
            return new RazorComponentResult<LandingPage>(new
            {
                Districts = host.Tenants.Where(t => !t.IsDefault && t.State != TenantState.Invalid).ToList(),
                Title = Localized(site.GetSection("Name"), culture) ?? tenant.DisplayName,
                Tagline = Localized(site.GetSection("Tagline"), culture) ?? "",
                Scheme = context.Request.Scheme,
            });
        }).WithName("GovPlatform.Tenants.Landing");

        TenantApi.Map(endpoints);
        HostAdminEndpoints.Map(endpoints);
        PackageApi.Map(endpoints);
        PackageAdminEndpoints.Map(endpoints, PackageUpload.BodyLimit(services.GetRequiredService<ModulePackages>().Options));
    }

    private static string? Localized(IConfigurationSection section, string culture) =>
        section[culture] ?? section[culture.Split('-')[0]] ?? section["zh-CN"];
}
