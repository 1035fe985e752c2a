using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GovPlatform.Host.Tests.Infrastructure;

namespace GovPlatform.Host.Tests.Data;

/// <summary>Export and import of a tenant, across hosts and providers, and removal that exports first.</summary>
public sealed class ArchiveTests
{
    [Theory]
    [InlineData("Sqlite", "Postgres")]
    [InlineData("Postgres", "Sqlite")]
    public async Task A_district_moves_to_the_other_provider_with_one_export_and_one_import(string from, string to)
    {
        await using var source = await new TestHost().WithRepositoryTenants().WithProviderAsync(from);
        source.Start();
        await source.WarmAsync("zhanqian");
        Assert.Equal(HttpStatusCode.OK, (await source.ChangeFeaturesAsync("zhanqian", enable: ["Test.Notes"])).StatusCode);
        var client = source.Client("application/json");
        var parent = (await (await client.PostAsJsonAsync("/zhanqian/notes", new
        {
            title = "五老工作室",
            body = "调解邻里纠纷",
            pinned = true,
            score = 7,
            amount = 99.5m,
            tag = "红网格",
            createdUtc = new DateTime(2025, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
            fields = new Dictionary<string, string> { ["grid"] = "站前街道" },
        })).Content.ReadFromJsonAsync<JsonObject>())!;
        await client.PostAsJsonAsync("/zhanqian/notes", new { title = "child", parentId = (long)parent["id"]! });
        await client.PutAsJsonAsync("/zhanqian/notes/cards/extra", new { title = "Extra", pinned = false });
        var media = Path.Combine(source.DataRoot, "Sites", "zhanqian", "media", "logo.svg");
        Directory.CreateDirectory(Path.GetDirectoryName(media)!);
        await File.WriteAllTextAsync(media, "<svg>站前</svg>");

        var export = await source.AdminClient().GetAsync("/api/tenants/zhanqian/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        var archive = await export.Content.ReadAsByteArrayAsync();

        await using var target = await new TestHost().WithProviderAsync(to);
        target.Start();
        var import = await target.AdminClient().PostAsync($"/api/tenants/import?provider={to}", new ByteArrayContent(archive) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } });
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var imported = (await import.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Running", (string?)imported["state"]);
        Assert.Equal(to, (string?)imported["database"]!["provider"]);

        var targetClient = target.Client("application/json");
        // Equal values: a decimal may come back as 99.5 from one provider and 99.50 from the other.
        Assert.Equal(await client.GetFromJsonAsync<List<NoteRow>>("/zhanqian/notes"), await targetClient.GetFromJsonAsync<List<NoteRow>>("/zhanqian/notes"));
        Assert.Equal(await client.GetStringAsync("/zhanqian/notes/cards"), await targetClient.GetStringAsync("/zhanqian/notes/cards"));
        Assert.Equal(await EnabledAsync(source), await EnabledAsync(target));
        Assert.Equal(await source.Client("text/html").GetStringAsync("/zhanqian/"), await target.Client("text/html").GetStringAsync("/zhanqian/"));
        Assert.Equal("<svg>站前</svg>", await File.ReadAllTextAsync(Path.Combine(target.DataRoot, "Sites", "zhanqian", "media", "logo.svg")));
        Assert.Equal(to == "Postgres" ? "zhanqian" : null, target.Database("zhanqian").Schema);

        // The documents, with their versions and timestamps, are the same rows; and new keys continue after the old.
        var again = await (await target.AdminClient().GetAsync("/api/tenants/zhanqian/export")).Content.ReadAsByteArrayAsync();
        Assert.Equal(Entry(archive, "data/gp_documents.jsonl"), Entry(again, "data/gp_documents.jsonl"));
        var next = (await (await targetClient.PostAsJsonAsync("/zhanqian/notes", new { title = "after the move" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(3L, (long)next["id"]!);
    }

    [Fact]
    public async Task A_removed_tenant_is_exported_first_and_its_archive_brings_it_back()
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync("Postgres");
        host.Start();
        var client = host.Client("application/json");
        await client.PostAsJsonAsync("/alpha/notes", new { title = "kept in the archive" });

        var removed = (await (await host.AdminClient().DeleteAsync("/api/tenants/alpha?confirm=alpha")).Content.ReadFromJsonAsync<JsonObject>())!;
        var archive = (string)removed["exportedTo"]!;
        Assert.True(File.Exists(archive));
        Assert.Equal(HttpStatusCode.NotFound, (await host.AdminClient().GetAsync("/api/tenants/alpha")).StatusCode);
        await using (var server = new Npgsql.NpgsqlConnection(host.PostgresConnectionString))
        {
            await server.OpenAsync();
            await using var command = server.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'alpha'";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(archive)), "archive", "alpha.zip" },
            { new StringContent("""{ "DisplayName": { "en": "Alpha restored" } }"""), "definition" },
        };
        var restored = await host.AdminClient().PostAsync("/api/tenants/import", form);

        Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        Assert.Equal("Alpha restored", (string?)(await restored.Content.ReadFromJsonAsync<JsonObject>())!["displayName"]!["en"]);
        Assert.Equal("kept in the archive", (string?)Assert.Single((await client.GetFromJsonAsync<JsonArray>("/alpha/notes"))!)!["title"]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_archive_can_be_restored_beside_its_source_under_another_name(string provider)
    {
        await using var host = await new TestHost().WithTenant("alpha", ["Test.Notes"]).WithProviderAsync(provider);
        host.Start();
        var client = host.Client("application/json");
        await client.PostAsJsonAsync("/alpha/notes", new { title = "original" });
        var archive = await (await host.AdminClient().GetAsync("/api/tenants/alpha/export")).Content.ReadAsByteArrayAsync();

        var copy = await host.AdminClient().PostAsync("/api/tenants/import?name=alpha-copy", Zip(archive));

        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        Assert.Equal("alpha-copy", (string?)(await copy.Content.ReadFromJsonAsync<JsonObject>())!["urlPrefix"]);
        await client.PostAsJsonAsync("/alpha-copy/notes", new { title = "only in the copy" });
        Assert.Single((await client.GetFromJsonAsync<JsonArray>("/alpha/notes"))!);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonArray>("/alpha-copy/notes"))!.Count);
    }

    [Fact]
    public async Task Bad_imports_are_refused_with_a_clear_problem_and_leave_nothing_behind()
    {
        await using var host = new TestHost().WithTenant("alpha", ["Test.Notes"]);
        host.Start();
        await host.WarmAsync("alpha");
        var admin = host.AdminClient();
        var archive = await (await admin.GetAsync("/api/tenants/alpha/export")).Content.ReadAsByteArrayAsync();

        var exists = await admin.PostAsync("/api/tenants/import", Zip(archive));
        Assert.Equal(HttpStatusCode.Conflict, exists.StatusCode);
        Assert.Contains("already exists", await exists.Content.ReadAsStringAsync());

        var garbage = await admin.PostAsync("/api/tenants/import?name=beta", Zip(Encoding.UTF8.GetBytes("not a zip")));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("application/problem+json", garbage.Content.Headers.ContentType?.MediaType);

        var unknown = await admin.PostAsync("/api/tenants/import?name=beta", Zip(WithManifest(archive, m => m["migrations"]!["Acme.Parking"] = 3)));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Acme.Parking", await unknown.Content.ReadAsStringAsync());

        var newer = await admin.PostAsync("/api/tenants/import?name=beta", Zip(WithManifest(archive, m => m["migrations"]!["Test.Notes"] = 9)));
        Assert.Equal(HttpStatusCode.BadRequest, newer.StatusCode);
        Assert.Contains("only has up to 2", await newer.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/tenants/import?name=beta", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/tenants/beta")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(host.DataRoot, "Sites", "beta")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().PostAsync("/api/tenants/import?name=beta", Zip(archive))).StatusCode);
    }

    private sealed record NoteRow(long Id, string Title, string? Body, bool Pinned, int Score, decimal Amount, Guid Reference, DateTime CreatedUtc, long? ParentId, string? Tag);

    private static async Task<string> EnabledAsync(TestHost host) =>
        string.Join(",", (await host.AdminClient().GetFromJsonAsync<JsonArray>("/api/tenants/zhanqian/features"))!.Where(f => (bool)f!["enabled"]!).Select(f => (string?)f!["id"]));

    private static ByteArrayContent Zip(byte[] bytes) => new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } };

    private static string Entry(byte[] archive, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] WithManifest(byte[] archive, Action<JsonObject> change)
    {
        var output = new MemoryStream();
        output.Write(archive);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("manifest.json")!;
            JsonObject manifest;
            using (var stream = entry.Open())
            {
                manifest = JsonNode.Parse(stream)!.AsObject();
            }

            entry.Delete();
            change(manifest);
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            writer.Write(manifest.ToJsonString());
        }

        return output.ToArray();
    }
}
