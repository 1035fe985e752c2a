using System.Diagnostics;
using System.Globalization;
using System.Text;
using GovPlatform.Benchmarks.InProcess;

namespace GovPlatform.Benchmarks;

/// <summary>
/// Time to build a tenant's shell: cold (each tenant's first activation after host start, in a fresh process),
/// in parallel, warm (re-activation after an idle release), and rebuild after a feature change. The tenants
/// cycle through the four districts' recipes, so they have the districts' feature sets.
/// </summary>
public static class ActivationBenchmark
{
    public sealed record Result(double HostStartMs, double FirstMs, List<double> ColdMs, List<double> WarmMs, List<double> ChangeMs, double ParallelWallMs, List<double> ParallelMs, int Parallelism);

    public static async Task<string> RunAsync(BenchmarkOptions options)
    {
        var tenants = options.GetInt("tenants", 200);
        var root = InProcessHost.PrepareFolder();
        try
        {
            var setup = Stopwatch.StartNew();
            await using (var host = await InProcessHost.StartAsync(root))
            {
                await host.CreateDistrictsAsync(tenants);
            }

            setup.Stop();
            var count = tenants.ToString(CultureInfo.InvariantCulture);
            var cores = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
            var sequential = await ChildProcess.RunAsync<Result>("activation-measure", "--root", root, "--tenants", count);
            var parallel = await ChildProcess.RunAsync<Result>("activation-measure", "--root", root, "--tenants", count, "--parallel", cores);
            var firstRequests = await ChildProcess.RunAsync<Result>("activation-measure", "--root", root, "--tenants", count, "--http", "true");
            var firstRequestsParallel = await ChildProcess.RunAsync<Result>("activation-measure", "--root", root, "--tenants", count, "--http", "true", "--parallel", cores);
            return Format(tenants, setup.Elapsed.TotalMilliseconds / tenants, sequential, parallel, firstRequests, firstRequestsParallel);
        }
        finally
        {
            TryDelete(root);
        }
    }

    /// <summary>The child's part: a fresh host over the prepared folder.</summary>
    public static async Task<string> MeasureAsync(BenchmarkOptions options)
    {
        var root = options.Get("root")!;
        var tenants = options.GetInt("tenants", 200);
        var parallelism = options.GetInt("parallel", 1);
        var http = options.Get("http") == "true";
        var names = Enumerable.Range(0, tenants).Select(i => $"t{i:D5}").ToList();
        var start = Stopwatch.StartNew();
        await using var host = await InProcessHost.StartAsync(root, listen: http);
        var hostStart = start.Elapsed.TotalMilliseconds;
        var shells = host.Shells;
        using var client = new HttpClient { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        // With --http, the time of each tenant's first request to its home page: resolution, activation, first render.
        async Task<double> ActivateAsync(string name)
        {
            var stopwatch = Stopwatch.StartNew();
            if (http)
            {
                using var response = await client.GetAsync($"/{name}/");
                response.EnsureSuccessStatusCode();
                stopwatch.Stop();
                return stopwatch.Elapsed.TotalMilliseconds;
            }

            var shell = await shells.EnterAsync(name);
            stopwatch.Stop();
            shell.Exit();
            return stopwatch.Elapsed.TotalMilliseconds;
        }

        if (parallelism > 1)
        {
            var samples = new System.Collections.Concurrent.ConcurrentBag<double>();
            var wall = Stopwatch.StartNew();
            await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (name, _) => samples.Add(await ActivateAsync(name)));
            return ChildProcess.Result(new Result(hostStart, 0, [], [], [], wall.Elapsed.TotalMilliseconds, [.. samples], parallelism));
        }

        var first = await ActivateAsync(names[0]);
        var cold = new List<double>();
        foreach (var name in names.Skip(1))
        {
            cold.Add(await ActivateAsync(name));
        }

        if (http)
        {
            return ChildProcess.Result(new Result(hostStart, first, cold, [], [], 0, [], 1));
        }

        shells.ReleaseIdle(TimeSpan.Zero);
        await Task.Delay(200);
        var warm = new List<double>();
        foreach (var name in names)
        {
            warm.Add(await ActivateAsync(name));
        }

        var change = new List<double>();
        foreach (var name in names)
        {
            var stopwatch = Stopwatch.StartNew();
            await shells.ChangeFeaturesAsync(name, ["GovPlatform.Diagnostics"], []);
            change.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return ChildProcess.Result(new Result(hostStart, first, cold, warm, change, 0, [], 1));
    }

    private static string Format(int tenants, double setupPerTenant, Result sequential, Result parallel, Result firstRequests, Result firstRequestsParallel)
    {
        static string Row(string what, IReadOnlyList<double> samples) =>
            $"| {what} | {samples.Count} | {Statistics.Ms(Statistics.Percentile(samples, 50))} | {Statistics.Ms(Statistics.Percentile(samples, 95))} | {Statistics.Ms(samples.Count == 0 ? double.NaN : samples.Max())} |";

        var text = new StringBuilder()
            .AppendLine("## Activation")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{tenants} tenants on SQLite, cycling through the four districts' recipes (features `GovPlatform.Home`, the district's public theme and the admin theme, and the always-on ones; site settings). Each row is measured in a fresh process over the same folder. *Activation* is `ShellHost.EnterAsync` (load the tenant's state, check its migrations, build its container and pipeline); *first request* is an HTTP GET of the tenant's home page through Kestrel on loopback (resolution, activation, first render).")
            .AppendLine()
            .AppendLine("| What | Tenants | Median ms | p95 ms | Max ms |")
            .AppendLine("|---|---|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| Activation of the first tenant after host start (JIT included) | 1 | {Statistics.Ms(sequential.FirstMs)} | | |")
            .AppendLine(Row("Cold activation: each tenant's first after host start, one at a time", sequential.ColdMs))
            .AppendLine(Row($"Cold activation, {parallel.Parallelism} at a time", parallel.ParallelMs))
            .AppendLine(CultureInfo.InvariantCulture, $"| First request of the first tenant after host start (JIT included) | 1 | {Statistics.Ms(firstRequests.FirstMs)} | | |")
            .AppendLine(Row("Cold first request: each tenant's home page, one at a time", firstRequests.ColdMs))
            .AppendLine(Row($"Cold first request, {firstRequestsParallel.Parallelism} at a time", firstRequestsParallel.ParallelMs))
            .AppendLine(Row("Warm activation: again after an idle release", sequential.WarmMs))
            .AppendLine(Row("Rebuild after a feature change (enable Diagnostics)", sequential.ChangeMs))
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{parallel.Parallelism} at a time, {tenants} tenants were activated in {Statistics.Ms(parallel.ParallelWallMs)} ms ({Statistics.Ms(parallel.ParallelWallMs / tenants)} ms of wall time per tenant), and served their first request in {Statistics.Ms(firstRequestsParallel.ParallelWallMs)} ms ({Statistics.Ms(firstRequestsParallel.ParallelWallMs / tenants)} ms per tenant). Host start (catalog, store, {tenants + 5} tenants listed, no shell built): {Statistics.Ms(sequential.HostStartMs)} ms. Creating and setting up a tenant (database created, recipe run): {Statistics.Ms(setupPerTenant)} ms each.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Target: cold activation median under 20 ms — {(Statistics.Percentile(sequential.ColdMs, 50) < 20 ? "met" : "**missed**")} ({Statistics.Ms(Statistics.Percentile(sequential.ColdMs, 50))} ms; with the first render, {Statistics.Ms(Statistics.Percentile(firstRequests.ColdMs, 50))} ms).");
        return text.ToString();
    }

    internal static void TryDelete(string root)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
