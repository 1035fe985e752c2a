namespace GovPlatform.Benchmarks;

// Placeholder until the figure is written.
public static class ActivationBenchmark
{
    public static Task<string> RunAsync(BenchmarkOptions options) => throw new NotImplementedException();
}
