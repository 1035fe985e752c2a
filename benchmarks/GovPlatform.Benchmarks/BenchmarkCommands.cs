namespace GovPlatform.Benchmarks;

/// <summary>The figures the runner knows, by command name.</summary>
public static class BenchmarkCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: GovPlatform.Benchmarks <throughput|startup|activation|memory|micro> [--out file.md] [options]");
            return 2;
        }

        var options = BenchmarkOptions.Parse(args[1..]);
        string markdown = args[0] switch
        {
            "throughput" => await ThroughputBenchmark.RunAsync(options),
            "startup" => await StartupBenchmark.RunAsync(options),
            "activation" => await ActivationBenchmark.RunAsync(options),
            "memory" => await MemoryBenchmark.RunAsync(options),
            "micro" => MicroBenchmarks.Run(options),
            "activation-measure" => await ActivationBenchmark.MeasureAsync(options),
            "memory-measure" => await MemoryBenchmark.MeasureAsync(options),
            _ => throw new ArgumentException($"Unknown figure '{args[0]}'."),
        };

        Console.WriteLine(markdown);
        if (options.Get("out") is { } path)
        {
            await File.WriteAllTextAsync(path, markdown);
        }

        return 0;
    }
}
