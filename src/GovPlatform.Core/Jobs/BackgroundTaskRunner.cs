using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Shells;
using GovPlatform.Jobs;
using GovPlatform.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Jobs;

/// <summary>
/// Runs the enabled features' <see cref="IBackgroundTask"/>s every <see cref="GovPlatformOptions.BackgroundTaskTick"/>:
/// first every due task in each shell that is built and running (last runs kept per shell, so a rebuilt shell runs its
/// tasks at the next round); then, in Running tenants without an active shell, the tasks that wake idle tenants
/// (<see cref="IBackgroundTask.WakesIdleTenant"/>), activating the shell without counting as use. What each tenant has
/// is learned from its shells; a tenant not seen since the host started is activated once to learn it.
/// </summary>
public sealed class BackgroundTaskRunner(ShellHost shells, IOptions<GovPlatformOptions> options, TimeProvider clock, ILogger<BackgroundTaskRunner> logger) : BackgroundService
{
    /// <summary>Shells worked on at the same time; tasks within one shell run one after the other.</summary>
    private const int MaxParallelShells = 4;

    /// <summary>How long a tenant whose shell could not be activated for its tasks is left alone before the next try.</summary>
    public static readonly TimeSpan ActivationRetryDelay = TimeSpan.FromMinutes(10);

    private readonly ConditionalWeakTable<ShellContext, ShellTasks> _state = new();

    /// <summary>What the runner knows of each tenant, by name; it outlives the tenant's shells.</summary>
    private readonly ConcurrentDictionary<string, TenantTasks> _tenants = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs, in every active shell, each task whose interval has passed since its last run there (or that never ran
    /// there); then wakes the idle Running tenants that have a waking task due (or that were never seen) and runs those
    /// tasks in them. A task still running from an earlier round is skipped. Returns how many runs it made, failed ones
    /// included.
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

        // After the active shells, so that what they showed of their tenants already counts in this round.
        await Parallel.ForEachAsync(FindTenantsToWake(now), parallel, async (tenant, ct) =>
        {
            var count = await WakeAsync(tenant.Name, tenant.Tasks, now, ct);
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
            // A shell this runner woke, and that no request has used since, is still an idle tenant's: waking tasks only.
            return await RunTasksAsync(shell, now, wakingOnly: shell.IsWokenForBackground, cancellationToken);
        }
        finally
        {
            shell.Exit();
        }
    }

    private List<(string Name, TenantTasks Tasks)> FindTenantsToWake(DateTimeOffset now)
    {
        var due = new List<(string, TenantTasks)>();
        var tenants = shells.Tenants;
        foreach (var settings in tenants)
        {
            // Only tenants set up and enabled: an uninitialised, disabled or invalid tenant has no shell to run tasks in.
            if (settings.State != TenantState.Running || shells.Peek(settings.Name) is { IsReleased: false })
            {
                continue;
            }

            var tenant = _tenants.GetOrAdd(settings.Name, static _ => new TenantTasks());
            if (tenant.IsDue(now, ActivationRetryDelay))
            {
                due.Add((settings.Name, tenant));
            }
        }

        // A removed tenant is forgotten, so one created later under its name is learned afresh.
        var names = tenants.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in _tenants.Keys)
        {
            if (!names.Contains(name))
            {
                _tenants.TryRemove(name, out _);
            }
        }

        return due;
    }

    private async Task<int> WakeAsync(string name, TenantTasks tenant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Two overlapping rounds must not both wake the same tenant.
        if (!tenant.TryStartWaking())
        {
            return 0;
        }

        try
        {
            ShellContext shell;
            try
            {
                shell = await shells.EnterAsync(name, countsAsUse: false, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // The shell host logs each failure with its cause; this says once what it means for the tasks.
                if (tenant.RecordFailure(now))
                {
                    logger.LogWarning("Tenant {Tenant}: its shell could not be activated for its background tasks ({Error}); tried again every {Delay} until it starts",
                        name, ex.Message, ActivationRetryDelay);
                }
                else
                {
                    logger.LogDebug("Tenant {Tenant}: still not activated for its background tasks ({Error})", name, ex.Message);
                }

                return 0;
            }

            tenant.RecordSuccess();
            try
            {
                return await RunTasksAsync(shell, now, wakingOnly: true, cancellationToken);
            }
            finally
            {
                shell.Exit();
            }
        }
        finally
        {
            tenant.StopWaking();
        }
    }

    private async Task<int> RunTasksAsync(ShellContext shell, DateTimeOffset now, bool wakingOnly, CancellationToken cancellationToken)
    {
        var state = GetTasks(shell);
        var runs = 0;
        foreach (var task in state.Tasks)
        {
            // The others wait for a request to bring the shell up, as in any idle tenant.
            if (wakingOnly && !task.Wakes)
            {
                continue;
            }

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
                if (task.Wakes)
                {
                    state.Tenant.RecordRun(task.Task.Name, now);
                }

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
            tasks = [.. shell.ServiceProvider.GetServices<IBackgroundTask>().Select(t => new TaskState(t, t.WakesIdleTenant))];
        }
        catch (Exception ex)
        {
            // Logged once per shell: the shell keeps serving, without background tasks.
            logger.LogError(ex, "Tenant {Tenant}: its background tasks could not be created; none will run in this shell", shell.Settings.Name);
            tasks = [];
        }

        // Every new shell tells what its tenant has now: its feature set only changes through a new shell.
        var tenant = _tenants.GetOrAdd(shell.Settings.Name, static _ => new TenantTasks());
        tenant.Learn(tasks, continueRuns: shell.IsWokenForBackground);
        return _state.GetValue(shell, _ => new ShellTasks(tasks, tenant));
    }

    private sealed class ShellTasks(TaskState[] tasks, TenantTasks tenant)
    {
        public TaskState[] Tasks { get; } = tasks;

        public TenantTasks Tenant { get; } = tenant;
    }

    private sealed class TaskState(IBackgroundTask task, bool wakes)
    {
        public int Running;

        public IBackgroundTask Task { get; } = task;

        /// <summary><see cref="IBackgroundTask.WakesIdleTenant"/>, read once.</summary>
        public bool Wakes { get; } = wakes;

        public DateTimeOffset? LastRunUtc { get; set; }

        public bool IsDue(DateTimeOffset now) => LastRunUtc is not { } last || now - last >= Task.Interval;
    }

    /// <summary>
    /// One tenant's waking tasks as its last shell showed them, their last runs in any of its shells, and its last
    /// failed activation.
    /// </summary>
    private sealed class TenantTasks
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, DateTimeOffset> _lastRuns = new(StringComparer.Ordinal);
        private (string Name, TimeSpan Interval)[]? _waking;
        private DateTimeOffset? _failedUtc;
        private int _busy;

        /// <summary>
        /// Takes the shell's tasks as the tenant's. <paramref name="continueRuns"/> (a shell woken for the tasks) carries
        /// the waking tasks' last runs into it, so each keeps its own interval across wake-ups; a shell activated by a
        /// request keeps its own bookkeeping, as it always did.
        /// </summary>
        public void Learn(TaskState[] tasks, bool continueRuns)
        {
            lock (_gate)
            {
                _waking = [.. tasks.Where(t => t.Wakes).Select(t => (t.Task.Name, t.Task.Interval))];
                foreach (var name in _lastRuns.Keys.Where(n => !_waking.Any(w => w.Name == n)).ToList())
                {
                    _lastRuns.Remove(name);
                }

                if (continueRuns)
                {
                    foreach (var task in tasks)
                    {
                        if (task.Wakes && _lastRuns.TryGetValue(task.Task.Name, out var last))
                        {
                            task.LastRunUtc = last;
                        }
                    }
                }
            }
        }

        public void RecordRun(string name, DateTimeOffset now)
        {
            lock (_gate)
            {
                _lastRuns[name] = now;
            }
        }

        /// <summary>Whether an idle tenant should be woken now.</summary>
        public bool IsDue(DateTimeOffset now, TimeSpan retryDelay)
        {
            lock (_gate)
            {
                if (_failedUtc is { } failed && now - failed < retryDelay)
                {
                    return false;
                }

                // Never seen since the host started: woken once, which is how the runner learns what it has.
                if (_waking is null)
                {
                    return true;
                }

                // No waking tasks: skipped until a new shell of the tenant shows otherwise.
                foreach (var (name, interval) in _waking)
                {
                    if (!_lastRuns.TryGetValue(name, out var last) || now - last >= interval)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Records a failed activation; true when it is the first of a series (the one to log).</summary>
        public bool RecordFailure(DateTimeOffset now)
        {
            lock (_gate)
            {
                var first = _failedUtc is null;
                _failedUtc = now;
                return first;
            }
        }

        public void RecordSuccess()
        {
            lock (_gate)
            {
                _failedUtc = null;
            }
        }

        public bool TryStartWaking() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

        public void StopWaking() => Volatile.Write(ref _busy, 0);
    }
}
