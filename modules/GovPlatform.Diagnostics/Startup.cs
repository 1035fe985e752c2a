using GovPlatform.Modules;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Diagnostics;

/// <summary>Maps <c>/diagnostics</c>: what this tenant's shell is made of. Settings values are never shown.</summary>
public sealed class Startup : ModuleStartup
{
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        endpoints.MapGet("/diagnostics", (ITenant tenant, IShellFeatures features) => Results.Ok(new TenantDiagnostics(
            tenant.Name,
            tenant.DisplayName,
            tenant.State.ToString(),
            tenant.UrlPrefix,
            tenant.Culture,
            tenant.TimeZone,
            [.. features.Enabled.Select(f => new FeatureDiagnostics(f.Id, f.Name, f.ModuleId))])))
            .WithName("GovPlatform.Diagnostics");
    }
}
