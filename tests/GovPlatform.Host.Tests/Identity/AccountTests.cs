using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Host.Tests.Data;
using GovPlatform.Host.Tests.Infrastructure;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Identity;

/// <summary>Registration, sign-in, lockout, password policy, password reset and return URLs, through the pages.</summary>
public sealed partial class AccountTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_resident_registers_into_the_tenants_own_tables_and_signs_in_again(string provider)
    {
        await using var host = await new TestHost().WithIdentityTenant("alpha").WithTenant("beta", ["Test.Echo"]).WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha", "beta");
        var client = host.Client();

        var registered = await PostFormAsync(client, "/alpha/account/register", "/alpha/account/register",
            ("UserName", "zhangwei"), ("DisplayName", "张伟"), ("Email", "zhangwei@example.cn"), ("Phone", "13800000000"),
            ("Password", "Zhang-2024-pw"), ("ConfirmPassword", "Zhang-2024-pw"));

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/alpha/", registered.Headers.Location?.OriginalString);
        var cookie = SetCookieHeader(registered, ".gp.alpha.auth");
        Assert.NotNull(cookie);
        Assert.Contains("path=/alpha", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        // Stored in alpha's database, with the Citizen role among the nine built-in roles (seeded on first use: here,
        // the registration); beta has its own empty tables.
        Assert.Equal("张伟", await host.ScalarAsync("alpha", "SELECT display_name FROM gp_users WHERE user_name = 'zhangwei'"));
        Assert.Equal("Citizen", await host.ScalarAsync("alpha",
            "SELECT r.name FROM gp_user_roles ur JOIN gp_roles r ON r.id = ur.role_id JOIN gp_users u ON u.id = ur.user_id WHERE u.user_name = 'zhangwei'"));
        Assert.Equal(9L, Convert.ToInt64(await host.ScalarAsync("alpha", "SELECT COUNT(*) FROM gp_roles"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(await host.ScalarAsync("beta", "SELECT COUNT(*) FROM gp_users"), System.Globalization.CultureInfo.InvariantCulture));

        // Signed in: a citizen lacks the cases permission (403), an anonymous client is not signed in (401).
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/alpha/test-cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync("/alpha/test-cases")).StatusCode);

        var signedOut = await PostFormAsync(client, "/alpha/account/login", "/alpha/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/alpha/test-cases")).StatusCode);

        var wrong = await SignInAsync(client, "alpha", "zhangwei", "not-the-password1");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await SignInAsync(client, "alpha", "zhangwei@example.cn", "Zhang-2024-pw", returnUrl: "/alpha/test-cases");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/alpha/test-cases", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_with_the_same_message_and_audit_entries()
    {
        await using var host = new TestHost().WithIdentityTenant("alpha");
        host.Start();
        await host.WarmAsync("alpha");
        var client = host.Client();

        var messages = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add(await (await SignInAsync(client, "alpha", "worker", "wrong-password-" + i)).Content.ReadAsStringAsync());
        }

        // Locked now: the right password is refused, with the same message as a wrong one and as an unknown user.
        var locked = await SignInAsync(client, "alpha", "worker", WorkerPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var unknown = await SignInAsync(client, "alpha", "nobody", WorkerPassword);
        Assert.Equal(ErrorText(messages[0]), ErrorText(await locked.Content.ReadAsStringAsync()));
        Assert.Equal(ErrorText(messages[0]), ErrorText(await unknown.Content.ReadAsStringAsync()));

        var lockoutEnd = await host.ScalarAsync("alpha", "SELECT lockout_end FROM gp_users WHERE user_name = 'worker'");
        var end = lockoutEnd is DateTime time ? new DateTimeOffset(time.ToUniversalTime()) : DateTimeOffset.Parse((string)lockoutEnd!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(end - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));

        var failures = await host.AuditAsync("alpha", "users", "sign-in-failed");
        Assert.True(failures.Count(e => e.Subject == "worker") >= 4);
        Assert.Contains(failures, e => e.Subject == "nobody");
        Assert.Contains(await host.AuditAsync("alpha", "users", "locked-out"), e => e.Subject == "worker");
    }

    [Fact]
    public async Task Password_policy_errors_are_shown_in_the_readers_language_and_follow_the_tenants_settings()
    {
        await using var host = new TestHost()
            .WithIdentityTenant("alpha")
            .WithTenant("beta", ["Test.Echo"], definition: d => d["Identity"] = new System.Text.Json.Nodes.JsonObject
            {
                ["Password"] = new System.Text.Json.Nodes.JsonObject { ["RequiredLength"] = 12 },
            });
        host.Start();
        await host.WarmAsync("alpha", "beta");

        async Task<string> RegisterAsync(string tenant, string password, string culture = "")
        {
            var response = await PostFormAsync(host.Client(), $"/{tenant}/account/register{culture}", $"/{tenant}/account/register{culture}",
                ("UserName", "li"), ("Email", "li@example.cn"), ("Password", password), ("ConfirmPassword", password));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var chinese = await RegisterAsync("alpha", "abc");
        Assert.Contains("密码至少需要 8 个字符", chinese, StringComparison.Ordinal);
        Assert.Contains("密码至少需要包含一个数字", chinese, StringComparison.Ordinal);

        var english = await RegisterAsync("alpha", "12345678", "?culture=en");
        Assert.Contains("Passwords must have at least one letter.", english, StringComparison.Ordinal);

        Assert.Contains("密码至少需要 12 个字符", await RegisterAsync("beta", "abcdefgh123"), StringComparison.Ordinal);
        Assert.Null(await host.ScalarAsync("alpha", "SELECT user_name FROM gp_users WHERE user_name = 'li'"));
    }

    [Fact]
    public async Task Forgotten_passwords_are_reset_through_the_link_sent_and_unknown_users_look_the_same()
    {
        await using var host = new TestHost().WithIdentityTenant("alpha");
        host.Start();
        await host.WarmAsync("alpha");
        var client = host.Client();

        var unknown = await PostFormAsync(client, "/alpha/account/forgot-password", "/alpha/account/forgot-password", ("Login", "nobody@example.cn"));
        var known = await PostFormAsync(client, "/alpha/account/forgot-password", "/alpha/account/forgot-password", ("Login", "worker@example.cn"));
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal(unknown.Headers.Location, known.Headers.Location);
        Assert.Equal("/alpha/account/forgot-password?sent=true", known.Headers.Location?.OriginalString);

        var line = Assert.Single(host.Logs, l => l.Contains("/alpha/account/reset-password?", StringComparison.Ordinal));
        Assert.Contains("worker@example.cn", line, StringComparison.Ordinal);
        var link = new Uri(ResetLink().Match(line).Value);

        var reset = await PostFormAsync(client, link.PathAndQuery, "/alpha/account/reset-password",
            ("UserId", Query(link, "userId")), ("Code", Query(link, "code")), ("Password", "Brand-new-2025"), ("ConfirmPassword", "Brand-new-2025"));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/alpha/account/login?reset=true", reset.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(host.Client(), "alpha", "worker", WorkerPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(host.Client(), "alpha", "worker", "Brand-new-2025")).StatusCode);

        // The link works once.
        var again = await PostFormAsync(client, link.PathAndQuery, "/alpha/account/reset-password",
            ("UserId", Query(link, "userId")), ("Code", Query(link, "code")), ("Password", "Other-new-2025"), ("ConfirmPassword", "Other-new-2025"));
        Assert.Contains("该链接无效或已过期", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/", "/alpha/")]
    [InlineData("https://evil.example/", "/alpha/")]
    [InlineData("/\\evil.example/", "/alpha/")]
    [InlineData("/beta/admin/users", "/alpha/")]
    [InlineData("/alphabet", "/alpha/")]
    [InlineData("/alpha/admin/users?page=2", "/alpha/admin/users?page=2")]
    public async Task Sign_in_redirects_only_inside_the_tenant(string returnUrl, string expected)
    {
        await using var host = new TestHost().WithIdentityTenant("alpha").WithTenant("beta", ["Test.Echo"]);
        host.Start();
        await host.WarmAsync("alpha");

        var response = await SignInAsync(host.Client(), "alpha", "admin", AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Browsers_are_sent_to_the_sign_in_page_with_a_local_return_url_and_to_the_denied_page()
    {
        await using var host = new TestHost().WithIdentityTenant("alpha");
        host.Start();
        await host.WarmAsync("alpha");

        var anonymous = await host.Client("text/html").GetAsync("/alpha/admin/users?q=x");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/alpha/account/login?returnUrl=%2Falpha%2Fadmin%2Fusers%3Fq%3Dx", anonymous.Headers.Location?.OriginalString);

        var worker = await host.SignedInAsync("alpha", "worker", WorkerPassword);
        worker.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var denied = await worker.GetAsync("/alpha/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/alpha/account/denied", denied.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var page = await worker.GetAsync(denied.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("无权访问", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string ErrorText(string html) => Regex.Match(html, "<div class=\"errors\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;

    private static string Query(Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query)[name].ToString();

    [GeneratedRegex(@"https?://[^\s""]+/account/reset-password\?userId=[^&\s]+&code=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLink();
}
