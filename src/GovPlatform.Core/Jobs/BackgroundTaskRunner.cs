using System.Runtime.CompilerServices;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Shells;
using GovPlatform.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Jobs;

/// <summary>
/// Runs the enabled features' <see cref="IBackgroundTask"/>s every <see cref="GovPlatformOptions.BackgroundTaskTick"/>
/// in each shell that is built and running. Idle (never activated or released) tenants are left alone: a task runs
/// only where its tenant's shell already is. Last runs are kept per shell, so a rebuilt shell runs its tasks at the
/// next round.
/// </summary>
public sealed class BackgroundTaskRunner(ShellHost shells, IOptions<GovPlatformOptions> options, TimeProvider clock, ILogger<BackgroundTaskRunner> logger) : BackgroundService
{
    /// <summary>Shells worked on at the same time; tasks within one shell run one after the other.</summary>
    private const int MaxParallelShells = 4;

    private readonly ConditionalWeakTable<ShellContext, ShellTasks> _state = new();

    /// <summary>
    /// Runs, in every active shell, each task whose interval has passed since its last run there (or that never ran
    /// there). A task still running from an earlier round is skipped. Returns how many runs it made, failed ones included.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        // One time for the whole round, so the rounds' ticks, not the tasks' durations, decide when a task is due again.
        var now = clock.GetUtcNow();
        var runs = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelShells, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(shells.GetActiveShells(), parallel, async (shell, ct) =>
        {
            var count = await RunShellAsync(shell, now, ct);
            Interlocked.Add(ref runs, count);
        });
        return runs;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = options.Value.BackgroundTaskTick;
        if (tick <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Background tasks: a round failed; the next tick tries again");
            }
        }
    }

    private async Task<int> RunShellAsync(ShellContext shell, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Counted in so a release (idle, feature change) waits for the run, but not as use: it keeps no shell alive.
        if (!shell.TryEnter(countsAsUse: false))
        {
            return 0;
        }

        try
        {
            var runs = 0;
            foreach (var task in GetTasks(shell).Tasks)
            {
                // The flag keeps a task from running twice at once in this shell (a slow run, or two callers).
                if (Interlocked.CompareExchange(ref task.Running, 1, 0) != 0)
                {
                    continue;
                }

                try
                {
                    if (!task.IsDue(now))
                    {
                        continue;
                    }

                    task.LastRunUtc = now;
                    await RunTaskAsync(shell, task.Task, cancellationToken);
                    runs++;
                }
                finally
                {
                    Volatile.Write(ref task.Running, 0);
                }
            }

            return runs;
        }
        finally
        {
            shell.Exit();
        }
    }

    private async Task RunTaskAsync(ShellContext shell, IBackgroundTask task, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            await using var scope = shell.ServiceProvider.CreateAsyncScope();
            await task.RunAsync(scope.ServiceProvider, cancellationToken);
            logger.LogDebug("Tenant {Tenant}: background task {Task} ran in {Elapsed:F1} ms",
                shell.Settings.Name, task.Name, clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // One task's failure is its own: the shell's other tasks and the other tenants go on.
            logger.LogError(ex, "Tenant {Tenant}: background task {Task} failed after {Elapsed:F1} ms",
                shell.Settings.Name, task.Name, clock.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private ShellTasks GetTasks(ShellContext shell)
    {
        if (_state.TryGetValue(shell, out var known))
        {
            return known;
        }

        TaskState[] tasks;
        try
        {
            tasks = [.. shell.ServiceProvider.GetServices<IBackgroundTask>().Select(t => new TaskState(t))];
        }
        catch (Exception ex)
        {
            // Logged once per shell: the shell keeps serving, without background tasks.
            logger.LogError(ex, "Tenant {Tenant}: its background tasks could not be created; none will run in this shell", shell.Settings.Name);
            tasks = [];
        }

        return _state.GetValue(shell, _ => new ShellTasks(tasks));
    }

    private sealed class ShellTasks(TaskState[] tasks)
    {
        public TaskState[] Tasks { get; } = tasks;
    }

    private sealed class TaskState(IBackgroundTask task)
    {
        public int Running;

        public IBackgroundTask Task { get; } = task;

        public DateTimeOffset? LastRunUtc { get; set; }

        public bool IsDue(DateTimeOffset now) => LastRunUtc is not { } last || now - last >= Task.Interval;
    }
}
