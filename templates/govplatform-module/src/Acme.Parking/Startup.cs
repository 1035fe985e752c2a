using System.Globalization;
using Acme.Parking.Components;
using GovPlatform.Modules;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Acme.Parking;

/// <summary>Maps the module's page and API in every tenant that enables the feature.</summary>
public sealed class Startup : ModuleStartup
{
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        // Shared endpoints are compiled once per host and reused by every tenant, so the handlers are static and read
        // the tenant from their parameters, never from this startup.
        endpoints.MapGetShared(ModuleInfo.PagePath, ShowPage).WithName(ModuleInfo.Id);
        endpoints.MapGetShared(ModuleInfo.StatusPath, GetStatus).WithName(ModuleInfo.Id + ".Status");
    }

    /// <summary>The page, in the tenant's theme.</summary>
    internal static RazorComponentResult<ModulePage> ShowPage(ITenant tenant) =>
        new(new { Tenant = tenant.GetDisplayName(CultureInfo.CurrentUICulture.Name) });

    /// <summary>The module's status as JSON: which module and version answers, for which tenant, on which SDK.</summary>
    internal static Ok<ModuleStatus> GetStatus(ITenant tenant) =>
        TypedResults.Ok(new ModuleStatus(ModuleInfo.Id, ModuleInfo.Version, tenant.Name, SdkInfo.Version));
}

/// <summary>The JSON answer of <see cref="ModuleInfo.StatusPath"/>.</summary>
public sealed record ModuleStatus(string Module, string Version, string Tenant, string Sdk);
