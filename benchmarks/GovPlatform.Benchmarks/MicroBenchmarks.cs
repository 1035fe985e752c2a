namespace GovPlatform.Benchmarks;

// Placeholder until the figure is written.
public static class MicroBenchmarks
{
    public static string Run(BenchmarkOptions options) => throw new NotImplementedException();
}
