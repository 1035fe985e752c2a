using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using GovPlatform.Core.Modules;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Packages;

/// <summary>
/// An upgraded or uninstalled package's load context is collected once nothing uses it: the host's own references (the
/// catalog, the loader, a rebuilt shell) let go. Not yet after the package served a request: see docs/architecture.md,
/// "Run-time module packages", for what is known.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class UnloadTests(FixturePackages packages)
{
    [Fact]
    public async Task An_unused_package_s_old_load_context_is_collected_after_an_upgrade_and_after_an_uninstall()
    {
        await using var host = new TestHost().Start();
        await host.Client().GetAsync("/");
        Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V1)).StatusCode);
        var v1 = LoadContextOf(host);
        Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V2)).StatusCode);
        Assert.True(await CollectedAsync(v1), "1.0.0's load context is alive after the upgrade");

        var v2 = LoadContextOf(host);
        Assert.Equal(HttpStatusCode.OK, (await host.AdminClient().DeleteAsync("/api/host/packages/Acme.Fixture")).StatusCode);
        Assert.True(await CollectedAsync(v2), "1.1.0's load context is alive after the uninstall");
    }

    [Fact]
    public async Task The_old_load_context_of_a_package_enabled_on_a_district_is_collected_after_the_upgrade_rebuilt_its_shell()
    {
        await using var host = new TestHost().WithRepositoryTenants().Start();
        await host.WarmAsync("zhanqian");
        Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V1)).StatusCode);
        Assert.True((await host.ChangeFeaturesAsync("zhanqian", enable: ["Acme.Fixture"])).IsSuccessStatusCode);
        var v1 = LoadContextOf(host);
        Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V2)).StatusCode);
        Assert.True(await CollectedAsync(v1), "1.0.0's load context is alive after the upgrade re-shelled zhanqian");
    }

    // Not inlined: no local of the test's state machine may hold the context.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadContextOf(TestHost host)
    {
        var assembly = host.Services.GetRequiredService<ModuleCatalog>().Find("Acme.Fixture")!.Module.Assembly;
        var context = AssemblyLoadContext.GetLoadContext(assembly)!;
        Assert.True(context.IsCollectible);
        return new WeakReference(context);
    }

    private static async Task<bool> CollectedAsync(WeakReference reference)
    {
        for (var i = 0; i < 50 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
        }

        return !reference.IsAlive;
    }
}
