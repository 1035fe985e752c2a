using GovPlatform.Modules;

[assembly: Module("GovPlatform.Benchmarks.Module", "Benchmarks", Version = "1.0.0", Category = "Benchmarks",
    Description = "The trivial endpoint the throughput benchmark compares with a bare ASP.NET Core app.")]
[assembly: Feature("Bench.Ping", "Ping", Description = "GET /ping answers 'pong' as text.")]
