using System.Text;
using GovPlatform.Benchmarks.OutOfProcess;

namespace GovPlatform.Benchmarks;

/// <summary>
/// Requests per second and latency of a tenant's trivial endpoint (<c>/zhanqian/ping</c>) against the same endpoint in a
/// bare ASP.NET Core app, both as child processes loaded by wrk in alternating runs; plus the district home page.
/// </summary>
public static class ThroughputBenchmark
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private const int WarmupSeconds = 3;
    private const string Html = "text/html";

    public static async Task<string> RunAsync(BenchmarkOptions options)
    {
        var rounds = options.GetInt("rounds", 3);
        var seconds = options.GetInt("duration", 10);
        var connections = options.GetInt("connections", 32);
        var threads = options.GetInt("threads", 2);
        if (rounds < 1 || seconds < 1 || connections < 1 || threads < 1 || threads > connections)
        {
            throw new ArgumentException("--rounds, --duration, --connections and --threads must be positive (threads ≤ connections).");
        }

        var machine = await Samples.MachineAsync();
        var wrkVersion = await Wrk.VersionAsync()
            ?? throw new InvalidOperationException("wrk is not installed (Debian: apt-get install wrk).");

        using var folder = BenchFolder.Create();
        var ports = ChildApp.FreePorts(2);
        await using var bare = ChildApp.Start("bare app", BenchApps.BareDll, ports[0], folder: null);
        await using var host = ChildApp.Start("benchmark host", BenchApps.HostDll, ports[1], folder);

        // Ready: the bare app answers, Zhanqian is set up (its recipe runs on the first request) and its home page renders.
        await bare.WaitForOkAsync("/ping", ReadyTimeout, PollInterval);
        await host.WaitForOkAsync("/zhanqian/ping", ReadyTimeout, PollInterval);
        await ExpectAsync(bare, "/ping", null, "text/plain", "pong");
        await ExpectAsync(host, "/zhanqian/ping", null, "text/plain", "pong");
        await ExpectAsync(host, "/zhanqian/", Html, Html, "<html");

        var endpoints = new List<Endpoint>
        {
            new("/ping", "bare", bare, "/ping", null),
            new("/ping", "host", host, "/zhanqian/ping", null),
            new("/zhanqian/ (home page, `Accept: text/html`)", "host", host, "/zhanqian/", "Accept: " + Html),
        };

        foreach (var endpoint in endpoints)
        {
            await MeasureAsync(endpoint, threads, connections, WarmupSeconds);
        }

        // Alternating rounds: whatever drifts on the machine (thermal, other load) weighs on both sides alike.
        var results = endpoints.ToDictionary(e => e, _ => new List<Measured>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var endpoint in endpoints)
            {
                var result = await MeasureAsync(endpoint, threads, connections, seconds);
                results[endpoint].Add(result);
                Console.Error.WriteLine(
                    $"throughput round {round + 1}/{rounds}: {endpoint.App} {endpoint.Path}: {Samples.Format(result.Wrk.RequestsPerSecond, "0")} req/s, " +
                    $"p50 {Samples.Format(result.Wrk.P50, "0.000")} ms, p99 {Samples.Format(result.Wrk.P99, "0.000")} ms, " +
                    $"{Samples.Format(result.CpuMicrosecondsPerRequest, "0")} µs CPU per request");
            }
        }

        var medians = results.ToDictionary(r => r.Key, r => new
        {
            Rps = Samples.Median(r.Value.Select(x => x.Wrk.RequestsPerSecond)),
            P50 = Samples.Median(r.Value.Select(x => x.Wrk.P50)),
            P90 = Samples.Median(r.Value.Select(x => x.Wrk.P90)),
            P99 = Samples.Median(r.Value.Select(x => x.Wrk.P99)),
            Cpu = Samples.Median(r.Value.Select(x => x.CpuMicrosecondsPerRequest)),
        });

        var markdown = new StringBuilder();
        markdown.AppendLine("## Throughput");
        markdown.AppendLine();
        markdown.AppendLine(
            $"Machine: {machine}. {wrkVersion.Split(" Copyright", 2)[0]}: `wrk -t {threads} -c {connections} -d {seconds}s --latency`, " +
            $"{rounds} {(rounds == 1 ? "round" : "rounds")} alternating bare and host after a {WarmupSeconds} s warm-up of each; medians over rounds. " +
            "Both apps run at once as child processes (`dotnet <app>.dll`, Production, workstation GC, logging at Warning or off); " +
            "the one not being measured is idle. wrk runs on the same machine and competes with the server for its cores, alike for both sides. " +
            "The host serves `/zhanqian/ping` through tenant resolution, the tenant's shell and its pipeline (localisation, routing, antiforgery); " +
            "the bare app serves `/ping` with nothing around it.");
        markdown.AppendLine();
        markdown.AppendLine("| Endpoint | App | Requests/s | p50 ms | p90 ms | p99 ms |");
        markdown.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var endpoint in endpoints)
        {
            var m = medians[endpoint];
            markdown.AppendLine(
                $"| {endpoint.Label} | {endpoint.App} | {Samples.Format(m.Rps, "#,0")} | {Samples.Format(m.P50, "0.00")} | " +
                $"{Samples.Format(m.P90, "0.00")} | {Samples.Format(m.P99, "0.00")} |");
        }

        var bareMedians = medians[endpoints[0]];
        var hostMedians = medians[endpoints[1]];
        var rpsRatio = hostMedians.Rps / bareMedians.Rps;
        markdown.AppendLine();
        markdown.AppendLine(
            $"Ratio (host / bare) on /ping: requests/s {Samples.Format(rpsRatio, "0.00")} (target ≥ 0.90{(rpsRatio >= 0.9 ? ", met" : ", not met")}), " +
            $"p50 latency {Samples.Format(hostMedians.P50 / bareMedians.P50, "0.00")}×, p99 {Samples.Format(hostMedians.P99 / bareMedians.P99, "0.00")}×.");
        markdown.AppendLine();
        markdown.AppendLine(
            "The server's CPU time per request (user and system time of its process during a run, divided by the requests wrk counted; median): " +
            string.Join(", ", endpoints.Select(e => $"{e.App} {e.Path} {Samples.Format(medians[e].Cpu, "0")} µs")) + ".");
        return markdown.ToString();
    }

    private static async Task<Measured> MeasureAsync(Endpoint endpoint, int threads, int connections, int seconds)
    {
        try
        {
            var cpu = endpoint.Child.ProcessorTime;
            var result = await Wrk.RunAsync(endpoint.Child.BaseUrl + endpoint.Path, threads, connections, seconds, endpoint.Header);
            return new Measured(result, (endpoint.Child.ProcessorTime - cpu).TotalMicroseconds / result.Requests);
        }
        catch (InvalidOperationException ex)
        {
            throw endpoint.Child.Failure($"failed under load: {ex.Message}");
        }
    }

    private static async Task ExpectAsync(ChildApp app, string path, string? accept, string contentType, string bodyContains)
    {
        var (status, type, body) = await app.GetAsync(path, accept);
        if ((int)status != 200 || type != contentType || !body.Contains(bodyContains, StringComparison.OrdinalIgnoreCase))
        {
            throw app.Failure($"answered {path} with {(int)status} {type} instead of 200 {contentType} containing '{bodyContains}': " +
                body[..Math.Min(body.Length, 500)]);
        }
    }

    private sealed record Measured(WrkResult Wrk, double CpuMicrosecondsPerRequest);

    private sealed record Endpoint(string Label, string App, ChildApp Child, string Path, string? Header);
}
