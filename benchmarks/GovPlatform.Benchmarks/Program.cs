using GovPlatform.Benchmarks;

// dotnet GovPlatform.Benchmarks.dll <figure> [--out file.md] [options]: each figure prints a Markdown section.
return await BenchmarkCommands.RunAsync(args);
