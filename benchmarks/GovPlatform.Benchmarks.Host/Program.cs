using GovPlatform.Core.Hosting;

// src/Host/Program.cs with the benchmark module: URLs, data root, tenants folder come from the command line or
// environment, as for the real host. Logging is kept to warnings so that it does not weigh on the figures.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddGovPlatform();

var app = builder.Build();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandler = context =>
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return Task.CompletedTask;
    },
});
app.UseForwardedHeaders();
app.UseStaticFiles();
await app.UseGovPlatformAsync();
await app.RunAsync();

/// <summary>The entry point, for in-process benchmarks (WebApplicationFactory-free: they build the app themselves).</summary>
public partial class Program;
