using System.Diagnostics;
using System.Globalization;
using System.Text;
using GovPlatform.Benchmarks.InProcess;

namespace GovPlatform.Benchmarks;

/// <summary>
/// Memory per tenant: N tenants are created, then a fresh process starts the host over them, measures its baseline,
/// activates every tenant, measures, releases the idle shells and measures again.
/// </summary>
public static class MemoryBenchmark
{
    public sealed record Result(int Tenants, MemorySample Baseline, MemorySample Active, MemorySample Released, double ActivateAllMs);

    public static async Task<string> RunAsync(BenchmarkOptions options)
    {
        var counts = (options.Get("counts") ?? "1000,5000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).Order().ToList();
        var root = InProcessHost.PrepareFolder();
        var results = new List<(Result Result, double CreateMs)>();
        try
        {
            var created = 0;
            foreach (var count in counts)
            {
                var stopwatch = Stopwatch.StartNew();
                await using (var host = await InProcessHost.StartAsync(root))
                {
                    await host.CreateDistrictsAsync(count - created, $"m{created:D5}x");
                }

                created = count;
                results.Add((await ChildProcess.RunAsync<Result>("memory-measure", "--root", root), stopwatch.Elapsed.TotalMilliseconds));
            }

            return Format(results);
        }
        finally
        {
            ActivationBenchmark.TryDelete(root);
        }
    }

    /// <summary>The child's part: a fresh host over the prepared folder.</summary>
    public static async Task<string> MeasureAsync(BenchmarkOptions options)
    {
        await using var host = await InProcessHost.StartAsync(options.Get("root")!);
        var shells = host.Shells;
        var names = shells.Tenants.Where(t => !t.IsDefault && t.State == GovPlatform.Tenants.TenantState.Running).Select(t => t.Name).ToList();

        // The baseline is a started host whose Default tenant has served: what any host has.
        (await shells.EnterAsync("default")).Exit();
        var baseline = await MemorySample.TakeAsync();

        var stopwatch = Stopwatch.StartNew();
        foreach (var name in names)
        {
            (await shells.EnterAsync(name)).Exit();
        }

        stopwatch.Stop();
        var active = await MemorySample.TakeAsync();
        shells.ReleaseIdle(TimeSpan.Zero);
        var released = await MemorySample.TakeAsync();
        (await shells.EnterAsync("default")).Exit();
        return ChildProcess.Result(new Result(names.Count, baseline, active, released, stopwatch.Elapsed.TotalMilliseconds));
    }

    private static string Format(List<(Result Result, double CreateMs)> results)
    {
        var text = new StringBuilder()
            .AppendLine("## Memory per tenant")
            .AppendLine()
            .AppendLine("Tenants cycle through the four districts' recipes, on SQLite. A fresh process starts the host over them (nothing built), serves the Default tenant (the baseline), activates every tenant, then releases the idle shells. Managed heap after a full compacting collection; working set from the OS. \"Per tenant\" is above the baseline.")
            .AppendLine()
            .AppendLine("| Tenants | Baseline heap MB | Baseline working set MB | Active: heap MB | per tenant KB | Active: working set MB | per tenant KB | Released: heap MB | Released: working set MB | Activate all, s |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (result, _) in results)
        {
            var above = result.Active.Minus(result.Baseline);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Tenants} | {Statistics.Mb(result.Baseline.ManagedHeap)} | {Statistics.Mb(result.Baseline.WorkingSet)} | {Statistics.Mb(result.Active.ManagedHeap)} | {Statistics.Kb(above.ManagedHeap / (double)result.Tenants)} | {Statistics.Mb(result.Active.WorkingSet)} | {Statistics.Kb(above.WorkingSet / (double)result.Tenants)} | {Statistics.Mb(result.Released.ManagedHeap)} | {Statistics.Mb(result.Released.WorkingSet)} | {(result.ActivateAllMs / 1000).ToString("0.0", CultureInfo.InvariantCulture)} |");
        }

        var largest = results[^1].Result;
        var perTenant = largest.Active.Minus(largest.Baseline).ManagedHeap / (double)largest.Tenants;
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Target: under 0.5 MB (512 KB) of managed heap per idle activated tenant, 5,000 tenants in one host — {(perTenant < 512 * 1024 && largest.Tenants >= 5000 ? "met" : "**missed**")} ({Statistics.Kb(perTenant)} KB at {largest.Tenants}).");
        return text.ToString();
    }
}
