using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.Data;

/// <summary>Entities, documents and their indexes through a module's endpoints, on each provider.</summary>
public sealed class DocumentStoreTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Entities_documents_and_indexes_are_written_together_and_survive_a_restart(string provider)
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        var client = host.Client("application/json");
        var created = new DateTime(2026, 3, 1, 8, 30, 15, 123, DateTimeKind.Utc);
        var reference = Guid.NewGuid();
        var first = await client.PostAsJsonAsync("/alpha/notes", new
        {
            title = "矛盾纠纷排查",
            body = "每半月一次",
            pinned = true,
            score = 42,
            amount = 1234.56m,
            reference,
            createdUtc = created,
            tag = "网格",
            fields = new Dictionary<string, string> { ["grid"] = "庙沟社区" },
        });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstId = (long)(await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/alpha/notes", new { title = "Second", parentId = firstId })).StatusCode);

        await using var restarted = await host.RestartAsync();
        client = restarted.Client("application/json");
        var notes = (await client.GetFromJsonAsync<JsonArray>("/alpha/notes"))!;
        Assert.Equal(2, notes.Count);
        var note = notes[0]!;
        Assert.Equal("矛盾纠纷排查", (string?)note["title"]);
        Assert.Equal("每半月一次", (string?)note["body"]);
        Assert.True((bool)note["pinned"]!);
        Assert.Equal(42, (int)note["score"]!);
        Assert.Equal(1234.56m, (decimal)note["amount"]!);
        Assert.Equal(reference, (Guid)note["reference"]!);
        Assert.Equal(created, ((DateTime)note["createdUtc"]!).ToUniversalTime());
        Assert.Equal("网格", (string?)note["tag"]);
        Assert.Equal(firstId, (long?)notes[1]!["parentId"]);

        var pinned = (await client.GetFromJsonAsync<JsonArray>("/alpha/notes/cards?pinned=true"))!;
        Assert.Equal("矛盾纠纷排查", (string?)Assert.Single(pinned)!["title"]);
        Assert.Equal("庙沟社区", (string?)pinned[0]!["fields"]!["grid"]);
        Assert.Equal("Second", (string?)Assert.Single((await client.GetFromJsonAsync<JsonArray>("/alpha/notes/cards?pinned=false"))!)!["title"]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_a_document_rewrites_its_index_and_a_stale_version_is_refused(string provider)
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        var client = host.Client("application/json");
        var saved = await client.PutAsJsonAsync("/alpha/notes/cards/c1", new { title = "Before", pinned = false });
        Assert.Equal(1, (int)(await saved.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);

        var updated = await client.PutAsJsonAsync("/alpha/notes/cards/c1?expectedVersion=1", new { title = "After", pinned = true });
        Assert.Equal(2, (int)(await updated.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsJsonAsync("/alpha/notes/cards/c1?expectedVersion=1", new { title = "Lost update" })).StatusCode);

        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/alpha/notes/cards?title=Before"))!);
        Assert.Equal("After", (string?)Assert.Single((await client.GetFromJsonAsync<JsonArray>("/alpha/notes/cards?pinned=true"))!)!["title"]);
        Assert.Equal(1L, Convert.ToInt64(await host.ScalarAsync("alpha", "SELECT COUNT(*) FROM test_note_card_index WHERE document_id = 'c1'"), System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/alpha/notes/cards/c1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/alpha/notes/cards/c1")).StatusCode);
        Assert.Equal(0L, Convert.ToInt64(await host.ScalarAsync("alpha", "SELECT COUNT(*) FROM test_note_card_index"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/alpha/notes/cards/c1")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_unit_of_work_that_fails_after_writing_leaves_nothing(string provider)
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        var client = host.Client("application/json");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/alpha/notes", new { title = "kept" })).StatusCode);

        Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostAsJsonAsync("/alpha/notes/failing", new { title = "lost" })).StatusCode);

        var count = (await client.GetFromJsonAsync<JsonObject>("/alpha/notes/count"))!;
        Assert.Equal(1, (int)count["notes"]!);
        Assert.Equal(1, (int)count["documents"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/alpha/notes/cards/failing")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_tenant_has_its_own_database_and_sees_only_its_own_rows(string provider)
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithTenant("beta", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        var client = host.Client("application/json");
        await client.PostAsJsonAsync("/alpha/notes", new { title = "alpha only" });
        await client.PutAsJsonAsync("/alpha/notes/cards/shared-id", new { title = "alpha card" });
        await client.PutAsJsonAsync("/beta/notes/cards/shared-id", new { title = "beta card" });

        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/beta/notes"))!);
        Assert.Equal("alpha card", (string?)(await client.GetFromJsonAsync<JsonObject>("/alpha/notes/cards/shared-id"))!["title"]);
        Assert.Equal("beta card", (string?)(await client.GetFromJsonAsync<JsonObject>("/beta/notes/cards/shared-id"))!["title"]);

        var alpha = host.Database("alpha");
        var beta = host.Database("beta");
        Assert.NotEqual(alpha.Key, beta.Key);
        if (provider == "Postgres")
        {
            Assert.Equal("alpha", alpha.Schema);
            Assert.Equal("alpha", await host.ScalarAsync("alpha", "SELECT current_schema()"));
            Assert.Equal(1L, await host.ScalarAsync("alpha", "SELECT COUNT(*) FROM alpha.test_notes"));
            Assert.Equal(0L, await host.ScalarAsync("beta", "SELECT COUNT(*) FROM beta.test_notes"));
        }
        else
        {
            Assert.Equal(Path.Combine(host.DataRoot, "Sites", "alpha", "govplatform.db"), alpha.FilePath);
            Assert.Equal("wal", await host.ScalarAsync("alpha", "PRAGMA journal_mode"));
        }
    }

    [Fact]
    public async Task A_tenant_can_have_a_PostgreSQL_database_of_its_own()
    {
        await using var host = await new TestHost()
            .WithTenant("alpha", ["Test.Notes"], definition: d => d["DatabaseIsolation"] = "Database")
            .WithTenant("beta", ["Test.Notes"])
            .WithProviderAsync("Postgres");
        host.Start();
        var client = host.Client("application/json");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/alpha/notes", new { title = "own database" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/beta/notes", new { title = "shared server" })).StatusCode);

        Assert.Equal("govplatform_alpha", await host.ScalarAsync("alpha", "SELECT current_database()"));
        Assert.Equal(1L, await host.ScalarAsync("alpha", "SELECT COUNT(*) FROM public.test_notes"));
        Assert.NotEqual("govplatform_alpha", await host.ScalarAsync("beta", "SELECT current_database()"));

        var removed = await host.AdminClient().DeleteAsync("/api/tenants/alpha?confirm=alpha");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await using var server = new Npgsql.NpgsqlConnection(host.PostgresConnectionString);
        await server.OpenAsync();
        await using var command = server.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pg_database WHERE datname = 'govplatform_alpha'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_PostgreSQL_tenant_without_a_connection_string_is_invalid_with_a_clear_error()
    {
        await using var host = new TestHost().WithTenant("alpha", ["Test.Notes"], definition: d => d["DatabaseProvider"] = "Postgres");
        host.Start();
        var tenant = (await host.AdminClient().GetFromJsonAsync<JsonObject>("/api/tenants/alpha"))!;
        Assert.Equal("Invalid", (string?)tenant["state"]);
        Assert.Contains("ConnectionString", (string?)tenant["error"]);
    }
}
