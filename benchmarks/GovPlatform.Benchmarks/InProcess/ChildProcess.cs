using System.Diagnostics;
using System.Text.Json;

namespace GovPlatform.Benchmarks.InProcess;

/// <summary>Runs a command of this runner in a fresh process, so that a figure starts from a cold, clean runtime.</summary>
public static class ChildProcess
{
    public static async Task<T> RunAsync<T>(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the benchmark child process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', args)}' failed ({process.ExitCode}): {await stderr}\n{output}");
        }

        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonSerializer.Deserialize<T>(last, JsonOptions) ?? throw new InvalidOperationException($"No result from '{args[0]}'.");
    }

    /// <summary>How a child prints its result: one JSON line, last.</summary>
    public static string Result<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
