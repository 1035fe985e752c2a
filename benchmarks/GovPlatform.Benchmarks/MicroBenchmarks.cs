using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GovPlatform.Benchmarks.Micro;

namespace GovPlatform.Benchmarks;

/// <summary>BenchmarkDotNet micro benchmarks of the per-request and per-activation paths, run in this process.</summary>
public static class MicroBenchmarks
{
    public static string Run(BenchmarkOptions options)
    {
        var job = (options.Get("quick") == "true" ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(NullLogger.Instance)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "govplatform-benchmarkdotnet"));
        // --only route|shell|grid|liquid|petitions runs one set (for a quicker look at one part). The petitions set
        // seeds a district of a million petitions the first time (minutes), so it runs only when asked for by name.
        var only = options.Get("only");
        var sets = new (string Name, Func<BenchmarkDotNet.Reports.Summary> Run)[]
        {
            ("route", () => BenchmarkRunner.Run<RouteTableBenchmarks>(config)),
            ("shell", () => BenchmarkRunner.Run<ShellBuildBenchmarks>(config)),
            ("grid", () => BenchmarkRunner.Run<GridBenchmarks>(config)),
            ("liquid", () => BenchmarkRunner.Run<LiquidBenchmarks>(config)),
            ("petitions", () => BenchmarkRunner.Run<PetitionBenchmarks>(config)),
        };
        PetitionBenchmarkStore.Count = options.GetInt("petitions", PetitionBenchmarkStore.Count);
        PetitionBenchmarkStore.Provider = options.Get("provider")?.ToLowerInvariant() ?? PetitionBenchmarkStore.Provider;
        List<BenchmarkDotNet.Reports.Summary> summaries;
        try
        {
            summaries = [.. sets.Where(s => only is null ? s.Name != "petitions" : s.Name == only).Select(s => s.Run())];
        }
        finally
        {
            PetitionBenchmarkStore.DisposeAsync().GetAwaiter().GetResult();
        }

        var text = new StringBuilder()
            .AppendLine("## Micro benchmarks")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"BenchmarkDotNet {typeof(BenchmarkRunner).Assembly.GetName().Version}, `{job.Id}` job, in-process toolchain.")
            .AppendLine()
            .AppendLine("| Benchmark | Mean | Allocated | Ratio to its baseline |")
            .AppendLine("|---|---|---|---|");
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                var mean = report.ResultStatistics?.Mean;
                var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);

                // A benchmark with a baseline in its category (the grid's) is also given as a ratio to it, measured side by
                // side, with the same parameters (the petitions' provider).
                var category = report.BenchmarkCase.Descriptor.Categories.FirstOrDefault();
                var parameters = report.BenchmarkCase.Parameters.DisplayInfo;
                var baseline = category is null ? null : summary.Reports.FirstOrDefault(r =>
                    r.BenchmarkCase.Descriptor.Baseline && r.BenchmarkCase.Descriptor.Categories.Contains(category) && r != report
                    && r.BenchmarkCase.Parameters.DisplayInfo == parameters);
                var ratio = mean is { } m && baseline?.ResultStatistics?.Mean is { } b && b > 0 ? (m / b).ToString("0.000", CultureInfo.InvariantCulture) : "";
                var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
                if (report.BenchmarkCase.HasParameters)
                {
                    name += $" {parameters}";
                }

                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {(mean is null ? "failed" : FormatTime(mean.Value))} | {(allocated is null ? "" : FormatBytes(allocated.Value))} | {ratio} |");
            }
        }

        return text.ToString();
    }

    private static string FormatTime(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => $"{nanoseconds.ToString("0.0", CultureInfo.InvariantCulture)} ns",
        < 1_000_000 => $"{(nanoseconds / 1_000).ToString("0.00", CultureInfo.InvariantCulture)} µs",
        _ => $"{(nanoseconds / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture)} ms",
    };

    private static string FormatBytes(long bytes) => bytes < 1024 ? $"{bytes} B" : $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB";
}
