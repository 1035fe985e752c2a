using System.Globalization;

namespace GovPlatform.Benchmarks;

/// <summary><c>--name value</c> pairs of the command line.</summary>
public sealed class BenchmarkOptions(Dictionary<string, string> values)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
        }

        return new BenchmarkOptions(values);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
