namespace GovPlatform.Benchmarks.OutOfProcess;

/// <summary>Where the two apps the out-of-process figures start are built: next to the runner, same configuration.</summary>
public static class BenchApps
{
    private const string RunnerProject = "GovPlatform.Benchmarks";

    /// <summary>The folder holding GovPlatform.sln, found by walking up from the runner's folder.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The benchmark host (src/Host plus the Bench.Ping feature).</summary>
    public static string HostDll => AppDll("GovPlatform.Benchmarks.Host");

    /// <summary>The bare ASP.NET Core app serving the same <c>GET /ping</c>.</summary>
    public static string BareDll => AppDll("GovPlatform.Benchmarks.Bare");

    private static string AppDll(string project)
    {
        // The runner lives in benchmarks/GovPlatform.Benchmarks/bin/<Configuration>/<TFM>/: the apps are in the same
        // place under their own project folders.
        var runnerProject = Path.Combine(RepositoryRoot, "benchmarks", RunnerProject);
        var outputPath = Path.GetRelativePath(runnerProject, AppContext.BaseDirectory);
        if (outputPath.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(outputPath))
        {
            throw new InvalidOperationException($"The runner is not in {runnerProject}/bin/…: cannot find {project}.dll.");
        }

        var dll = Path.GetFullPath(Path.Combine(RepositoryRoot, "benchmarks", project, outputPath, project + ".dll"));
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{dll} is missing: build the solution in the runner's configuration first.", dll);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GovPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No GovPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
