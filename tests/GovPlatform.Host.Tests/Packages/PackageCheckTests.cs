using System.Net;
using System.Net.Http.Json;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Packages;
using GovPlatform.Core.Shells;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Packages;

/// <summary>
/// The run-time installer's remaining checks: the authors allow-list, a package that is no module or clashes with a
/// built-in one, dependencies between packages, a package that no longer loads at start, the audit trail, and two
/// installs at once.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageCheckTests(FixturePackages packages)
{
    [Fact]
    public async Task The_authors_allow_list_refuses_by_author_with_both_languages_and_globs_match_ids_and_authors()
    {
        await using var refusing = new TestHost().WithSetting("GovPlatform:Packages:AllowedAuthors:0", "Contoso*").Start();
        var refused = await RuntimeInstallTests.PostPackageAsync(refusing, packages.V1);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, body);
        var problem = JsonNode.Parse(body)!;
        Assert.Contains("('Acme') are not on the list of authors", problem["reasonEn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("不在允许的作者列表中", problem["reasonZh"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(refusing.Services.GetRequiredService<ModulePackages>().Installed);

        // Globs are case-insensitive and anchored: "acme.fix*" takes Acme.Fixture but not Acme.Addon; "AC*" takes the author Acme.
        await using var host = new TestHost()
            .WithSetting("GovPlatform:Packages:AllowedIds:0", "acme.fix*")
            .WithSetting("GovPlatform:Packages:AllowedAuthors:0", "Contoso")
            .WithSetting("GovPlatform:Packages:AllowedAuthors:1", "AC*")
            .Start();
        var addon = await RuntimeInstallTests.PostPackageAsync(host, packages.Addon);
        Assert.Equal(HttpStatusCode.Forbidden, addon.StatusCode);
        Assert.Contains("not on the list of package ids", await addon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var installed = await RuntimeInstallTests.PostPackageAsync(host, packages.V1);
        Assert.True(installed.StatusCode == HttpStatusCode.Created, await installed.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("NoModule", HttpStatusCode.BadRequest, "has no assembly with [assembly: Module]", "没有带 [assembly: Module] 的程序集")]
    [InlineData("ModuleClash", HttpStatusCode.Conflict, "Module id 'GovPlatform.Grid' is declared twice", "模块目录不接受该包")]
    [InlineData("FeatureClash", HttpStatusCode.Conflict, "Feature id 'GovPlatform.Grid' is declared twice", "模块目录不接受该包")]
    public async Task A_package_that_is_no_module_or_clashes_with_a_built_in_module_is_refused_and_leaves_nothing(string variant, HttpStatusCode status, string english, string chinese)
    {
        await using var host = new TestHost().Start();
        var catalog = host.Services.GetRequiredService<ModuleCatalog>();
        var generation = catalog.Generation;
        var grid = catalog.Find("GovPlatform.Grid")!.Module.Assembly;

        var response = await RuntimeInstallTests.PostPackageAsync(host, packages.Variant(variant));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, body);
        var problem = JsonNode.Parse(body)!;
        Assert.Contains(english, problem["reasonEn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(chinese, problem["reasonZh"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing stays: no package, no files, the built-in module untouched, the catalog not replaced.
        Assert.Empty(host.Services.GetRequiredService<ModulePackages>().Installed);
        Assert.False(Directory.Exists(Path.Combine(host.DataRoot, "Packages", "acme.fixture")));
        Assert.Same(grid, catalog.Find("GovPlatform.Grid")!.Module.Assembly);
        Assert.Equal(generation, catalog.Generation);
        Assert.Null(catalog.Modules.FirstOrDefault(m => m.Id == "Acme.Fixture"));

        // The real package installs afterwards: no leftover blocks it.
        var installed = await RuntimeInstallTests.PostPackageAsync(host, packages.V1);
        Assert.True(installed.StatusCode == HttpStatusCode.Created, await installed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_dependent_package_needs_its_dependency_installed_blocks_its_uninstall_and_both_load_after_a_restart()
    {
        var host = new TestHost().Start();
        try
        {
            var early = await RuntimeInstallTests.PostPackageAsync(host, packages.Addon);
            var earlyBody = await early.Content.ReadAsStringAsync();
            Assert.True(early.StatusCode == HttpStatusCode.Conflict, earlyBody);
            Assert.Contains("Acme.Fixture", JsonNode.Parse(earlyBody)!["reasonEn"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("依赖不存在", JsonNode.Parse(earlyBody)!["reasonZh"]!.GetValue<string>(), StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V1)).StatusCode);
            var addon = await RuntimeInstallTests.PostPackageAsync(host, packages.Addon);
            Assert.True(addon.StatusCode == HttpStatusCode.Created, await addon.Content.ReadAsStringAsync());

            var blocked = await host.AdminClient().DeleteAsync("/api/host/packages/Acme.Fixture");
            var blockedBody = await blocked.Content.ReadAsStringAsync();
            Assert.True(blocked.StatusCode == HttpStatusCode.Conflict, blockedBody);
            Assert.Contains("the installed packages Acme.Addon depend on it", JsonNode.Parse(blockedBody)!["reasonEn"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("Acme.Addon 依赖它", JsonNode.Parse(blockedBody)!["reasonZh"]!.GetValue<string>(), StringComparison.Ordinal);

            // An upgrade of the dependency keeps the dependent's feature dependency satisfied.
            Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V2)).StatusCode);

            // After a restart the dependency is loaded first whatever the registry's order, and both are loaded.
            var registry = Path.Combine(host.DataRoot, "Packages", "packages.json");
            var records = JsonNode.Parse(await File.ReadAllTextAsync(registry))!.AsArray();
            await File.WriteAllTextAsync(registry, new JsonArray([.. records.Reverse().Select(r => r!.DeepClone())]).ToJsonString());
            host = await host.RestartAsync();
            var list = (await host.AdminClient().GetFromJsonAsync<JsonArray>("/api/host/packages"))!;
            Assert.Equal(["Acme.Addon loaded", "Acme.Fixture loaded"], list.Select(p => $"{p!["id"]} {p["status"]}").Order(StringComparer.Ordinal));
            Assert.NotNull(host.Services.GetRequiredService<ModuleCatalog>().Find("Acme.Addon"));

            Assert.Equal(HttpStatusCode.OK, (await host.AdminClient().DeleteAsync("/api/host/packages/Acme.Addon")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await host.AdminClient().DeleteAsync("/api/host/packages/Acme.Fixture")).StatusCode);
            Assert.Empty(host.Services.GetRequiredService<ModulePackages>().Installed);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_package_that_no_longer_loads_at_start_is_shown_as_failed_and_the_host_serves_the_other_tenants()
    {
        var host = new TestHost().WithRepositoryTenants().Start();
        try
        {
            await host.WarmAsync("zhanqian", "lianhu");
            Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V1)).StatusCode);
            Assert.True((await host.ChangeFeaturesAsync("zhanqian", enable: ["Acme.Fixture"])).IsSuccessStatusCode);
            await SignInHostAdminAsync(host);

            // The extracted assembly is damaged while the host runs (it was loaded from memory), then the host restarts.
            var dll = Path.Combine(host.DataRoot, "Packages", "acme.fixture", "1.0.0", "lib", "net10.0", "Acme.Fixture.dll");
            Assert.True(File.Exists(dll));
            await File.WriteAllBytesAsync(dll, [0x4d, 0x5a, 0, 1, 2, 3]);
            host = await host.RestartAsync();

            var list = (await host.AdminClient().GetFromJsonAsync<JsonArray>("/api/host/packages"))!;
            var row = Assert.Single(list)!;
            Assert.Equal("failed", row["status"]!.GetValue<string>());
            Assert.Contains("[assembly: Module]", row["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Null(host.Services.GetRequiredService<ModuleCatalog>().Find("Acme.Fixture"));

            // The other districts run; the one that had it enabled runs without it.
            Assert.Equal(HttpStatusCode.OK, (await host.Client("text/html").GetAsync("/lianhu/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await host.Client("text/html").GetAsync("/zhanqian/")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client("application/json").GetAsync("/zhanqian/api/acme")).StatusCode);

            var admin = await SignInHostAdminAsync(host);
            var page = await admin.GetStringAsync("/admin/packages");
            var tableRow = page[page.IndexOf("id=\"package-Acme.Fixture\"", StringComparison.Ordinal)..];
            Assert.Contains("加载失败", tableRow[..tableRow.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Installs_upgrades_uninstalls_and_refusals_through_the_api_are_in_the_default_tenants_audit_log()
    {
        await using var host = new TestHost().Start();
        Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V1)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.V2)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await RuntimeInstallTests.PostPackageAsync(host, packages.V1)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RuntimeInstallTests.PostPackageAsync(host, packages.Addon)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.AdminClient().DeleteAsync("/api/host/packages/Acme.Fixture")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.AdminClient().DeleteAsync("/api/host/packages/Acme.Addon")).StatusCode);

        var entries = await AuditAsync(host);
        string Hash(byte[] package) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(package));
        void Has(string action, string subject, string? version, string? sha256, string? reason = null)
        {
            var entry = entries.FirstOrDefault(e => e.Action == action && e.Subject == subject
                && JsonNode.Parse(e.After ?? e.Before!)!["version"]?.GetValue<string>() == version);
            Assert.True(entry is not null, $"{action} {subject} {version} missing: {string.Join('\n', entries.Select(e => $"{e.Action} {e.Subject} {e.After ?? e.Before}"))}");
            var details = JsonNode.Parse(entry.After ?? entry.Before!)!;
            Assert.Equal("host API", details["by"]!.GetValue<string>());
            Assert.Equal(sha256, details["sha256"]?.GetValue<string>());
            Assert.Contains("by host API", entry.Summary, StringComparison.Ordinal);
            if (reason is not null)
            {
                Assert.Contains(reason, details["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        Has("install", "Acme.Fixture", "1.0.0", Hash(packages.V1));
        Has("upgrade", "Acme.Fixture", "1.1.0", Hash(packages.V2));
        Has("refuse", "Acme.Fixture", "1.0.0", Hash(packages.V1), "downgrade");
        Has("install", "Acme.Addon", "1.0.0", Hash(packages.Addon));
        Has("refuse-uninstall", "Acme.Fixture", null, null, "Acme.Addon");
        Has("uninstall", "Acme.Addon", "1.0.0", Hash(packages.Addon));
        Assert.Equal(6, entries.Count);
    }

    [Fact]
    public async Task Two_installs_at_once_end_with_one_package_and_the_registry_and_catalog_agree()
    {
        await using var host = new TestHost().Start();
        var catalog = host.Services.GetRequiredService<ModuleCatalog>();
        var store = host.Services.GetRequiredService<ModulePackages>();

        // The Default tenant is set up first, as on a host in use: its first requests would otherwise wait on its setup.
        await host.Client().GetAsync("/");

        async Task AgreeAsync(string version)
        {
            var registry = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(host.DataRoot, "Packages", "packages.json")))!.AsArray();
            var record = Assert.Single(registry)!;
            Assert.Equal(("Acme.Fixture", version), (record["Id"]!.GetValue<string>(), record["Version"]!.GetValue<string>()));
            Assert.Equal(version, Assert.Single(store.Installed).Record.Version);
            var module = Assert.Single(catalog.Modules, m => m.Id == "Acme.Fixture");
            Assert.Equal(version, module.Assembly.GetName().Version!.ToString(3));
            Assert.Equal([version], Directory.GetDirectories(Path.Combine(host.DataRoot, "Packages", "acme.fixture")).Select(Path.GetFileName));
        }

        // The same package twice: one installs, the other finds it installed.
        var same = await Task.WhenAll(RuntimeInstallTests.PostPackageAsync(host, packages.V1), RuntimeInstallTests.PostPackageAsync(host, packages.V1));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], same.Select(r => r.StatusCode).Order());
        Assert.Contains("already installed", await same.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AgreeAsync("1.0.0");

        // Two versions: whichever goes first, 1.1.0 ends installed (an upgrade, or the older one refused as a downgrade).
        Assert.Equal(HttpStatusCode.OK, (await host.AdminClient().DeleteAsync("/api/host/packages/Acme.Fixture")).StatusCode);
        var versions = await Task.WhenAll(RuntimeInstallTests.PostPackageAsync(host, packages.V1), RuntimeInstallTests.PostPackageAsync(host, packages.V2));
        Assert.Equal(HttpStatusCode.Created, versions[1].StatusCode);
        if (versions[0].StatusCode == HttpStatusCode.Conflict)
        {
            Assert.Contains("downgrade", await versions[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Created, versions[0].StatusCode);
        }

        await AgreeAsync("1.1.0");
    }

    /// <summary>The Default tenant's <c>packages</c> audit entries, newest first.</summary>
    internal static async Task<IReadOnlyList<AuditEntry>> AuditAsync(TestHost host)
    {
        var shell = await host.Shells.EnterAsync(ShellSettings.DefaultTenantName);
        try
        {
            await using var scope = shell.ServiceProvider.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Category: PackageAudit.Category, PageSize: 200));
            return page.Entries;
        }
        finally
        {
            shell.Exit();
        }
    }

    /// <summary>Sets up the host admin (once per data root) and returns a client signed in as <c>host</c>.</summary>
    internal static async Task<HttpClient> SignInHostAdminAsync(TestHost host)
    {
        var client = host.Client("text/html");
        await client.GetAsync("/admin/setup");
        var tokenFile = Path.Combine(host.DataRoot, "host-setup-token");
        if (File.Exists(tokenFile))
        {
            var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
            Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/admin/setup", "/admin/setup",
                ("token", token), ("userName", "host"), ("email", "host@example.cn"), ("password", "Host-admin-2026"))).StatusCode);
        }

        var admin = host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, "/account/login", "/account/login", ("UserName", "host"), ("Password", "Host-admin-2026"))).StatusCode);
        return admin;
    }
}
