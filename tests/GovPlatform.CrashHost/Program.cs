using GovPlatform.Core.Hosting;
using Microsoft.AspNetCore.Mvc;

// src/Host/Program.cs with the test modules referenced: the same host, started as a child process by the tests.
// Everything else (URLs, data root, tenants folder, providers) comes from environment variables.
var builder = WebApplication.CreateBuilder(args);

builder.WebHost.UseStaticWebAssets();
builder.AddGovPlatform();

var app = builder.Build();
if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteProblemAsync });
}

app.UseForwardedHeaders();
app.UseStaticFiles();
await app.UseGovPlatformAsync();
await app.RunAsync();

// As src/Host/HostErrors.cs: unhandled errors become problem details with a trace id.
static Task WriteProblemAsync(HttpContext context)
{
    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
    var problem = new ProblemDetails
    {
        Status = StatusCodes.Status500InternalServerError,
        Title = "Internal server error",
        Detail = "The request failed; the error is in the host log under this trace id.",
    };
    problem.Extensions["traceId"] = context.TraceIdentifier;
    return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
}
