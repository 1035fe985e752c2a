using System.Net.Http.Json;
using GovPlatform.Core.Jobs;
using GovPlatform.Core.State;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Jobs;

/// <summary>
/// Tasks that wake idle tenants (<c>IBackgroundTask.WakesIdleTenant</c>; Test.Jobs adds "waking" where the tenant's
/// <c>TestJobs:Waking</c> gives its interval). A tenant set up by a first host and not requested since the restart is
/// the idle tenant: the runner activates it without counting as use and runs only its waking tasks.
/// </summary>
public sealed class WakingTaskTests
{
    private static readonly TimeSpan WakingInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tenant_without_a_request_since_the_host_started_gets_its_waking_task_run_and_its_other_tasks_wait_for_a_request(string provider)
    {
        var clock = new ManualClock();
        await using var first = await new TestHost()
            .WithTenant("alpha", ["Test.Jobs"])
            .WithTenant("beta", ["Test.Jobs"])
            .WithSetting("GovPlatform:Tenants:alpha:TestJobs:Waking", WakingInterval.ToString())
            .WithClock(clock)
            .WithProviderAsync(provider);
        first.Start();
        await first.WarmAsync("alpha", "beta");
        await using var host = await first.RestartAsync();
        var runner = Runner(host);
        Assert.Null(host.Shells.Peek("alpha"));
        Assert.Null(host.Shells.Peek("beta"));

        // Both are activated once to learn what they have; only alpha's waking task runs.
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.True(host.Shells.Peek("alpha")!.IsWokenForBackground);
        Assert.True(host.Shells.Peek("beta")!.IsWokenForBackground);

        // The woken shells stay until the idle release, and still run nothing but the waking task when it is due.
        Assert.Equal(0, await runner.RunDueAsync());
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await runner.RunDueAsync());

        // A request uses alpha's shell: its other tasks run at the next round, the waking one keeps its interval.
        Assert.Equal(new Dictionary<string, int> { ["waking"] = 2 }, await RunsAsync(host, "alpha"));
        Assert.False(host.Shells.Peek("alpha")!.IsWokenForBackground);
        Assert.Equal(2, await runner.RunDueAsync());
        Assert.Equal(new Dictionary<string, int> { ["waking"] = 2, ["record"] = 1, ["flaky"] = 1 }, await RunsAsync(host, "alpha"));
        Assert.Empty(await RunsAsync(host, "beta"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_woken_shell_does_not_count_as_used_so_the_idle_release_takes_it_and_the_tenant_is_woken_again_when_due(string provider)
    {
        var clock = new ManualClock();
        await using var first = await new TestHost()
            .WithTenant("alpha", ["Test.Jobs"])
            .WithSetting("GovPlatform:Tenants:alpha:TestJobs:Waking", WakingInterval.ToString())
            .WithClock(clock)
            .WithProviderAsync(provider);
        first.Start();
        await first.WarmAsync("alpha");
        await using var host = await first.RestartAsync();
        var runner = Runner(host);
        var wokenAt = clock.GetUtcNow();

        Assert.Equal(1, await runner.RunDueAsync());
        var woken = host.Shells.Peek("alpha")!;
        Assert.True(woken.LastUsedUtc <= wokenAt, "activation counted as use");
        Assert.Equal(0, woken.ActiveRequests);
        Assert.Equal(0, host.Shells.ReleaseIdle(IdleTimeout));

        // The waking task runs in the woken shell every interval; those runs do not keep it either.
        clock.Advance(WakingInterval);
        Assert.Equal(1, await runner.RunDueAsync());
        clock.Advance(IdleTimeout - WakingInterval);
        Assert.Equal(woken.LastUsedUtc, host.Shells.Peek("alpha")!.LastUsedUtc);
        Assert.Equal(1, host.Shells.ReleaseIdle(IdleTimeout));
        Assert.Null(host.Shells.Peek("alpha"));

        // Idle again, with the task due: woken in a new shell, which runs only the waking task.
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.NotSame(woken, host.Shells.Peek("alpha"));
        Assert.True(woken.IsReleased);
        Assert.Equal(2, Activations(host, "alpha"));

        // Not due yet: a released tenant is not woken before its interval has passed since the last run.
        Assert.Equal(1, host.Shells.ReleaseIdle(TimeSpan.Zero));
        clock.Advance(WakingInterval / 2);
        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Null(host.Shells.Peek("alpha"));
        clock.Advance(WakingInterval / 2);
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Equal(3, Activations(host, "alpha"));
        Assert.Equal(new Dictionary<string, int> { ["waking"] = 4 }, await RunsAsync(host, "alpha"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tenant_without_waking_tasks_is_activated_once_to_learn_it_and_then_left_idle(string provider)
    {
        var clock = new ManualClock();
        await using var first = await new TestHost().WithTenant("beta", ["Test.Jobs"]).WithClock(clock).WithProviderAsync(provider);
        first.Start();
        await first.WarmAsync("beta");
        await using var host = await first.RestartAsync();
        var runner = Runner(host);

        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Equal(1, Activations(host, "beta"));
        Assert.Equal(1, host.Shells.ReleaseIdle(TimeSpan.Zero));

        for (var round = 0; round < 3; round++)
        {
            clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(0, await runner.RunDueAsync());
            Assert.Null(host.Shells.Peek("beta"));
        }

        Assert.Equal(1, Activations(host, "beta"));

        // A request brings the shell back: its hourly tasks run as before, in the shell that is running.
        Assert.Empty(await RunsAsync(host, "beta"));
        Assert.Equal(2, await runner.RunDueAsync());
    }

    [Fact]
    public async Task Disabled_and_uninitialised_tenants_are_never_activated()
    {
        var clock = new ManualClock();
        await using var first = new TestHost()
            .WithTenant("off", ["Test.Jobs"])
            .WithTenant("fresh", ["Test.Jobs"], autoSetup: false)
            .WithTenant("pending", ["Test.Jobs"])
            .WithSetting("GovPlatform:Tenants:off:TestJobs:Waking", WakingInterval.ToString())
            .WithSetting("GovPlatform:Tenants:fresh:TestJobs:Waking", WakingInterval.ToString())
            .WithSetting("GovPlatform:Tenants:pending:TestJobs:Waking", WakingInterval.ToString())
            .WithClock(clock);
        first.Start();
        await first.WarmAsync("off");
        await first.Shells.SetEnabledAsync("off", enabled: false);
        await using var host = await first.RestartAsync();
        var runner = Runner(host);
        Assert.Equal(TenantState.Disabled, host.Shells.Find("off")!.State);
        Assert.Equal(TenantState.Uninitialized, host.Shells.Find("fresh")!.State);
        Assert.Equal(TenantState.Uninitialized, host.Shells.Find("pending")!.State);

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(0, await runner.RunDueAsync());
            clock.Advance(TimeSpan.FromHours(1));
        }

        foreach (var tenant in new[] { "off", "fresh", "pending", "default" })
        {
            Assert.Null(host.Shells.Peek(tenant));
            Assert.Equal(0, Activations(host, tenant));
        }
    }

    [Fact]
    public async Task A_failed_activation_is_logged_once_an_invalid_tenant_is_not_tried_again_and_an_unreachable_one_only_after_the_back_off()
    {
        var clock = new ManualClock();
        await using var host = new TestHost()
            .WithTenant("faulty", definition: d => d["State"] = "Running")
            .WithTenant("down", definition: d =>
            {
                d["State"] = "Running";
                d["DatabaseProvider"] = "Postgres";
                d["ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2";
            })
            .WithClock(clock);
        host.Start();
        await host.Services.GetRequiredService<ShellStateStore>().SaveFeaturesAsync(host.Shells.Find("faulty")!, ["Test.Jobs", "Test.Faulty"]);
        var runner = Runner(host);

        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Equal(TenantState.Invalid, host.Shells.Find("faulty")!.State);
        Assert.Equal(TenantState.Running, host.Shells.Find("down")!.State);
        Assert.Equal(1, Attempts(host, "down"));
        Assert.Equal(1, RunnerWarnings(host, "faulty"));
        Assert.Equal(1, RunnerWarnings(host, "down"));

        // Within the back-off nothing is tried; after it the unreachable tenant is, without a new warning of the runner.
        clock.Advance(BackgroundTaskRunner.ActivationRetryDelay - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Equal(1, Attempts(host, "down"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Equal(2, Attempts(host, "down"));
        Assert.Equal(1, RunnerWarnings(host, "down"));

        // The invalid tenant waits for a reload, however long.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Equal(3, Attempts(host, "down"));
        Assert.Null(host.Shells.Peek("faulty"));
        Assert.Equal(1, host.Logs.Count(l => l.Contains("Tenant faulty failed to start", StringComparison.Ordinal)));
        Assert.Equal(1, RunnerWarnings(host, "faulty"));
    }

    private static BackgroundTaskRunner Runner(TestHost host) => host.Services.GetRequiredService<BackgroundTaskRunner>();

    /// <summary>Shells the host built for the tenant, for a request or for background tasks.</summary>
    private static int Activations(TestHost host, string tenant) =>
        host.Logs.Count(l => l.Contains($"Tenant {tenant} activated", StringComparison.Ordinal));

    /// <summary>Activations that found the tenant's database unreachable.</summary>
    private static int Attempts(TestHost host, string tenant) =>
        host.Logs.Count(l => l.Contains($"Tenant {tenant}: its database is unavailable", StringComparison.Ordinal));

    private static int RunnerWarnings(TestHost host, string tenant) =>
        host.Logs.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"Tenant {tenant}: its shell could not be activated for its background tasks", StringComparison.Ordinal));

    private static async Task<Dictionary<string, int>> RunsAsync(TestHost host, string tenant) =>
        (await host.Client("application/json").GetFromJsonAsync<Dictionary<string, int>>($"/{tenant}/jobs/runs"))!;
}
