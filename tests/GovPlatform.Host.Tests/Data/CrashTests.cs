using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GovPlatform.Host.Tests.Data;

/// <summary>
/// A host killed with SIGKILL in the middle of writes loses nothing it acknowledged: the real host (with the test
/// modules, tests/GovPlatform.CrashHost) runs as a child process, is killed while writers post notes, and a second
/// host over the same folders and database finds every acknowledged note, each with its document.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private const int MinimumAcknowledged = 50;
    private static readonly TimeSpan MinimumWriting = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan MaximumWriting = TimeSpan.FromSeconds(60);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_host_killed_during_writes_loses_no_acknowledged_write(string provider)
    {
        var stopwatch = Stopwatch.StartNew();

        // The folders only: this TestHost is never started, it writes tenants/default and tenants/alpha (and deletes them).
        await using var folders = new TestHost().WithTenant("alpha", ["Test.Notes"]);
        var database = provider == "Postgres" ? await TestHost.CreatePostgresDatabaseAsync() : null;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["GovPlatform__DataRoot"] = folders.DataRoot,
            ["GovPlatform__TenantsPath"] = folders.TenantsPath,
            ["GovPlatform__HostApiKey"] = TestHost.ApiKey,
        };
        if (database is not null)
        {
            environment["GovPlatform__TenantDefaults__DatabaseProvider"] = "Postgres";
            environment["GovPlatform__Postgres__ConnectionString"] = database;
        }

        CrashHostProcess? first = null;
        CrashHostProcess? second = null;
        try
        {
            first = await CrashHostProcess.StartAsync("first", environment);
            output.WriteLine($"{provider}: first host ready after {stopwatch.ElapsedMilliseconds} ms");
            using var firstClient = first.CreateClient();

            // Writers post notes as fast as they can; a 200 means the note, its document and its index row are committed.
            var acknowledged = new ConcurrentDictionary<string, bool>();
            var refused = new ConcurrentDictionary<HttpStatusCode, int>();
            var failedAfterKill = 0;
            var killed = false;
            using var stopWriting = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                for (var n = 0; !stopWriting.IsCancellationRequested; n++)
                {
                    var title = $"crash-{writer}-{n}";
                    try
                    {
                        using var response = await firstClient.PostAsJsonAsync("/alpha/notes", new { title, body = "written before the kill" }, CancellationToken.None);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged[title] = true;
                        }
                        else
                        {
                            refused.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        if (Volatile.Read(ref killed))
                        {
                            Interlocked.Increment(ref failedAfterKill);
                            return;
                        }

                        throw;
                    }
                }
            })).ToArray();

            var writing = Stopwatch.StartNew();
            while (writing.Elapsed < MinimumWriting || acknowledged.Count < MinimumAcknowledged)
            {
                if (writing.Elapsed > MaximumWriting || first.HasExited || writers.Any(w => w.IsFaulted))
                {
                    var failed = writers.FirstOrDefault(w => w.IsFaulted)?.Exception?.GetBaseException();
                    throw new InvalidOperationException(
                        $"Only {acknowledged.Count} writes acknowledged in {writing.Elapsed.TotalSeconds:0.0} s " +
                        $"(host exited: {first.HasExited}; refused: {Describe(refused)}; writer failure: {failed?.Message ?? "none"}).", failed);
                }

                await Task.Delay(20);
            }

            // SIGKILL: no shutdown, no flush, no disposal; whatever is in flight is cut off.
            Volatile.Write(ref killed, true);
            first.Kill();
            var acknowledgedAtKill = acknowledged.Count;
            await stopWriting.CancelAsync();
            await Task.WhenAll(writers);
            output.WriteLine($"{provider}: killed after {writing.ElapsedMilliseconds} ms of writing: {acknowledgedAtKill} acknowledged, " +
                $"{failedAfterKill} cut off, refused: {Describe(refused)}");

            var restarting = Stopwatch.StartNew();
            second = await CrashHostProcess.StartAsync("second", environment);
            output.WriteLine($"{provider}: second host ready after {restarting.ElapsedMilliseconds} ms");
            using var secondClient = second.CreateClient();

            var notes = (await secondClient.GetFromJsonAsync<JsonArray>("/alpha/notes"))!;
            var titles = notes.Select(n => (string)n!["title"]!).ToList();
            var count = (await secondClient.GetFromJsonAsync<JsonObject>("/alpha/notes/count"))!;
            var missing = acknowledged.Keys.Where(t => !titles.Contains(t)).Order(StringComparer.Ordinal).ToList();

            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged notes are gone after the kill: {string.Join(", ", missing.Take(20))}");
            Assert.Equal(titles.Count, titles.Distinct().Count());
            Assert.Equal(titles.Count, (int)count["notes"]!);

            // A note is written with its document in one unit of work: never one without the other.
            Assert.Equal((int)count["notes"]!, (int)count["documents"]!);
            output.WriteLine($"{provider}: after the restart {titles.Count} notes ({acknowledged.Count} acknowledged), " +
                $"{(int)count["documents"]!} documents; {stopwatch.ElapsedMilliseconds} ms in all");
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}{first?.Describe()}{Environment.NewLine}{second?.Describe()}", e);
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            if (database is not null)
            {
                await GovPlatform.Testing.TestPostgres.DropDatabaseAsync(database);
            }
        }
    }

    private static string Describe(ConcurrentDictionary<HttpStatusCode, int> refused) =>
        refused.IsEmpty ? "none" : string.Join(", ", refused.Select(r => $"{(int)r.Key} × {r.Value}"));
}

/// <summary>tests/GovPlatform.CrashHost as a child process, on a free loopback port; killed when disposed.</summary>
file sealed class CrashHostProcess : IDisposable
{
    private const int KeptLines = 300;
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private int _lineCount;

    private CrashHostProcess(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the host and waits until it is ready; tries another port when the one it got was taken meanwhile.</summary>
    public static async Task<CrashHostProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = Start(name, environment);
            try
            {
                using var client = host.CreateClient();
                await host.WaitUntilReadyAsync(client);
                return host;
            }
            catch (Exception e)
            {
                var exited = host.HasExited;
                var description = host.Describe();
                host.Dispose();
                if (!(attempt < 3 && exited && description.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new InvalidOperationException($"{e.Message}{Environment.NewLine}{description}", e);
                }
            }
        }
    }

    private static CrashHostProcess Start(string name, IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var startInfo = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(CrashHostDll())!,
        };
        startInfo.ArgumentList.Add(CrashHostDll());
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        startInfo.Environment["ASPNETCORE_URLS"] = address.ToString();
        var process = new Process { StartInfo = startInfo };
        var host = new CrashHostProcess(name, process, address);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Waits until the host listens and alpha (set up by its first request) counts its notes.</summary>
    private async Task WaitUntilReadyAsync(HttpClient client)
    {
        var stopwatch = Stopwatch.StartNew();
        var last = "no answer";
        while (stopwatch.Elapsed < ReadyWithin)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The {Name} host exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await client.GetAsync("/alpha/notes/count");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The {Name} host was not ready within {ReadyWithin.TotalSeconds:0} s: {last}");
    }

    /// <summary>SIGKILL (Process.Kill on Linux), and waits for the process to be gone.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public string Describe()
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        var skipped = Math.Max(0, Volatile.Read(ref _lineCount) - KeptLines);
        return $"--- {Name} host ({Address}, {state}) output{(skipped > 0 ? $", last {KeptLines} lines" : "")} ---{Environment.NewLine}" +
            string.Join(Environment.NewLine, _lines);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        Interlocked.Increment(ref _lineCount);
        while (_lines.Count > KeptLines)
        {
            _lines.TryDequeue(out _);
        }
    }

    /// <summary>The CrashHost's build output for the configuration and target framework these tests were built with.</summary>
    private static string CrashHostDll()
    {
        var configuration = typeof(CrashHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var dll = Path.Combine(TestHost.RepositoryRoot(), "tests", "GovPlatform.CrashHost", "bin", configuration, framework, "GovPlatform.CrashHost.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the solution (dotnet build GovPlatform.sln -c {configuration}).", dll);
    }

    /// <summary>The dotnet that runs these tests (the SDK sets DOTNET_HOST_PATH for its children), else the one on PATH.</summary>
    private static string DotnetPath()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        return Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
