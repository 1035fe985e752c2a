using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GovPlatform.Benchmarks.OutOfProcess;

/// <summary>One wrk run's figures: requests per second, latency percentiles in ms, errors.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50, double P90, double P99, long Requests, long SocketErrors, long Non2xx);

/// <summary>Runs <c>wrk --latency</c> and reads its report.</summary>
public static partial class Wrk
{
    /// <summary>More socket errors or non-2xx answers than this in one run fail the figure.</summary>
    public const int ToleratedErrors = 5;

    public const string Executable = "wrk";

    /// <summary>wrk's version line (<c>wrk 4.1.0 …</c>), or null when wrk is not installed.</summary>
    public static async Task<string?> VersionAsync()
    {
        try
        {
            var (_, output) = await RunProcessAsync(["-v"], TimeSpan.FromSeconds(10));
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary><c>wrk -t T -c C -d Ds --latency [-H header] url</c>; throws when wrk fails or reports errors.</summary>
    public static async Task<WrkResult> RunAsync(string url, int threads, int connections, int seconds, string? header = null)
    {
        List<string> args =
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--latency",
        ];
        if (header is not null)
        {
            args.AddRange(["-H", header]);
        }

        args.Add(url);
        var (exitCode, output) = await RunProcessAsync(args, TimeSpan.FromSeconds(seconds + 60));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"wrk {string.Join(' ', args)} exited with {exitCode}:\n{output}");
        }

        var result = Parse(output);
        if (result.SocketErrors + result.Non2xx > ToleratedErrors || result.Requests == 0)
        {
            throw new InvalidOperationException(
                $"wrk on {url}: {result.Requests} requests, {result.SocketErrors} socket errors, {result.Non2xx} non-2xx/3xx answers:\n{output}");
        }

        return result;
    }

    /// <summary>Reads wrk's text report.</summary>
    public static WrkResult Parse(string output)
    {
        double Percentile(string p)
        {
            var match = Regex.Match(output, $@"^\s*{p}%\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            return match.Success
                ? Milliseconds(match.Groups[1].Value, match.Groups[2].Value)
                : throw new FormatException($"No {p}% line in wrk's latency distribution:\n{output}");
        }

        var rps = RequestsPerSecondLine().Match(output);
        var requests = RequestsLine().Match(output);
        if (!rps.Success || !requests.Success)
        {
            throw new FormatException($"Cannot read wrk's report:\n{output}");
        }

        long socketErrors = 0;
        var socket = SocketErrorsLine().Match(output);
        if (socket.Success)
        {
            for (var i = 1; i <= 4; i++)
            {
                socketErrors += long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture);
            }
        }

        var non2xx = Non2xxLine().Match(output);
        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile("50"),
            Percentile("90"),
            Percentile("99"),
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            socketErrors,
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static double Milliseconds(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            _ => throw new FormatException($"Unknown wrk time unit '{unit}'."),
        };
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(Executable, args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start wrk.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"wrk {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s*(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xxLine();
}
