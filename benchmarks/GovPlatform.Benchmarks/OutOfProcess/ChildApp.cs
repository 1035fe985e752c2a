using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GovPlatform.Benchmarks.OutOfProcess;

/// <summary>
/// One of the benchmark apps running as a child process (<c>dotnet app.dll</c>) on a free loopback port, with workstation
/// GC and otherwise default runtime settings, its output kept for error messages.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    private const int OutputLimit = 64 * 1024;

    // Children still running, killed if the runner is stopped before it disposed them.
    private static readonly ConcurrentDictionary<ChildApp, byte> Running = new();

    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _client;
    private long _firstConnectTicks = -1;

    private ChildApp(string name, Process process, Stopwatch sinceStart, int port)
    {
        Name = name;
        _process = process;
        _sinceStart = sinceStart;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        _client = new HttpClient(new SocketsHttpHandler
        {
            // A refused connection fails at once; the request itself may wait for a tenant's set-up.
            ConnectTimeout = TimeSpan.FromSeconds(1),
            ConnectCallback = ConnectAsync,
            UseProxy = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    static ChildApp() => EarlyExit.Register(() =>
    {
        foreach (var app in Running.Keys)
        {
            try
            {
                app._process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    });

    public string Name { get; }

    public int Port { get; }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>Time from just before the process was started until its port first accepted a connection of ours.</summary>
    public TimeSpan? FirstConnect => Interlocked.Read(ref _firstConnectTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null;

    /// <summary>The last 64 KB of the child's standard output and error.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="dll"/> on <paramref name="port"/>; with a <paramref name="folder"/> it is the host and
    /// gets its data root and tenants from there. The clock (<see cref="Elapsed"/>) starts just before the process.
    /// </summary>
    public static ChildApp Start(string name, string dll, int port, BenchFolder? folder)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);

        // Nothing inherited from the runner's environment may configure one app and not the other.
        foreach (var key in info.Environment.Keys.Where(k =>
            k.StartsWith("GovPlatform__", StringComparison.OrdinalIgnoreCase) ||
            k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
            k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        if (folder is not null)
        {
            info.Environment["GovPlatform__DataRoot"] = folder.DataRoot;
            info.Environment["GovPlatform__TenantsPath"] = folder.TenantsPath;
            info.Environment["GovPlatform__HostApiKey"] = "bench";
            info.Environment["GovPlatform__ShellIdleTimeout"] = "00:00:00";
            info.Environment["GovPlatform__BackgroundTaskTick"] = "00:00:00";
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var sinceStart = Stopwatch.StartNew();
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {name} ({dll}).");
        }

        var app = new ChildApp(name, process, sinceStart, port);
        Running[app] = 0;
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Time since just before the process was started.</summary>
    public TimeSpan Elapsed => _sinceStart.Elapsed;

    /// <summary>
    /// Asks for <paramref name="path"/> every <paramref name="pollInterval"/> until it answers 200 (a refused connection
    /// or another status means "not yet"), and returns the time since the process was started at that answer.
    /// </summary>
    public async Task<TimeSpan> WaitForOkAsync(string path, TimeSpan timeout, TimeSpan pollInterval, string? accept = null)
    {
        var deadline = Elapsed + timeout;
        string last = "no answer";
        while (true)
        {
            if (_process.HasExited)
            {
                throw Failure($"exited with code {_process.ExitCode} before {path} answered 200");
            }

            var remaining = deadline - Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw Failure($"did not answer 200 on {path} within {timeout.TotalSeconds:0} s (last: {last})");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
                if (accept is not null)
                {
                    request.Headers.TryAddWithoutValidation("Accept", accept);
                }

                using var cancel = new CancellationTokenSource(remaining);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var at = Elapsed;
                    await response.Content.LoadIntoBufferAsync(cancel.Token);
                    return at;
                }

                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (OperationCanceledException)
            {
                last = "timed out";
            }

            await Task.Delay(pollInterval);
        }
    }

    /// <summary>GET <paramref name="path"/> once: status, content type and body.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, string Body)> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await _client.SendAsync(request, cancel.Token);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cancel.Token));
    }

    /// <summary>CPU time (user and system) the child has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The child's resident set size (<c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw Failure("has no VmRSS in /proc/<pid>/status");
    }

    /// <summary>An exception naming the app, with the tail of its output.</summary>
    public InvalidOperationException Failure(string what)
    {
        var output = Output;
        return new InvalidOperationException(
            $"{Name} (pid {ProcessId.ToString(CultureInfo.InvariantCulture)}, {BaseUrl}) {what}." +
            (output.Length > 0 ? $"\n--- its output ---\n{output}" : " It wrote nothing."));
    }

    /// <summary>Stops the child: SIGTERM (a normal shutdown), then a kill if it is still there after 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        Running.TryRemove(this, out _);
        _client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                await TerminateAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task TerminateAsync()
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            });
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
                if (kill.ExitCode == 0)
                {
                    return;
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1): fall through to Process.Kill.
        }

        _process.Kill(entireProcessTree: true);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            Interlocked.CompareExchange(ref _firstConnectTicks, _sinceStart.Elapsed.Ticks, -1);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > OutputLimit)
            {
                _output.Remove(0, _output.Length - OutputLimit);
            }
        }
    }

    /// <summary>Free loopback ports, all different (each held open until all are chosen).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }
}
