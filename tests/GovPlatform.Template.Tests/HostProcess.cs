using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GovPlatform.Template.Tests;

/// <summary>
/// The real host (src/Host's build output) as a separate process on a free port, as an operator runs it: Production,
/// its own data folder, a host API key. Its output is kept for failure messages; disposing it kills it.
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => _process = process;

    /// <summary>The address the host bound, read from its "Now listening on:" line.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The host's build output, built with this test project (a reference) in the same configuration.</summary>
    public static string HostDll(string repository) =>
        Path.Combine(repository, "src", "Host", "bin", TemplateFixture.Configuration, "net10.0", "GovPlatform.Host.dll");

    public static async Task<HostProcess> StartAsync(string repository, string dataRoot, string apiKey, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = HostDll(repository);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The host is not built: {dll} is missing (build the test project, which references src/Host).");
        }

        var start = new ProcessStartInfo(Dotnet.Executable)
        {
            // The content root (appsettings.json) is the working directory, as when an operator starts the host there.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        Dotnet.Isolate(start);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("GovPlatform__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["GovPlatform__DataRoot"] = dataRoot;
        start.Environment["GovPlatform__TenantsPath"] = Path.Combine(repository, "tenants");
        start.Environment["GovPlatform__HostApiKey"] = apiKey;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The host process did not start.");
        var host = new HostProcess(process);
        _ = host.PumpAsync(process.StandardOutput);
        _ = host.PumpAsync(process.StandardError);
        _ = process.WaitForExitAsync().ContinueWith(
            _ => host._listening.TrySetException(new InvalidOperationException("The host exited before listening.")),
            TaskScheduler.Default);

        try
        {
            host.Address = await host._listening.Task.WaitAsync(StartTimeout);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var message = $"The host did not start listening ({ex.Message}). Its output:\n{host.Tail()}";
            await host.DisposeAsync();
            throw new InvalidOperationException(message, ex);
        }

        return host;
    }

    /// <summary>The last lines the host wrote, for assertion messages.</summary>
    public string Tail(int lines = 60)
    {
        lock (_output)
        {
            return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - lines)));
        }
    }

    /// <summary>Kills the host (and anything it started) and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not stopping: nothing more a test can do.
        }

        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.Add(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                _listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
    }

    [GeneratedRegex(@"Now listening on: (https?://\S+)")]
    private static partial Regex ListeningLine();
}
