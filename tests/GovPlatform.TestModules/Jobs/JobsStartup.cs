using System.Collections.Concurrent;
using GovPlatform.Data;
using GovPlatform.Jobs;
using GovPlatform.Modules;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.TestModules.Jobs;

/// <summary>
/// Registers the feature's background tasks as a module does, and lists their runs at <c>/jobs/runs</c>. The waking task
/// is there only in tenants whose setting <c>TestJobs:Waking</c> gives its interval, so the other tests keep two tasks.
/// </summary>
[ForFeature("Test.Jobs")]
public sealed class JobsStartup(ITenant tenant) : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IBackgroundTask, RecordTask>();
        services.AddSingleton<IBackgroundTask, FlakyTask>();
        if (tenant.Settings["TestJobs:Waking"] is { Length: > 0 } interval)
        {
            services.AddSingleton<IBackgroundTask>(new WakingTask(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public override void Configure(IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider services) =>
        endpoints.MapGet("/jobs/runs", async (IDocumentStore documents, CancellationToken ct) =>
            Results.Ok((await documents.GetAsync<JobRuns>(JobRuns.Id, ct))?.Runs ?? []));
}

/// <summary>How often each task ran in this tenant, in the tenant's own database.</summary>
[Document("test-job-runs")]
public sealed class JobRuns
{
    public const string Id = "runs";

    public Dictionary<string, int> Runs { get; set; } = [];

    /// <summary>Adds one run of <paramref name="task"/> in the scope's tenant.</summary>
    public static async Task RecordAsync(IServiceProvider services, string task, CancellationToken cancellationToken)
    {
        var documents = services.GetRequiredService<IDocumentStore>();
        var runs = await documents.GetAsync<JobRuns>(Id, cancellationToken) ?? new JobRuns();
        runs.Runs[task] = runs.Runs.GetValueOrDefault(task) + 1;
        await documents.SaveAsync(Id, runs, cancellationToken);
        await services.GetRequiredService<TenantDbContext>().SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Counts its runs, hourly.</summary>
public sealed class RecordTask : IBackgroundTask
{
    public string Name => "tests.jobs.record";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) => JobRuns.RecordAsync(services, "record", cancellationToken);
}

/// <summary>A deadline check that must run in idle tenants too: counts its runs as "waking", at the interval it is given.</summary>
public sealed class WakingTask(TimeSpan interval) : IBackgroundTask
{
    public string Name => "tests.jobs.waking";

    public TimeSpan Interval => interval;

    public bool WakesIdleTenant => true;

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) => JobRuns.RecordAsync(services, "waking", cancellationToken);
}

/// <summary>
/// Counts its runs, hourly; throws when the tenant's setting <c>TestJobs:Fail</c> is true, and first waits for the
/// test's gate when <c>TestJobs:Gate</c> names one.
/// </summary>
public sealed class FlakyTask : IBackgroundTask
{
    public string Name => "tests.jobs.flaky";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var tenant = services.GetRequiredService<ITenant>();
        if (tenant.Settings["TestJobs:Gate"] is { Length: > 0 } gate)
        {
            await JobGates.WaitAsync(gate, cancellationToken);
        }

        if (string.Equals(tenant.Settings["TestJobs:Fail"], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The flaky task of {tenant.Name} fails, as its settings say.");
        }

        await JobRuns.RecordAsync(services, "flaky", cancellationToken);
    }
}

/// <summary>Gates a test opens to let a waiting background run go on; <see cref="Entered"/> tells that a run waits.</summary>
public static class JobGates
{
    private static readonly ConcurrentDictionary<string, (TaskCompletionSource Entered, TaskCompletionSource Open)> Gates = new();

    /// <summary>Completes when a run has reached the gate.</summary>
    public static Task Entered(string gate) => Get(gate).Entered.Task;

    /// <summary>Lets the runs waiting at the gate (and later ones) go on.</summary>
    public static void Open(string gate) => Get(gate).Open.TrySetResult();

    internal static async Task WaitAsync(string gate, CancellationToken cancellationToken)
    {
        var (entered, open) = Get(gate);
        entered.TrySetResult();
        await open.Task.WaitAsync(cancellationToken);
    }

    private static (TaskCompletionSource Entered, TaskCompletionSource Open) Get(string gate) =>
        Gates.GetOrAdd(gate, _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)));
}
