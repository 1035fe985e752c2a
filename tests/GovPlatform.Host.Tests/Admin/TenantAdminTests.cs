using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Admin;

/// <summary>The district admin at /&lt;tenant&gt;/admin: who may use it, features, site settings, audit log.</summary>
public sealed partial class TenantAdminTests : IAsyncLifetime
{
    private readonly TestHost _host = new TestHost()
        .WithTenant("alpha", ["Test.GridCases", "Test.Echo", "GovPlatform.Home", "GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"], extraSteps: UsersStep(
            ("admin", AdminPassword, ["Administrator"], []),
            ("worker", WorkerPassword, ["GridWorker"], [])))
        .WithTenant("beta", ["GovPlatform.Home"], extraSteps: UsersStep(("admin", AdminPassword, ["Administrator"], [])));

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task The_admin_asks_a_visitor_to_sign_in_and_refuses_a_user_without_the_permission()
    {
        var anonymous = await _host.Client("text/html").GetAsync("/alpha/admin/features");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/alpha/account/login?", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // A grid worker may open the dashboard (default grant) but not the features page.
        var worker = await _host.SignedInAsync("alpha", "worker", WorkerPassword);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/alpha/admin")).StatusCode);
        var refused = await worker.GetAsync("/alpha/admin/features");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());
        if (refused.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/alpha/account/denied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        // Signed in to alpha is nothing in beta: not signed in there (401 for a client that is not a browser).
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.GetAsync("/beta/admin")).StatusCode);
    }

    [Fact]
    public async Task Enabling_a_feature_shows_the_dependencies_it_takes_along_then_enables_them_all_and_audits_it()
    {
        var admin = await _host.SignedInAsync("alpha", "admin", AdminPassword);
        var dashboard = await admin.GetStringAsync("/alpha/admin");
        Assert.Contains("/alpha/admin/features", dashboard, StringComparison.Ordinal);

        // Each feature names the module (and version) it comes from; built-in modules are not marked as installed packages.
        var list = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync("/alpha/admin/features"));
        var top = list[list.IndexOf("id=\"feature-Test.Top\"", StringComparison.Ordinal)..];
        Assert.Contains("模块 Test modules 1.0.0", top[..top.IndexOf("</li>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain("运行时安装的扩展包", list, StringComparison.Ordinal);

        var confirm = await PostFormAsync(admin, "/alpha/admin/features", "/alpha/admin/features/confirm", ("id", "Test.Top"), ("change", "enable"));
        var page = await confirm.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var toEnable = page[page.IndexOf("id=\"to-enable\"", StringComparison.Ordinal)..];
        Assert.Contains("Test.Base", toEnable, StringComparison.Ordinal);
        Assert.Contains("Test.Middle", toEnable, StringComparison.Ordinal);
        Assert.Contains("Test.Top", toEnable, StringComparison.Ordinal);
        Assert.False(await EnabledAsync("Test.Top"), "a confirmation page changes nothing");

        var applied = await PostFormAsync(admin, "/alpha/admin/features", "/alpha/admin/features/apply", ("id", "Test.Top"), ("change", "enable"));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal("/alpha/admin/features?done=enabled", applied.Headers.Location!.OriginalString);
        Assert.True(await EnabledAsync("Test.Top") && await EnabledAsync("Test.Base"));

        // Disabling the base takes its dependents along, and says so first.
        var disable = await PostFormAsync(admin, "/alpha/admin/features", "/alpha/admin/features/confirm", ("id", "Test.Base"), ("change", "disable"));
        var disablePage = await disable.Content.ReadAsStringAsync();
        var toDisable = disablePage[disablePage.IndexOf("id=\"to-disable\"", StringComparison.Ordinal)..];
        Assert.Contains("Test.Top", toDisable, StringComparison.Ordinal);

        var audit = await _host.AuditAsync("alpha", "features", "enable");
        var entry = Assert.Single(audit);
        Assert.Equal("admin", entry.UserName);
        Assert.Equal("Test.Top", entry.Subject);
        Assert.Contains("Test.Base", entry.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("Test.Base", entry.Before!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_always_enabled_feature_cannot_be_switched_off_from_the_admin()
    {
        var admin = await _host.SignedInAsync("alpha", "admin", AdminPassword);
        var confirm = await PostFormAsync(admin, "/alpha/admin/features", "/alpha/admin/features/confirm", ("id", "GovPlatform.Admin"), ("change", "disable"));
        var page = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("gp-error", page, StringComparison.Ordinal);
        Assert.DoesNotContain("admin/features/apply", page, StringComparison.Ordinal);

        var applied = await PostFormAsync(admin, "/alpha/admin/features", "/alpha/admin/features/apply", ("id", "GovPlatform.Admin"), ("change", "disable"));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.True(await EnabledAsync("GovPlatform.Admin"));
    }

    [Fact]
    public async Task Invalid_settings_are_refused_field_by_field_and_nothing_is_saved()
    {
        var admin = await _host.SignedInAsync("alpha", "admin", AdminPassword);
        var response = await PostFormAsync(admin, "/alpha/admin/settings", "/alpha/admin/settings",
            ("NameChinese", ""), ("NameEnglish", "Alpha"), ("Theme", "No.Such.Theme"), ("Culture", "fr"), ("TimeZone", "Mars/Olympus"), ("NewFlag", "bad flag!"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {string.Join('\n', _host.Logs.TakeLast(5))}");
        foreach (var field in new[] { "NameChinese", "Theme", "Culture", "TimeZone", "NewFlag" })
        {
            Assert.Contains($"id=\"{field}-error\"", page, StringComparison.Ordinal);
        }

        Assert.Equal("Asia/Shanghai", _host.Shells.Find("alpha")!.TimeZone);
        Assert.Empty(await _host.AuditAsync("alpha", "settings"));
    }

    [Fact]
    public async Task Saved_settings_change_the_public_site_its_language_and_flags_and_are_audited_with_before_and_after()
    {
        var admin = await _host.SignedInAsync("alpha", "admin", AdminPassword);
        var response = await PostFormAsync(admin, "/alpha/admin/settings", "/alpha/admin/settings",
            ("NameChinese", "阿尔法街道"), ("NameEnglish", "Alpha Street"), ("Theme", "GovPlatform.Themes.Red"), ("Culture", "en"),
            ("TimeZone", "Asia/Urumqi"), ("NewFlag", "CloudMediation"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/alpha/admin/settings?done=saved", response.Headers.Location!.OriginalString);

        var settings = _host.Shells.Find("alpha")!;
        Assert.Equal(("en", "Asia/Urumqi", "GovPlatform.Themes.Red"), (settings.Culture, settings.TimeZone, settings.Theme));
        Assert.Equal("Alpha Street", settings.GetDisplayName("en"));

        var home = await _host.Client("text/html").GetStringAsync("/alpha/");
        Assert.Contains("<html lang=\"en\">", home, StringComparison.Ordinal);
        Assert.Contains("GovPlatform.Themes.Red", home, StringComparison.Ordinal);

        var flag = await _host.Client("application/json").GetFromJsonAsync<JsonObject>("/alpha/echo/flags/CloudMediation");
        Assert.True((bool)flag!["enabled"]!);

        var audit = Assert.Single(await _host.AuditAsync("alpha", "settings", "update"));
        Assert.Contains("Asia/Shanghai", audit.Before!, StringComparison.Ordinal);
        Assert.Contains("Asia/Urumqi", audit.After!, StringComparison.Ordinal);

        // The flag can be switched off again from the same form: its box is listed, unchecked.
        var form = await admin.GetStringAsync("/alpha/admin/settings");
        Assert.Contains("value=\"CloudMediation\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_filters_pages_and_exports_csv()
    {
        var admin = await _host.SignedInAsync("alpha", "admin", AdminPassword);
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync(_host.Client(), "alpha", "admin", "wrong-password");
        }

        var page = await admin.GetStringAsync("/alpha/admin/audit?category=users");
        Assert.Contains("sign-in-failed", page, StringComparison.Ordinal);

        var csv = await admin.GetAsync("/alpha/admin/audit.csv?category=users");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Id,TimeUtc,UserId,UserName,ClientAddress,Category,Action", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length >= 4, string.Join('\n', lines));
        Assert.All(lines.Skip(1), line => Assert.Contains(",users,", line, StringComparison.Ordinal));

        var none = await admin.GetStringAsync("/alpha/admin/audit?category=nothing-like-this");
        Assert.DoesNotContain("sign-in-failed", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_logo_is_checked_kept_in_the_tenants_files_shown_by_the_theme_and_exported()
    {
        var admin = await _host.SignedInAsync("alpha", "admin", AdminPassword);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

        var refused = await PostSettingsWithFileAsync(admin, "logo.png", "image/png", "not an image"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"Logo-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await PostSettingsWithFileAsync(admin, "emblem.png", "image/png", png);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var home = await _host.Client("text/html").GetStringAsync("/alpha/");
        var url = LogoUrl().Match(home).Groups[1].Value;
        Assert.StartsWith("/alpha/site/logo?v=", url, StringComparison.Ordinal);
        var logo = await _host.Client().GetAsync(url);
        Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await logo.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", logo.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client().GetAsync("/beta/site/logo")).StatusCode);

        using var archive = new MemoryStream();
        await _host.Shells.ExportAsync("alpha", archive);
        archive.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(archive);
        Assert.NotNull(zip.GetEntry("files/files/site/logo"));

        var audit = Assert.Single(await _host.AuditAsync("alpha", "settings", "update"));
        Assert.Contains("\"Logo\":\"", audit.After!, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostSettingsWithFileAsync(HttpClient client, string fileName, string type, byte[] bytes)
    {
        var token = await AntiforgeryTokenAsync(client, "/alpha/admin/settings");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("阿尔法街道"), "NameChinese" },
            { new StringContent("Alpha Street"), "NameEnglish" },
            { new StringContent("GovPlatform.Themes.Civic"), "Theme" },
            { new StringContent("zh-CN"), "Culture" },
            { new StringContent("Asia/Shanghai"), "TimeZone" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        content.Add(file, "logo", fileName);
        return await client.PostAsync("/alpha/admin/settings", content);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<img class=\"gp-logo\" src=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex LogoUrl();

    private async Task<bool> EnabledAsync(string feature) =>
        (await _host.Shells.GetEnabledFeaturesAsync("alpha")).Any(f => f.Id == feature);
}
