using System.Net;
using System.Net.Http.Json;
using GovPlatform.Core.Jobs;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.TestModules.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Jobs;

/// <summary>
/// Background tasks of the features (Test.Jobs: "record" and "flaky", hourly, counting their runs in a tenant document),
/// run by the host's runner in the shells that are built and running. TestHost switches the runner's timer off; each
/// test drives rounds with <see cref="BackgroundTaskRunner.RunDueAsync"/>.
/// </summary>
public sealed class BackgroundTaskTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Tasks_run_only_in_tenants_with_their_feature_and_a_tenant_that_enables_it_runs_them_at_the_next_round(string provider)
    {
        await using var host = await new TestHost()
            .WithTenant("alpha", ["Test.Jobs"])
            .WithTenant("gamma", ["Test.Echo"])
            .WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha", "gamma");
        var runner = Runner(host);

        Assert.Equal(2, await runner.RunDueAsync(CancellationToken.None));
        Assert.Equal(Runs(1, 1), await RunsAsync(host, "alpha"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync("/gamma/jobs/runs")).StatusCode);

        // Hourly tasks: a round right after runs nothing.
        Assert.Equal(0, await runner.RunDueAsync(CancellationToken.None));

        // Gamma's new shell has the tasks and runs them at the next round; alpha's wait for their hour.
        Assert.Equal(HttpStatusCode.OK, (await host.ChangeFeaturesAsync("gamma", enable: ["Test.Jobs"])).StatusCode);
        Assert.Equal(2, await runner.RunDueAsync(CancellationToken.None));
        Assert.Equal(Runs(1, 1), await RunsAsync(host, "gamma"));
        Assert.Equal(Runs(1, 1), await RunsAsync(host, "alpha"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tenant_without_an_active_shell_gets_no_runs_and_is_not_activated(string provider)
    {
        await using var host = await new TestHost()
            .WithTenant("alpha", ["Test.Jobs"])
            .WithTenant("beta", ["Test.Jobs"])
            .WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha", "beta");
        var runner = Runner(host);
        Assert.Equal(4, await runner.RunDueAsync(CancellationToken.None));

        Assert.True(host.Shells.ReleaseIdle(TimeSpan.Zero) >= 2);
        Assert.Null(host.Shells.Peek("alpha"));
        Assert.Null(host.Shells.Peek("beta"));
        Assert.Equal(0, await runner.RunDueAsync(CancellationToken.None));
        Assert.Null(host.Shells.Peek("beta"));

        // A request brings alpha back in a new shell, which runs its tasks at the next round; beta stays idle.
        Assert.Equal(Runs(1, 1), await RunsAsync(host, "alpha"));
        Assert.Equal(2, await runner.RunDueAsync(CancellationToken.None));
        Assert.Null(host.Shells.Peek("beta"));
        Assert.Equal(Runs(2, 2), await RunsAsync(host, "alpha"));
        Assert.Equal(Runs(1, 1), await RunsAsync(host, "beta"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_task_runs_again_once_its_interval_has_passed_and_its_runs_do_not_keep_the_shell_from_idle_release(string provider)
    {
        var clock = new ManualClock();
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Jobs"]).WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha");
        var runner = Runner(host);
        var shell = host.Shells.Peek("alpha")!;
        var lastUsed = shell.LastUsedUtc;

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(2, await runner.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await runner.RunDueAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await runner.RunDueAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await runner.RunDueAsync(CancellationToken.None));

        // 90 minutes without a request: the two rounds did not count as use, so the shell is idle and released.
        Assert.Same(shell, host.Shells.Peek("alpha"));
        Assert.Equal(lastUsed, shell.LastUsedUtc);
        Assert.Equal(0, shell.ActiveRequests);
        host.Shells.ReleaseIdle(TimeSpan.FromHours(1));
        Assert.Null(host.Shells.Peek("alpha"));

        Assert.Equal(Runs(2, 2), await RunsAsync(host, "alpha"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failing_task_is_logged_with_its_tenant_and_stops_neither_the_other_tasks_nor_the_other_tenants(string provider)
    {
        await using var host = await new TestHost()
            .WithTenant("alpha", ["Test.Jobs"])
            .WithTenant("beta", ["Test.Jobs"])
            .WithSetting("GovPlatform:Tenants:alpha:TestJobs:Fail", "true")
            .WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha", "beta");
        var runner = Runner(host);

        Assert.Equal(4, await runner.RunDueAsync(CancellationToken.None));
        Assert.Equal(new Dictionary<string, int> { ["record"] = 1 }, await RunsAsync(host, "alpha"));
        Assert.Equal(Runs(1, 1), await RunsAsync(host, "beta"));
        var error = Assert.Single(host.Logs, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("background task", StringComparison.Ordinal));
        Assert.Contains("Tenant alpha: background task tests.jobs.flaky failed", error, StringComparison.Ordinal);
        Assert.Contains("The flaky task of alpha fails", error, StringComparison.Ordinal);

        // A failed run waits for its interval like a good one; the runner goes on with later rounds.
        Assert.Equal(0, await runner.RunDueAsync(CancellationToken.None));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_shell_released_during_a_run_is_disposed_only_after_it_and_a_task_never_runs_twice_at_once(string provider)
    {
        var gate = Guid.NewGuid().ToString("N");
        var clock = new ManualClock();
        await using var host = await new TestHost()
            .WithTenant("alpha", ["Test.Jobs"])
            .WithSetting("GovPlatform:Tenants:alpha:TestJobs:Gate", gate)
            .WithClock(clock)
            .WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha");
        var runner = Runner(host);
        var old = host.Shells.Peek("alpha")!;

        // "record" runs, then "flaky" waits at the gate, inside the shell.
        var round = runner.RunDueAsync(CancellationToken.None);
        await JobGates.Entered(gate).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, old.ActiveRequests);

        // Two hours later both tasks are due again: "record" runs, the still running "flaky" is not started a second time.
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await runner.RunDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        // Neither an idle release nor a feature change disposes the shell under the run.
        host.Shells.ReleaseIdle(TimeSpan.Zero);
        Assert.Same(old, host.Shells.Peek("alpha"));
        Assert.Equal(HttpStatusCode.OK, (await host.ChangeFeaturesAsync("alpha", enable: ["Test.Echo"])).StatusCode);
        Assert.NotSame(old, host.Shells.Peek("alpha"));
        Assert.True(old.IsReleased);
        Assert.False(old.IsDisposed);

        JobGates.Open(gate);
        Assert.Equal(2, await round.WaitAsync(TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 200 && !old.IsDisposed; i++)
        {
            await Task.Delay(25);
        }

        Assert.True(old.IsDisposed);

        // The new shell runs its tasks once, at the next round.
        Assert.Equal(2, await runner.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await runner.RunDueAsync(CancellationToken.None));
        Assert.Equal(Runs(3, 2), await RunsAsync(host, "alpha"));
    }

    [Fact]
    public async Task With_a_tick_set_the_host_runs_the_tasks_by_itself()
    {
        await using var host = new TestHost().WithTenant("alpha", ["Test.Jobs"]).WithSetting("GovPlatform:BackgroundTaskTick", "00:00:00.2");
        host.Start();
        await host.WarmAsync("alpha");

        var runs = await RunsAsync(host, "alpha");
        for (var i = 0; i < 200 && runs.Count < 2; i++)
        {
            await Task.Delay(50);
            runs = await RunsAsync(host, "alpha");
        }

        Assert.Equal(Runs(1, 1), runs);
    }

    private static BackgroundTaskRunner Runner(TestHost host) => host.Services.GetRequiredService<BackgroundTaskRunner>();

    private static Dictionary<string, int> Runs(int record, int flaky) => new() { ["record"] = record, ["flaky"] = flaky };

    private static async Task<Dictionary<string, int>> RunsAsync(TestHost host, string tenant) =>
        (await host.Client("application/json").GetFromJsonAsync<Dictionary<string, int>>($"/{tenant}/jobs/runs"))!;
}
