using System.Globalization;

namespace GovPlatform.Benchmarks.InProcess;

/// <summary>Median and percentiles of samples, formatted for the tables.</summary>
public static class Statistics
{
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Mb(double bytes) => (bytes / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Kb(double bytes) => (bytes / 1024).ToString("0", CultureInfo.InvariantCulture);
}
