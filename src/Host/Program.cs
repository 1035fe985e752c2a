using GovPlatform.Core.Hosting;
using GovPlatform.Host;

var builder = WebApplication.CreateBuilder(args);

// Modules' static files (/_content/<module>/…) are served from the build output too, not only in Development.
builder.WebHost.UseStaticWebAssets();
builder.AddGovPlatform();

var app = builder.Build();
if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HostErrors.WriteProblemAsync });
}

app.UseForwardedHeaders();
app.UseStaticFiles();
await app.UseGovPlatformAsync();
await app.RunAsync();

/// <summary>The host's entry point, named for the test host.</summary>
public partial class Program;
