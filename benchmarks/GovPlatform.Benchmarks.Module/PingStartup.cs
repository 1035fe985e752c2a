using GovPlatform.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Benchmarks.Module;

/// <summary>The same endpoint as the bare app's: <c>GET /ping</c> → <c>pong</c>.</summary>
[ForFeature("Bench.Ping")]
public sealed class PingStartup : ModuleStartup
{
    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services) =>
        endpoints.MapGet("/ping", () => Results.Text("pong"));
}
