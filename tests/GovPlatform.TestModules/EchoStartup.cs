using GovPlatform.Modules;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.AspNetCore;

namespace GovPlatform.TestModules;

[ForFeature("Test.Echo")]
public sealed class EchoStartup : ModuleStartup
{
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services)
    {
        endpoints.MapGet("/echo", (ITenant tenant, HttpContext context) => Results.Ok(new
        {
            tenant = tenant.Name,
            secret = tenant.Settings["Echo:Secret"],
            pathBase = context.Request.PathBase.Value,
            path = context.Request.Path.Value,
        }));
        endpoints.MapGet("/echo/flags/{flag}", async (string flag, IFeatureManager flags) => Results.Ok(new { flag, enabled = await flags.IsEnabledAsync(flag) }));
        endpoints.MapGet("/echo/beta", () => Results.Ok("beta")).WithFeatureGate("Beta");
        endpoints.MapGet("/echo/slow", async (int ms) =>
        {
            await Task.Delay(ms);
            return Results.Ok("slow");
        });
    }
}
