using System.Net;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.TestModules;

namespace GovPlatform.Host.Tests;

/// <summary>Lazy single-flight activation, atomic swaps while requests stream, and release of idle shells.</summary>
public sealed class ShellLifecycleTests : IAsyncLifetime
{
    private readonly TestHost _host = new TestHost()
        .WithTenant("cold", ["Test.Echo"])
        .WithTenant("busy", ["Test.Echo"])
        .WithTenant("idle", ["Test.Echo", "Test.GridRecords", "GovPlatform.Contents", "GovPlatform.Petitions", "GovPlatform.Mediation", "GovPlatform.Points", "GovPlatform.LegalAid", "GovPlatform.RedGrid"])
        .WithTenant("drain", ["Test.Echo"]);

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Fifty_concurrent_first_requests_build_a_cold_tenants_shell_once()
    {
        // Set-up runs on the first request; release the shell it left so the next request is a cold activation.
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/cold/echo")).StatusCode);
        Assert.Equal(1, _host.Shells.ReleaseIdle(TimeSpan.Zero));
        var before = BuildCounter.For("cold");

        using var start = new ManualResetEventSlim();
        var client = _host.Client();
        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await client.GetAsync("/cold/echo");
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(before + 1, BuildCounter.For("cold"));
    }

    [Fact]
    public async Task Enabling_a_feature_while_requests_stream_fails_no_request_and_later_requests_see_it()
    {
        var client = _host.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/busy/diagnostics")).StatusCode);
        var oldShell = _host.Shells.Peek("busy")!;

        using var stop = new CancellationTokenSource();
        var streams = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            while (!stop.IsCancellationRequested)
            {
                statuses.Add((await client.GetAsync("/busy/echo")).StatusCode);
            }

            return statuses;
        })).ToList();

        await Task.Delay(200);
        var change = await _host.ChangeFeaturesAsync("busy", enable: ["GovPlatform.Diagnostics"]);
        await Task.Delay(200);
        await stop.CancelAsync();
        var statuses = (await Task.WhenAll(streams)).SelectMany(s => s).ToList();

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.True(statuses.Count > 20, $"only {statuses.Count} requests streamed");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/busy/diagnostics")).StatusCode);
        Assert.NotSame(oldShell, _host.Shells.Peek("busy"));
        await WaitUntilAsync(() => oldShell.IsDisposed);
    }

    [Fact]
    public async Task A_request_inside_the_old_shell_finishes_on_it_and_the_old_shell_is_disposed_after()
    {
        var client = _host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/drain/echo")).StatusCode);
        var oldShell = _host.Shells.Peek("drain")!;

        var slow = client.GetAsync("/drain/echo/slow?ms=1500");
        await WaitUntilAsync(() => oldShell.ActiveRequests > 0);
        Assert.Equal(HttpStatusCode.OK, (await _host.ChangeFeaturesAsync("drain", enable: ["GovPlatform.Diagnostics"])).StatusCode);

        Assert.True(oldShell.IsReleased);
        Assert.False(oldShell.IsDisposed);
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
        await WaitUntilAsync(() => oldShell.IsDisposed);
    }

    [Fact]
    public async Task An_idle_shell_is_released_and_rebuilt_on_the_next_request()
    {
        var client = _host.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/idle/echo")).StatusCode);
        var first = _host.Shells.Peek("idle")!;
        var builds = BuildCounter.For("idle");

        Assert.Equal(0, _host.Shells.ReleaseIdle(TimeSpan.FromHours(1)));
        Assert.True(_host.Shells.ReleaseIdle(TimeSpan.Zero) >= 1);
        Assert.Null(_host.Shells.Peek("idle"));
        await WaitUntilAsync(() => first.IsDisposed);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/idle/echo")).StatusCode);
        Assert.Equal(builds + 1, BuildCounter.For("idle"));
        Assert.NotSame(first, _host.Shells.Peek("idle"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task A_released_shell_and_its_configuration_are_collected()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/idle/echo")).StatusCode);

        // The grid's endpoints are compiled once per host and shared (SharedEndpoints): the shared delegates must not
        // keep the shell that compiled them.
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/idle/grid")).StatusCode);

        // So are the contents module's, and its per-shell pieces (route reservations, list menu, rendering, API).
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/idle/api/contents/openapi.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client().GetAsync("/idle/no-such-page")).StatusCode);

        // And the petitions hall's (public form, API, catalogue cache, deadline task).
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/idle/petitions/new")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/idle/api/petitions/categories")).StatusCode);
        var (shell, configuration) = WeakReferences(_host.Shells.Peek("idle")!);

        // A feature change builds a new shell and releases this one; an idle release lets the next go too.
        Assert.Equal(HttpStatusCode.OK, (await _host.ChangeFeaturesAsync("idle", enable: ["Test.Events"])).StatusCode);
        _host.Shells.ReleaseIdle(TimeSpan.Zero);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((shell.IsAlive || configuration.IsAlive) && DateTime.UtcNow < deadline)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }

        Assert.False(shell.IsAlive, "the released shell is still referenced");
        Assert.False(configuration.IsAlive, "the released shell's configuration is still referenced (e.g. by a reload callback of the host's configuration)");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Shell, WeakReference Configuration) WeakReferences(GovPlatform.Core.Shells.ShellContext shell) =>
        (new WeakReference(shell), new WeakReference(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(shell.ServiceProvider)));
}
