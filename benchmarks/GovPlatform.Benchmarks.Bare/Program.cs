// The baseline of the throughput benchmark: the same endpoint as a tenant's /ping, with nothing around it.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/ping", () => Results.Text("pong"));
await app.RunAsync();
