using System.Text;
using GovPlatform.Benchmarks.OutOfProcess;

namespace GovPlatform.Benchmarks;

/// <summary>
/// Time from process start to the first answered request, and the working set then, for the benchmark host with one
/// tenant (Zhanqian: on a fresh data folder, where its recipe runs on that request, and restarted over the same folder)
/// and for the bare ASP.NET Core app as the baseline.
/// </summary>
public static class StartupBenchmark
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private const double TargetMs = 1000;

    public static async Task<string> RunAsync(BenchmarkOptions options)
    {
        var runs = options.GetInt("runs", 5);
        if (runs < 1)
        {
            throw new ArgumentException("--runs must be positive.");
        }

        var machine = await Samples.MachineAsync();
        var cases = new List<Case>
        {
            new("bare (`GET /ping`)", "process start", Bare: true),
            new("host, one tenant (`GET /zhanqian/ping`)", "first start (set-up included)", Bare: false),
            new("host, one tenant (`GET /zhanqian/ping`)", "restart", Bare: false),
        };

        // One untimed round first: the apps' files are then in the OS cache for every measured run alike.
        await RoundAsync(cases, record: false);
        for (var run = 0; run < runs; run++)
        {
            await RoundAsync(cases, record: true);
            Console.Error.WriteLine($"startup run {run + 1}/{runs}: " + string.Join(", ", cases.Select(c =>
                $"{c.Start} {Samples.Format(c.FirstAnswerMs[^1], "0")} ms, {Samples.Format(c.ResidentBytes[^1] / 1024 / 1024, "0.0")} MB")));
        }

        var markdown = new StringBuilder();
        markdown.AppendLine("## Host start");
        markdown.AppendLine();
        markdown.AppendLine(
            $"Machine: {machine}. Time from just before `Process.Start` of `dotnet <app>.dll` (Production, workstation GC) " +
            $"until the first 200 answer, polling every {PollInterval.TotalMilliseconds:0} ms (a refused connection means \"not yet\"); " +
            $"then, after {Settle.TotalSeconds:0} s, the child's resident set (`VmRSS` of `/proc/<pid>/status`). {runs} {(runs == 1 ? "run" : "runs")}, " +
            "each on a fresh data folder (the repository's five tenants are seeded; Zhanqian's recipe runs on its first request) " +
            "and then restarted over the same folder (Zhanqian already set up), after one untimed warm-up run " +
            "(the apps' files are in the OS cache). Only Zhanqian is requested: no other tenant's shell is built.");
        markdown.AppendLine();
        markdown.AppendLine("| App | Start | First answered request (ms, median [min–max]) | Working set MB (median) |");
        markdown.AppendLine("|---|---|---:|---:|");
        foreach (var c in cases)
        {
            markdown.AppendLine(
                $"| {c.App} | {c.Start} | {Samples.Format(Samples.Median(c.FirstAnswerMs), "0")} " +
                $"[{Samples.Format(c.FirstAnswerMs.Min(), "0")}–{Samples.Format(c.FirstAnswerMs.Max(), "0")}] | " +
                $"{Samples.Format(Samples.Median(c.ResidentBytes) / 1024 / 1024, "0.0")} |");
        }

        markdown.AppendLine();
        markdown.AppendLine(
            "Listening (the port first accepted a connection), median: " +
            string.Join(", ", cases.Select(c => $"{(c.Bare ? "bare" : "host " + c.Start)} {Samples.Format(Samples.Median(c.ListeningMs), "0")} ms")) + ".");
        markdown.AppendLine();
        var restart = Samples.Median(cases[2].FirstAnswerMs);
        var first = Samples.Median(cases[1].FirstAnswerMs);
        markdown.AppendLine(
            $"Target: first request within 1 s of process start. Restart: {Verdict(restart)} ({Samples.Format(restart, "0")} ms, median); " +
            $"first start with the tenant's set-up: {Verdict(first)} ({Samples.Format(first, "0")} ms). " +
            $"The bare app needs {Samples.Format(Samples.Median(cases[0].FirstAnswerMs), "0")} ms for the same.");
        return markdown.ToString();
    }

    private static string Verdict(double ms) => ms <= TargetMs ? "met" : "not met";

    // The bare app, then the host on a fresh folder, then the host again over that folder.
    private static async Task RoundAsync(List<Case> cases, bool record)
    {
        await MeasureAsync(cases[0], "bare app", BenchApps.BareDll, "/ping", folder: null, record);
        using var folder = BenchFolder.Create();
        await MeasureAsync(cases[1], "benchmark host (first start)", BenchApps.HostDll, "/zhanqian/ping", folder, record);
        await MeasureAsync(cases[2], "benchmark host (restart)", BenchApps.HostDll, "/zhanqian/ping", folder, record);
    }

    private static async Task MeasureAsync(Case c, string name, string dll, string path, BenchFolder? folder, bool record)
    {
        var port = ChildApp.FreePorts(1)[0];
        await using var app = ChildApp.Start(name, dll, port, folder);
        var firstAnswer = await app.WaitForOkAsync(path, ReadyTimeout, PollInterval);
        var listening = app.FirstConnect ?? firstAnswer;
        await Task.Delay(Settle);
        var resident = app.ResidentBytes();
        if (record)
        {
            c.FirstAnswerMs.Add(firstAnswer.TotalMilliseconds);
            c.ListeningMs.Add(listening.TotalMilliseconds);
            c.ResidentBytes.Add(resident);
        }
    }

    private sealed record Case(string App, string Start, bool Bare)
    {
        public List<double> FirstAnswerMs { get; } = [];

        public List<double> ListeningMs { get; } = [];

        public List<double> ResidentBytes { get; } = [];
    }
}
