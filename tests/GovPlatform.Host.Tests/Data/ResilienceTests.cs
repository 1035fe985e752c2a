using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Testing;
using Xunit.Abstractions;

namespace GovPlatform.Host.Tests.Data;

/// <summary>
/// The tenants' PostgreSQL server goes away and comes back: meanwhile their requests get a 503 (not a 500, and the
/// tenants do not become Invalid); afterwards the same host process serves them again, with their data.
/// </summary>
public sealed class ResilienceTests(ITestOutputHelper output)
{
    /// <summary>EF Core's execution strategy retries 3 times (2 s max delay) before the 503: a few seconds, not more.</summary>
    private static readonly TimeSpan UnavailableWithin = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RecoveredWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Connections_cut_by_the_server_are_retried_and_the_request_succeeds()
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync("Postgres");
        host.Start();
        var client = host.Client("application/json");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/alpha/notes", new { title = "before" })).StatusCode);

        // The server ends every session of the tenant's database: the pooled connections are dead.
        await using (var admin = new Npgsql.NpgsqlConnection(host.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
            Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
        }

        var stopwatch = Stopwatch.StartNew();
        var notes = await client.GetAsync("/alpha/notes");
        output.WriteLine($"GET /alpha/notes after the sessions were cut: {(int)notes.StatusCode} in {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.OK, notes.StatusCode);
        Assert.Equal("before", (string?)Assert.Single((await notes.Content.ReadFromJsonAsync<JsonArray>())!)!["title"]);
        // The first attempt did fail on a dead connection; the execution strategy ran it again.
        Assert.Contains(host.Logs, l => l.Contains("Failed executing DbCommand", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostgreSQL_down_gives_503_and_the_running_host_serves_again_when_it_is_back()
    {
        // A private server: stopping it disturbs no other test.
        await using var server = await PostgresServer.StartAsync();
        var host = new TestHost()
            .WithTenant("alpha", ["Test.Notes"])
            .WithTenant("beta", ["Test.Notes"])
            .WithTenant("gamma", ["Test.Notes"])
            .WithSetting("GovPlatform:TenantDefaults:DatabaseProvider", "Postgres")
            .WithSetting("GovPlatform:Postgres:ConnectionString", server.ConnectionString)
            .Start();
        try
        {
            // gamma is set up, then the host restarts: gamma is Running but has no shell when the database goes.
            // beta is never set up before the outage: its first request runs its recipe.
            await host.WarmAsync("gamma");
            host = await host.RestartAsync();
            await host.WarmAsync("alpha");
            var client = host.Client("application/json");
            var admin = host.AdminClient();

            // The Default tenant (host API) is on the same server: it is set up and running before the outage.
            await GetJsonAsync(admin, "/api/tenants/alpha");

            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/alpha/notes", new { title = "before the outage" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alpha/notes")).StatusCode);
            Assert.Null(host.Shells.Peek("beta"));
            Assert.Equal("Uninitialized", host.Shells.Find("beta")!.State.ToString());
            Assert.Null(host.Shells.Peek("gamma"));
            Assert.Equal("Running", host.Shells.Find("gamma")!.State.ToString());

            await server.StopAsync();

            // A running shell: reads and writes both answer 503, with Retry-After, as problem details.
            await AssertUnavailableAsync(client, HttpMethod.Get, "/alpha/notes");
            await AssertUnavailableAsync(client, HttpMethod.Post, "/alpha/notes");

            // Tenants without a shell: neither the set-up (beta) nor the activation (gamma) makes them Invalid.
            await AssertUnavailableAsync(client, HttpMethod.Get, "/beta/notes");
            await AssertUnavailableAsync(client, HttpMethod.Get, "/gamma/notes");
            var beta = await GetJsonAsync(admin, "/api/tenants/beta");
            Assert.NotEqual("Invalid", (string?)beta["state"]);
            Assert.Null(beta["setupError"]);
            var gamma = await GetJsonAsync(admin, "/api/tenants/gamma");
            Assert.Equal("Running", (string?)gamma["state"]);

            await server.StartAgainAsync();

            // The same host process, not restarted: alpha's shell reads what it wrote before the outage, and writes.
            var stopwatch = Stopwatch.StartNew();
            var notes = await WaitForOkAsync(client, "/alpha/notes");
            output.WriteLine($"/alpha/notes served again {stopwatch.ElapsedMilliseconds} ms after the server restarted");
            Assert.Equal("before the outage", (string?)Assert.Single(notes.AsArray())!["title"]);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/alpha/notes", new { title = "after the outage" })).StatusCode);
            var count = await client.GetFromJsonAsync<JsonObject>("/alpha/notes/count");
            Assert.Equal(2, (int)count!["notes"]!);
            Assert.Equal(2, (int)count["documents"]!);

            // beta gets set up, gamma activated, on their next request.
            await WaitForOkAsync(client, "/beta/notes");
            await WaitForOkAsync(client, "/gamma/notes");
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/beta/notes", new { title = "beta's first" })).StatusCode);
            Assert.Equal(1, (int)(await client.GetFromJsonAsync<JsonObject>("/beta/notes/count"))!["notes"]!);
            Assert.Equal("Running", (string?)(await GetJsonAsync(admin, "/api/tenants/beta"))["state"]);
            Assert.Equal("Running", (string?)(await GetJsonAsync(admin, "/api/tenants/gamma"))["state"]);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private async Task AssertUnavailableAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(new { title = "during the outage" });
        }

        using var timeout = new CancellationTokenSource(UnavailableWithin);
        var stopwatch = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"{method} {path}: no answer within {UnavailableWithin.TotalSeconds:0} s while the database was down.");
        }

        output.WriteLine($"{method} {path} while the database is down: {(int)response.StatusCode} in {stopwatch.ElapsedMilliseconds} ms");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asks until the answer is 200 (the database may take a moment to accept connections again).</summary>
    private static async Task<JsonNode> WaitForOkAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow + RecoveredWithin;
        while (true)
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonNode.Parse(body)!;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException(
                    $"GET {path} still answers {(int)response.StatusCode} {RecoveredWithin.TotalSeconds:0} s after the database came back: {body}");
            }

            await Task.Delay(250);
        }
    }
}
