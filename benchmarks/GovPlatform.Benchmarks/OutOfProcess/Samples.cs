using System.Globalization;
using System.Runtime.InteropServices;

namespace GovPlatform.Benchmarks.OutOfProcess;

/// <summary>Medians and ranges of repeated measurements, and the machine they were taken on.</summary>
public static class Samples
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// "2 cores, Debian …, .NET 10.0.x, CPU 3 % busy just before": what the figures depend on. The last part is measured
    /// over one second, so that a run on a machine busy with something else shows.
    /// </summary>
    public static async Task<string> MachineAsync()
    {
        var kernel = File.Exists("/proc/sys/kernel/osrelease")
            ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim()
            : Environment.OSVersion.VersionString;
        var cores = Environment.ProcessorCount;
        var busy = await CpuBusyAsync(TimeSpan.FromSeconds(1));
        return $"{cores.ToString(CultureInfo.InvariantCulture)} {(cores == 1 ? "core" : "cores")}, " +
            $"{RuntimeInformation.OSDescription} (kernel {kernel}), {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}" +
            (busy is { } b ? $", CPU {Format(b, "0")} % busy in the second before the start" : "");
    }

    // Share of non-idle time of all cores over the interval, from /proc/stat; null where there is no /proc/stat.
    private static async Task<double?> CpuBusyAsync(TimeSpan interval)
    {
        static (long Total, long Idle)? Read()
        {
            if (!File.Exists("/proc/stat"))
            {
                return null;
            }

            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();

            // user nice system idle iowait irq softirq steal …: idle and iowait are idle time.
            return (fields.Take(8).Sum(), fields[3] + fields[4]);
        }

        var before = Read();
        await Task.Delay(interval);
        var after = Read();
        if (before is not { } b || after is not { } a || a.Total == b.Total)
        {
            return null;
        }

        return 100.0 * (1 - ((double)(a.Idle - b.Idle) / (a.Total - b.Total)));
    }
}
