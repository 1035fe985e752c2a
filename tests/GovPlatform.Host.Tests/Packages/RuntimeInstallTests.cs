using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Core.Packages;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Packages;

/// <summary>A vendor's module package installed into the running host, enabled on one district, upgraded and uninstalled.</summary>
[Collection(PackagesCollection.Name)]
public sealed class RuntimeInstallTests(FixturePackages packages) : IAsyncLifetime
{
    private TestHost _host = new TestHost().WithRepositoryTenants();

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    internal static async Task<HttpResponseMessage> PostPackageAsync(TestHost host, byte[] package)
    {
        using var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await host.AdminClient().PostAsync("/api/host/packages", content);
    }

    private async Task<string?> AnswerAsync(string tenant)
    {
        var response = await _host.Client("application/json").GetAsync($"/{tenant}/api/acme");
        return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["answer"]!.GetValue<string>() : null;
    }

    [Fact]
    public async Task A_package_is_installed_enabled_on_one_district_upgraded_survives_a_restart_and_is_uninstalled_after_disabling()
    {
        await _host.WarmAsync("zhanqian", "lianhu");
        var installed = await PostPackageAsync(_host, packages.V1);
        Assert.True(installed.StatusCode == HttpStatusCode.Created, await installed.Content.ReadAsStringAsync());
        var summary = (await installed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("1.0.0", summary["version"]!.GetValue<string>());
        Assert.Equal("Acme", summary["authors"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(packages.V1)), summary["sha256"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(_host.DataRoot, "Packages", "packages.json")));

        // The features page of a district lists it; nothing answers until a district enables it.
        var modules = await _host.AdminClient().GetStringAsync("/api/modules");
        Assert.Contains("Acme.Fixture", modules, StringComparison.Ordinal);
        await using (var scope = await _host.ScopeAsync("zhanqian"))
        {
            var (created, _) = await scope.ServiceProvider.GetRequiredService<GovPlatform.Identity.Services.UserAccounts>()
                .CreateAsync("admin", "admin@zhanqian.example.cn", "admin", null, "Zhanqian-pass-2026", ["Administrator"], null);
            Assert.True(created.Succeeded);
        }

        var districtAdmin = await _host.SignedInAsync("zhanqian", "admin", "Zhanqian-pass-2026");
        var features = System.Net.WebUtility.HtmlDecode(await districtAdmin.GetStringAsync("/zhanqian/admin/features"));
        var row = features[features.IndexOf("id=\"feature-Acme.Fixture\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains("1.0.0 (Acme)", row, StringComparison.Ordinal);
        Assert.Contains("运行时安装的扩展包", row, StringComparison.Ordinal);
        Assert.Null(await AnswerAsync("zhanqian"));
        var enabled = await _host.ChangeFeaturesAsync("zhanqian", enable: ["Acme.Fixture"]);
        Assert.True(enabled.IsSuccessStatusCode, await enabled.Content.ReadAsStringAsync());

        Assert.Equal("acme v1", await AnswerAsync("zhanqian"));
        Assert.Null(await AnswerAsync("lianhu"));
        var page = await _host.Client("text/html").GetAsync("/zhanqian/acme");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Acme 停车 Parking", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client("text/html").GetAsync("/lianhu/acme")).StatusCode);
        var css = await _host.Client().GetAsync("/_content/Acme.Fixture/acme.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".acme-answer", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client().GetAsync("/_content/Acme.Fixture/../packages.json")).StatusCode);
        Assert.Equal(1, (await _host.Shells.GetMigrationStateAsync("zhanqian")).Applied["Acme.Fixture"]);

        // Upgrade: zhanqian gets a new shell with the new endpoint and migration 2; lianhu keeps its shell.
        var lianhuShell = _host.Shells.Peek("lianhu");
        Assert.NotNull(lianhuShell);
        var upgraded = await PostPackageAsync(_host, packages.V2);
        Assert.True(upgraded.StatusCode == HttpStatusCode.Created, await upgraded.Content.ReadAsStringAsync());
        Assert.Equal("acme v2", await AnswerAsync("zhanqian"));
        Assert.Equal(2, (await _host.Shells.GetMigrationStateAsync("zhanqian")).Applied["Acme.Fixture"]);
        Assert.False((await _host.Shells.GetMigrationStateAsync("lianhu")).Applied.ContainsKey("Acme.Fixture"));
        Assert.Same(lianhuShell, _host.Shells.Peek("lianhu"));
        Assert.False(Directory.Exists(Path.Combine(_host.DataRoot, "Packages", "acme.fixture", "1.0.0")), "the old version's files are deleted");

        // The same version again, and an older one, are refused.
        var again = await PostPackageAsync(_host, packages.V2);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already installed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var downgrade = await PostPackageAsync(_host, packages.V1);
        Assert.Equal(HttpStatusCode.Conflict, downgrade.StatusCode);
        Assert.Contains("downgrade", await downgrade.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A restart loads it again before any shell is built.
        _host = await _host.RestartAsync();
        Assert.Equal("acme v2", await AnswerAsync("zhanqian"));
        Assert.Null(await AnswerAsync("lianhu"));

        // Uninstall is refused while zhanqian has it enabled, even with zhanqian idle (no shell).
        await _host.Services.GetRequiredService<GovPlatform.Core.Shells.ShellHost>().ReloadAsync("lianhu");
        _host.Shells.ReleaseIdle(TimeSpan.Zero);
        var refused = await _host.AdminClient().DeleteAsync("/api/host/packages/Acme.Fixture");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("zhanqian", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.True((await _host.ChangeFeaturesAsync("zhanqian", disable: ["Acme.Fixture"])).IsSuccessStatusCode);
        var removed = await _host.AdminClient().DeleteAsync("/api/host/packages/Acme.Fixture");
        Assert.True(removed.StatusCode == HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        Assert.Null(await AnswerAsync("zhanqian"));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client().GetAsync("/_content/Acme.Fixture/acme.css")).StatusCode);
        Assert.Empty(_host.Services.GetRequiredService<ModulePackages>().Installed);
        Assert.False(Directory.Exists(Path.Combine(_host.DataRoot, "Packages", "acme.fixture")));
        Assert.DoesNotContain("Acme.Fixture", await _host.AdminClient().GetStringAsync("/api/modules"), StringComparison.Ordinal);
    }
}
