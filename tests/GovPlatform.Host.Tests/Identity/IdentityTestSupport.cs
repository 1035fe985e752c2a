using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Identity;

/// <summary>Drives the account and admin pages the way a browser without JavaScript does: GET the form, POST it back with its antiforgery token.</summary>
internal static partial class IdentityTestSupport
{
    public const string AdminPassword = "Admin-pass-2024";
    public const string WorkerPassword = "Worker-pass-2024";

    /// <summary>A recipe step creating users: (name, password, roles, grid units).</summary>
    public static JsonArray UsersStep(params (string Name, string Password, string[] Roles, string[] Units)[] users) =>
    [
        new JsonObject
        {
            ["name"] = "users",
            ["users"] = new JsonArray([.. users.Select(u => (JsonNode)new JsonObject
            {
                ["userName"] = u.Name,
                ["email"] = $"{u.Name}@example.cn",
                ["displayName"] = u.Name.ToUpperInvariant(),
                ["password"] = u.Password,
                ["roles"] = new JsonArray([.. u.Roles.Select(r => (JsonNode)r)]),
                ["gridUnits"] = new JsonArray([.. u.Units.Select(r => (JsonNode)r)]),
            })]),
        },
    ];

    /// <summary>A tenant with the grid-cases test feature, an administrator and a grid worker.</summary>
    public static TestHost WithIdentityTenant(this TestHost host, string name, string[]? workerUnits = null) =>
        host.WithTenant(name, ["Test.GridCases"], extraSteps: UsersStep(
            ("admin", AdminPassword, ["Administrator"], []),
            ("worker", WorkerPassword, ["GridWorker"], workerUnits ?? [])));

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"GET {pageUrl}: {(int)page.StatusCode} {html}");
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token in {pageUrl}: {html}");
    }

    /// <summary>Posts a form of <paramref name="pageUrl"/> to <paramref name="postUrl"/> with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(client, pageUrl);
        var content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token)]);
        return await client.PostAsync(postUrl, content);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string tenant, string userName, string password, string? returnUrl = null) =>
        PostFormAsync(client, $"/{tenant}/account/login", $"/{tenant}/account/login",
            [("UserName", userName), ("Password", password), .. returnUrl is null ? Array.Empty<(string, string)>() : [("ReturnUrl", returnUrl)]]);

    /// <summary>A client signed in to the tenant.</summary>
    public static async Task<HttpClient> SignedInAsync(this TestHost host, string tenant, string userName, string password)
    {
        var client = host.Client();
        var response = await SignInAsync(client, tenant, userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>The tenant's audit entries, newest first, read through its own IAuditLog.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> AuditAsync(this TestHost host, string tenant, string? category = null, string? action = null)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var page = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Category: category, Action: action, PageSize: 200));
        return page.Entries;
    }

    /// <summary>A scope of the tenant's running shell.</summary>
    public static async Task<AsyncServiceScope> ScopeAsync(this TestHost host, string tenant)
    {
        if (host.Shells.Peek(tenant) is null)
        {
            await host.WarmAsync(tenant);
        }

        return host.Shells.Peek(tenant)!.ServiceProvider.CreateAsyncScope();
    }

    public static string? CookieValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Select(c => c[(name.Length + 1)..].Split(';')[0]).FirstOrDefault()
            : null;

    public static string? SetCookieHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) : null;

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
