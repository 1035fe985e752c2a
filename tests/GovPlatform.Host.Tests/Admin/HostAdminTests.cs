using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Tenants;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Admin;

/// <summary>The host admin on the Default tenant: first-run account, the set-up wizard, and the tenants' lifecycle.</summary>
public sealed partial class HostAdminTests : IAsyncLifetime
{
    private const string HostPassword = "Host-admin-2026";
    private readonly TestHost _host = new TestHost().WithRepositoryTenants();

    public Task InitializeAsync()
    {
        _host.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task The_first_host_administrator_needs_the_one_time_token_from_the_log()
    {
        var client = _host.Client("text/html");
        var setup = await client.GetAsync("/admin/setup");
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var tokenFile = Path.Combine(_host.DataRoot, "host-setup-token");
        var token = File.ReadAllText(tokenFile).Trim();
        Assert.Contains(_host.Logs, line => line.Contains($"token={token}", StringComparison.Ordinal));

        var wrong = await PostFormAsync(client, "/admin/setup", "/admin/setup", ("token", "not-it"), ("userName", "host"), ("email", "host@example.cn"), ("password", HostPassword));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await SignInDefaultAsync(_host.Client(), "host", HostPassword)).StatusCode);

        var weak = await PostFormAsync(client, "/admin/setup", "/admin/setup", ("token", token), ("userName", "host"), ("email", "host@example.cn"), ("password", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True(File.Exists(tokenFile), "a refused attempt keeps the token");

        var created = await PostFormAsync(client, "/admin/setup", "/admin/setup", ("token", token), ("userName", "host"), ("email", "host@example.cn"), ("password", HostPassword));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/account/login", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(File.Exists(tokenFile), "the token is used up");

        // Once there is an administrator, the setup page only points to the sign-in page.
        var again = await _host.Client("text/html").GetAsync("/admin/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.False(File.Exists(tokenFile));

        var admin = await HostAdminAsync(alreadyCreated: true);
        var tenants = await admin.GetStringAsync("/admin/tenants");
        foreach (var district in new[] { "zhanqian", "lianhu", "wanyuan", "yuexiu" })
        {
            Assert.Contains($"id=\"tenant-{district}\"", tenants, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_wizard_creates_a_district_from_the_street_centre_template_with_its_first_administrator()
    {
        var admin = await HostAdminAsync();
        var templates = await admin.GetStringAsync("/admin/tenants/new");
        Assert.Contains("value=\"street-centre\"", templates, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"host\"", templates, StringComparison.Ordinal);

        var invalid = await PostFormAsync(admin, "/admin/tenants/new?recipe=street-centre", "/admin/tenants/new",
            ("Recipe", "street-centre"), ("Name", "Bad Name"), ("NameChinese", ""), ("AddressKind", "prefix"), ("Culture", "zh-CN"),
            ("TimeZone", "Asia/Shanghai"), ("Theme", "GovPlatform.Themes.Civic"), ("DatabaseProvider", "Sqlite"), ("AdminUserName", "x"), ("AdminPassword", "y"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Name-error\"", errors, StringComparison.Ordinal);
        Assert.Contains("id=\"NameChinese-error\"", errors, StringComparison.Ordinal);
        Assert.Contains("id=\"AdminPassword-error\"", errors, StringComparison.Ordinal);
        Assert.Null(_host.Shells.Find("bad-name"));

        var created = await PostFormAsync(admin, "/admin/tenants/new?recipe=street-centre", "/admin/tenants/new",
            ("Recipe", "street-centre"), ("Name", "xinhua"), ("NameChinese", "新华街道"), ("NameEnglish", "Xinhua Street"), ("AddressKind", "prefix"),
            ("Culture", "zh-CN"), ("TimeZone", "Asia/Shanghai"), ("Theme", "GovPlatform.Themes.Red"), ("DatabaseProvider", "Sqlite"),
            ("AdminUserName", "xinhua-admin"), ("AdminEmail", "admin@xinhua.example.cn"), ("AdminPassword", "Xinhua-2026-pass"));
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        Assert.Equal("/admin/tenants?done=created&name=xinhua", created.Headers.Location!.OriginalString);

        var settings = _host.Shells.Find("xinhua")!;
        Assert.Equal(TenantState.Running, settings.State);
        Assert.Equal("GovPlatform.Themes.Red", settings.Theme);
        var home = await _host.Client("text/html").GetStringAsync("/xinhua/");
        Assert.Contains("街道社会治理中心", home, StringComparison.Ordinal);
        Assert.Contains("GovPlatform.Themes.Red", home, StringComparison.Ordinal);

        // Its administrator signs in to its own admin, not to the host's.
        var district = await _host.SignedInAsync("xinhua", "xinhua-admin", "Xinhua-2026-pass");
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync("/xinhua/admin/features")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await district.GetAsync("/admin/tenants")).StatusCode);

        Assert.Contains(await _host.AuditAsync("default", "tenants", "create"), e => e.Subject == "xinhua" && e.UserName == "host");
    }

    [Fact]
    public async Task A_tenant_is_disabled_enabled_and_removed_only_after_typing_its_name_with_an_archive_kept()
    {
        var admin = await HostAdminAsync();
        await _host.WarmAsync("wanyuan");

        var disabled = await PostFormAsync(admin, "/admin/tenants", "/admin/tenants/wanyuan/state", ("change", "disable"));
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _host.Client().GetAsync("/wanyuan/")).StatusCode);
        await PostFormAsync(admin, "/admin/tenants", "/admin/tenants/wanyuan/state", ("change", "enable"));
        Assert.Equal(HttpStatusCode.OK, (await _host.Client().GetAsync("/wanyuan/")).StatusCode);

        var export = await admin.GetAsync("/admin/tenants/wanyuan/export");
        Assert.Equal("application/zip", export.Content.Headers.ContentType!.MediaType);
        Assert.True((await export.Content.ReadAsByteArrayAsync()).Length > 1000);

        var mistyped = await PostFormAsync(admin, "/admin/tenants/wanyuan/remove", "/admin/tenants/wanyuan/remove", ("confirmName", "wanyuan2"));
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.NotNull(_host.Shells.Find("wanyuan"));

        var removed = await PostFormAsync(admin, "/admin/tenants/wanyuan/remove", "/admin/tenants/wanyuan/remove", ("confirmName", "wanyuan"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(_host.Shells.Find("wanyuan"));
        var archive = ArchiveName().Match(removed.Headers.Location!.OriginalString).Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(_host.DataRoot, "Removed", Uri.UnescapeDataString(archive))), archive);
    }

    [Fact]
    public async Task A_user_of_the_Default_tenant_without_the_permission_cannot_manage_tenants()
    {
        await _host.WarmAsync("lianhu");
        await HostAdminAsync();
        var admin = await HostAdminAsync(alreadyCreated: true);
        var created = await PostFormAsync(admin, "/admin/users/new", "/admin/users/new",
            ("UserName", "clerk"), ("Email", "clerk@example.cn"), ("DisplayName", "Clerk"), ("Password", "Clerk-pass-2026"), ("Roles", "CommunityStaff"));
        Assert.True(created.StatusCode is HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());

        var clerk = _host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInDefaultAsync(clerk, "clerk", "Clerk-pass-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/admin/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync("/admin/tenants/lianhu/state", new FormUrlEncodedContent([KeyValuePair.Create("change", "disable")]))).StatusCode);
        Assert.Equal(TenantState.Running, _host.Shells.Find("lianhu")!.State);
    }

    /// <summary>Creates the host administrator through the setup page (once) and signs in.</summary>
    private async Task<HttpClient> HostAdminAsync(bool alreadyCreated = false)
    {
        if (!alreadyCreated)
        {
            var client = _host.Client("text/html");
            await client.GetAsync("/admin/setup");
            var token = File.ReadAllText(Path.Combine(_host.DataRoot, "host-setup-token")).Trim();
            var response = await PostFormAsync(client, "/admin/setup", "/admin/setup", ("token", token), ("userName", "host"), ("email", "host@example.cn"), ("password", HostPassword));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()} {string.Join('\n', _host.Logs.Where(l => !l.StartsWith("Information", StringComparison.Ordinal)).TakeLast(5))}");
        }

        var signedIn = _host.Client();
        var result = await SignInDefaultAsync(signedIn, "host", HostPassword);
        Assert.True(result.StatusCode == HttpStatusCode.Redirect, await result.Content.ReadAsStringAsync());
        return signedIn;
    }

    private static Task<HttpResponseMessage> SignInDefaultAsync(HttpClient client, string userName, string password) =>
        PostFormAsync(client, "/account/login", "/account/login", ("UserName", userName), ("Password", password));

    [GeneratedRegex("archive=([^&]+)")]
    private static partial Regex ArchiveName();
}
