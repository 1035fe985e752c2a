using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Core.Packages;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Packages;

/// <summary>Each check's refusal with its reason, the watched folder, and the host admin's upload form.</summary>
[Collection(PackagesCollection.Name)]
public sealed partial class PackageRefusalTests(FixturePackages packages) : IAsyncLifetime
{
    private readonly TestHost _host = new TestHost()
        .WithSetting("GovPlatform:Packages:MaxPackageSize", "100000")
        .WithSetting("GovPlatform:Packages:AllowedIds:0", "Acme.*")
        .WithSetting("GovPlatform:Packages:DropScanInterval", "00:00:00.200");

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Each_check_refuses_with_a_reason_in_both_languages_and_installs_nothing()
    {
        async Task Refused(byte[] package, HttpStatusCode status, string english, string chinese)
        {
            var response = await RuntimeInstallTests.PostPackageAsync(_host, package);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, body);
            var problem = JsonNode.Parse(body)!;
            Assert.True(problem["reasonEn"]!.GetValue<string>().Contains(english, StringComparison.Ordinal), body);
            Assert.Contains(chinese, problem["reasonZh"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await Refused(packages.V1[..(packages.V1.Length / 2)], HttpStatusCode.BadRequest, "Not a readable NuGet package", "不是可读的 NuGet 包");
        await Refused(packages.WithNuspec(n => SdkDependency().Replace(n, "${1}[2.0.0,3.0.0)\"")),
            HttpStatusCode.Conflict, "needs module SDK", "要求模块 SDK 版本");
        await Refused(packages.WithNuspec(n => n.Replace("</group>", "<dependency id=\"Acme.Missing\" version=\"1.0.0\" /></group>", StringComparison.Ordinal)),
            HttpStatusCode.Conflict, "Acme.Missing", "依赖不存在");
        await Refused(packages.WithNuspec(n => n.Replace("<id>Acme.Fixture</id>", "<id>Other.Fixture</id>", StringComparison.Ordinal)),
            HttpStatusCode.Forbidden, "not on the list of package ids", "不在允许");
        await Refused(packages.Padded(200_000), HttpStatusCode.RequestEntityTooLarge, "larger than the limit", "大小上限");

        Assert.Empty(_host.Services.GetRequiredService<ModulePackages>().Installed);
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.Combine(_host.DataRoot, "Packages")), d => !Path.GetFileName(d).StartsWith('.') && Path.GetFileName(d) != "Drop");
    }

    [Fact]
    public async Task A_dropped_package_is_installed_and_a_bad_one_is_set_aside_with_its_reason()
    {
        // The Default tenant is set up (the audit log is its), as on a host in use.
        await _host.Client().GetAsync("/");
        var drop = Path.Combine(_host.DataRoot, "Packages", "Drop");
        Directory.CreateDirectory(drop);
        await File.WriteAllBytesAsync(Path.Combine(drop, "broken.nupkg"), packages.V1[..100]);
        await File.WriteAllBytesAsync(Path.Combine(drop, "Acme.Fixture.1.0.0.nupkg"), packages.V1);

        var installed = Path.Combine(drop, "installed", "Acme.Fixture.1.0.0.nupkg.txt");
        var refused = Path.Combine(drop, "refused", "broken.nupkg.txt");
        for (var i = 0; i < 150 && !(File.Exists(installed) && File.Exists(refused)); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(installed), string.Join('\n', _host.Logs.TakeLast(10)));
        Assert.Contains("Acme.Fixture 1.0.0", await File.ReadAllTextAsync(installed), StringComparison.Ordinal);
        Assert.Contains("Not a readable NuGet package", await File.ReadAllTextAsync(refused), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(drop, "broken.nupkg")));
        Assert.NotNull(_host.Services.GetRequiredService<ModulePackages>().Find("Acme.Fixture"));

        // Both are in the Default tenant's audit log, by the drop folder, with the hash of what was read.
        var audit = await PackageCheckTests.AuditAsync(_host);
        var install = Assert.Single(audit, e => e.Action == "install");
        Assert.Equal("Acme.Fixture", install.Subject);
        var details = JsonNode.Parse(install.After!)!;
        Assert.Equal(("1.0.0", "drop folder"), (details["version"]!.GetValue<string>(), details["by"]!.GetValue<string>()));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(packages.V1)), details["sha256"]!.GetValue<string>());
        var refusal = Assert.Single(audit, e => e.Action == "refuse");
        Assert.Equal("broken.nupkg", refusal.Subject);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(packages.V1[..100])), JsonNode.Parse(refusal.After!)!["sha256"]!.GetValue<string>());
        Assert.Contains("Not a readable NuGet package", refusal.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_admin_uploads_through_the_packages_page_and_sees_a_refusal_on_the_form()
    {
        var client = _host.Client("text/html");
        await client.GetAsync("/admin/setup");
        var token = File.ReadAllText(Path.Combine(_host.DataRoot, "host-setup-token")).Trim();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/admin/setup", "/admin/setup",
            ("token", token), ("userName", "host"), ("email", "host@example.cn"), ("password", "Host-admin-2026"))).StatusCode);
        var admin = _host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, "/account/login", "/account/login", ("UserName", "host"), ("Password", "Host-admin-2026"))).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await _host.Client().GetAsync("/admin/packages")).StatusCode);

        async Task<HttpResponseMessage> UploadAsync(byte[] package)
        {
            var html = await admin.GetStringAsync("/admin/packages");
            var form = HtmlForms.Find(html, "/admin/packages");
            using var content = new MultipartFormDataContent();
            foreach (var (name, value) in HtmlForms.Fields(form))
            {
                content.Add(new StringContent(value), name);
            }

            var file = new ByteArrayContent(package);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "package", "acme.nupkg");
            return await admin.PostAsync(form.GetAttribute("action"), content);
        }

        var bad = await UploadAsync(packages.V1[..200]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"package-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var good = await UploadAsync(packages.V1);
        Assert.True(good.StatusCode == HttpStatusCode.Redirect, await good.Content.ReadAsStringAsync());
        var page = await admin.GetStringAsync(good.Headers.Location!.OriginalString);
        Assert.Contains("id=\"package-Acme.Fixture\"", page, StringComparison.Ordinal);
        Assert.Equal("host", _host.Services.GetRequiredService<ModulePackages>().Find("Acme.Fixture")!.Record.InstalledBy);

        var uninstall = await HtmlForms.SubmitFromAsync(admin, page, "/admin/packages", "/admin/packages/Acme.Fixture/uninstall");
        Assert.Equal(HttpStatusCode.Redirect, uninstall.StatusCode);
        Assert.Null(_host.Services.GetRequiredService<ModulePackages>().Find("Acme.Fixture"));

        // The page's refusal, install and uninstall are audited as the signed-in host admin.
        var audit = await PackageCheckTests.AuditAsync(_host);
        Assert.Equal(["refuse acme.nupkg", "install Acme.Fixture", "uninstall Acme.Fixture"], audit.Reverse().Select(e => $"{e.Action} {e.Subject}"));
        Assert.All(audit, e => Assert.Equal("host", e.UserName));
        Assert.All(audit, e => Assert.Equal("host", JsonNode.Parse(e.After ?? e.Before!)!["by"]!.GetValue<string>()));
        Assert.Contains("Acme.Fixture 1.0.0", audit[0].Summary, StringComparison.Ordinal);
    }

    /// <summary>The version attribute of the package's dependency on the SDK, whatever range it was packed with.</summary>
    [GeneratedRegex("(<dependency id=\"GovPlatform\\.Abstractions\" version=\")[^\"]*\"")]
    private static partial Regex SdkDependency();
}
