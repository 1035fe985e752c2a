using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;

namespace GovPlatform.Template.Tests;

/// <summary>
/// The vendor path of issue 13 on the real host: the template's Acme.Parking, packed, installed into a running host
/// through the host API, enabled on zhanqian only, upgraded with a migration, kept over a restart, refused when broken,
/// and uninstalled after it is disabled. One host process (restarted once) serves every step: starting it and setting
/// up the districts is most of the time.
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed class VendorEndToEndTests(TemplateFixture fixture) : IDisposable
{
    private const string ApiKey = "vendor-e2e-host-key";
    private const string Module = TemplateFixture.ModuleName;
    private const string Page = "/acme-parking";
    private const string Status = "/api/acme-parking/status";

    private HostProcess? _host;
    private HttpClient? _http;

    private HostProcess Host => _host!;

    /// <summary>The test stops the host itself; this is the last resort when it could not.</summary>
    public void Dispose()
    {
        _http?.Dispose();
        _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private HttpClient Http => _http!;

    [Fact]
    public async Task A_vendor_package_installs_into_the_running_host_runs_on_one_district_upgrades_survives_a_restart_and_uninstalls()
    {
        var dataRoot = Path.Combine(fixture.Root, "host-data");
        Directory.CreateDirectory(dataRoot);

        // Version 1.1.0 builds while the host starts and sets up the districts: the machine's cores are the limit.
        var upgrade = PackUpgradeAsync();
        try
        {
            await StartHostAsync(dataRoot);

            // Set up (recipes) both districts first, so that a 404 on lianhu means "not enabled there", not "not set up".
            await Task.WhenAll(ExpectAsync(HttpMethod.Get, "/zhanqian/", HttpStatusCode.OK), ExpectAsync(HttpMethod.Get, "/lianhu/", HttpStatusCode.OK));

            // Install 1.0.0 at run time: no rebuild, no restart.
            var installed = await UploadAsync(await File.ReadAllBytesAsync(fixture.ModulePackage), HttpStatusCode.Created);
            Assert.Equal(Module, (string?)installed["id"]);
            Assert.Equal("1.0.0", (string?)installed["version"]);
            await ExpectAsync(HttpMethod.Get, "/zhanqian" + Status, HttpStatusCode.NotFound);

            // Enabled on zhanqian only: its page, its API and its static file answer there, lianhu does not have them.
            await ChangeFeatureAsync("zhanqian", enable: true);
            var status = await StatusAsync("zhanqian");
            Assert.Equal("1.0.0", (string?)status["version"]);
            Assert.Equal("zhanqian", (string?)status["tenant"]);
            var page = await ExpectAsync(HttpMethod.Get, "/zhanqian" + Page, HttpStatusCode.OK);
            Assert.Contains("/_content/Acme.Parking/module.css", page, StringComparison.Ordinal);
            Assert.Contains("Acme.Parking", page, StringComparison.Ordinal);
            Assert.Contains("1.0.0", page, StringComparison.Ordinal);
            Assert.Contains(".acme-parking", await ExpectAsync(HttpMethod.Get, "/_content/Acme.Parking/module.css", HttpStatusCode.OK), StringComparison.Ordinal);
            await ExpectAsync(HttpMethod.Get, "/lianhu" + Page, HttpStatusCode.NotFound);
            await ExpectAsync(HttpMethod.Get, "/lianhu" + Status, HttpStatusCode.NotFound);
            Assert.Equal(1, await SchemaVersionAsync("zhanqian"));
            Assert.Null(await SchemaVersionAsync("lianhu"));

            // Refusals, each with its reason; the installed 1.0.0 stays as it was.
            var package = await File.ReadAllBytesAsync(fixture.ModulePackage);
            await RefusedAsync(package[..(package.Length / 2)], "Not a readable NuGet package");
            await RefusedAsync(RewriteNuspec(package, "1.0.1", sdkRange: "[2.0.0, 3.0.0)"), "needs module SDK", "2.0.0", "this host's SDK is 1.");
            await RefusedAsync(RewriteNuspec(package, "1.0.2", missingDependency: "Acme.Missing"), "depends on what neither the host nor an installed package provides", "Acme.Missing");
            Assert.Equal("Acme.Parking 1.0.0 loaded, used by [zhanqian]", Assert.Single(await InstalledAsync()));
            Assert.Equal("1.0.0", (string?)(await StatusAsync("zhanqian"))["version"]);

            // Upgrade to 1.1.0 with migration 2: zhanqian runs the new version and its migration, lianhu is untouched.
            var upgraded = await UploadAsync(await File.ReadAllBytesAsync(await upgrade), HttpStatusCode.Created);
            Assert.Equal("1.1.0", (string?)upgraded["version"]);
            Assert.Equal("1.1.0", (string?)(await StatusAsync("zhanqian"))["version"]);
            Assert.Contains("1.1.0", await ExpectAsync(HttpMethod.Get, "/zhanqian" + Page, HttpStatusCode.OK), StringComparison.Ordinal);
            Assert.Equal(2, await SchemaVersionAsync("zhanqian"));
            Assert.Null(await SchemaVersionAsync("lianhu"));
            await ExpectAsync(HttpMethod.Get, "/lianhu" + Status, HttpStatusCode.NotFound);
            Assert.Contains("note", await ColumnsAsync(dataRoot, "zhanqian", "acme_parking_items"));
            Assert.Empty(await ColumnsAsync(dataRoot, "lianhu", "acme_parking_items"));

            // A restart over the same data folder: the package is loaded again and still runs on zhanqian.
            await StopHostAsync();
            await StartHostAsync(dataRoot);
            Assert.Equal("Acme.Parking 1.1.0 loaded, used by [zhanqian]", Assert.Single(await InstalledAsync()));
            Assert.Equal("1.1.0", (string?)(await StatusAsync("zhanqian"))["version"]);
            await ExpectAsync(HttpMethod.Get, "/lianhu" + Status, HttpStatusCode.NotFound);

            // Uninstall: refused while zhanqian has it enabled, done once it is disabled.
            var refusal = await ProblemAsync(HttpMethod.Delete, "/api/host/packages/" + Module, HttpStatusCode.Conflict);
            Assert.Contains("zhanqian", (string?)refusal["reasonEn"], StringComparison.Ordinal);
            Assert.Contains("zhanqian", (string?)refusal["reasonZh"], StringComparison.Ordinal);
            Assert.Equal("Acme.Parking 1.1.0 loaded, used by [zhanqian]", Assert.Single(await InstalledAsync()));
            await ChangeFeatureAsync("zhanqian", enable: false);
            await ExpectAsync(HttpMethod.Delete, "/api/host/packages/" + Module, HttpStatusCode.OK);
            await ExpectAsync(HttpMethod.Get, "/zhanqian" + Status, HttpStatusCode.NotFound);
            await ExpectAsync(HttpMethod.Get, "/zhanqian" + Page, HttpStatusCode.NotFound);
            Assert.Empty(await InstalledAsync());
            Assert.False(Directory.Exists(Path.Combine(dataRoot, "Packages", Module.ToLowerInvariant())), "The uninstalled package's files are still in the store.");

            // The drop folder: a package copied there is installed, a broken one is moved aside with its reason.
            var drop = Path.Combine(dataRoot, "Packages", "Drop");
            Directory.CreateDirectory(drop);
            await File.WriteAllBytesAsync(Path.Combine(drop, "Acme.Parking.1.0.2.nupkg"), RewriteNuspec(package, "1.0.2", missingDependency: "Acme.Missing"));
            File.Copy(fixture.ModulePackage, Path.Combine(drop, Path.GetFileName(fixture.ModulePackage)));
            var installedNote = await WaitForFileAsync(Path.Combine(drop, "installed", Path.GetFileName(fixture.ModulePackage) + ".txt"));
            Assert.Contains("Installed: Acme.Parking 1.0.0", installedNote, StringComparison.Ordinal);
            var refusedNote = await WaitForFileAsync(Path.Combine(drop, "refused", "Acme.Parking.1.0.2.nupkg.txt"));
            Assert.Contains("Acme.Missing", refusedNote, StringComparison.Ordinal);
            Assert.Equal("Acme.Parking 1.0.0 loaded, used by []", Assert.Single(await InstalledAsync()));
        }
        finally
        {
            await StopHostAsync();
            await upgrade.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Version 1.1.0 of the generated module, made as a vendor makes it: a copy of the generated sources with a second
    /// migration (a column) and the new version in <c>ModuleInfo</c>, packed with <c>-p:Version=1.1.0</c>. The
    /// generated folder itself stays 1.0.0 for the other tests.
    /// </summary>
    private async Task<string> PackUpgradeAsync()
    {
        var folder = Path.Combine(fixture.Root, Module + "-1.1.0");
        foreach (var file in new[] { "Directory.Build.props", "nuget.config", ".editorconfig" })
        {
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(fixture.ModuleFolder, file), Path.Combine(folder, file));
        }

        var source = Path.Combine(fixture.ModuleFolder, "src", Module);
        var project = Path.Combine(folder, "src", Module);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(project, relative))!);
            File.Copy(file, Path.Combine(project, relative));
        }

        var moduleInfo = Path.Combine(project, "ModuleInfo.cs");
        var text = await File.ReadAllTextAsync(moduleInfo);
        Assert.Contains("Version = \"1.0.0\"", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(moduleInfo, text.Replace("Version = \"1.0.0\"", "Version = \"1.1.0\"", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(project, "Migrations", "AddItemNotes.cs"), """
            using FluentMigrator;
            using GovPlatform.Modules;

            namespace Acme.Parking.Migrations;

            /// <summary>Version 1.1.0: a note on each item. A new migration, never an edit of a released one.</summary>
            [ForFeature(ModuleInfo.Id), Migration(2, "Item notes")]
            public sealed class AddItemNotes : Migration
            {
                public override void Up() => Alter.Table(CreateItems.Table).AddColumn("note").AsString(500).Nullable();

                public override void Down() => Delete.Column("note").FromTable(CreateItems.Table);
            }
            """);

        var feed = Path.Combine(fixture.Root, "modules-1.1.0");
        await Dotnet.RunAsync(folder, "pack", Path.Combine("src", Module), "-c", "Release", "-p:Version=1.1.0", "-o", feed, "-nologo");
        var nupkg = Path.Combine(feed, Module + ".1.1.0.nupkg");

        // The SDK range stays what the template declares: the upgrade runs on the same 1.x host.
        using var archive = ZipFile.OpenRead(nupkg);
        using var nuspec = archive.GetEntry(Module + ".nuspec")!.Open();
        var sdk = XDocument.Load(nuspec).Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "GovPlatform.Abstractions");
        Assert.Equal("[1.0.0, 2.0.0)", (string?)sdk.Attribute("version"));
        return nupkg;
    }

    /// <summary>A copy of the package with another version in its nuspec, and an SDK range or an extra dependency.</summary>
    private static byte[] RewriteNuspec(byte[] package, string version, string? sdkRange = null, string? missingDependency = null)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry(Module + ".nuspec")!;
            XDocument nuspec;
            using (var read = entry.Open())
            {
                nuspec = XDocument.Load(read);
            }

            var ns = nuspec.Root!.Name.Namespace;
            nuspec.Descendants(ns + "version").Single().Value = version;
            var groups = nuspec.Descendants(ns + "dependencies").Elements(ns + "group").ToList();
            Assert.NotEmpty(groups);
            foreach (var group in groups)
            {
                if (sdkRange is not null)
                {
                    group.Elements(ns + "dependency").Single(d => (string?)d.Attribute("id") == "GovPlatform.Abstractions").SetAttributeValue("version", sdkRange);
                }

                if (missingDependency is not null)
                {
                    group.Add(new XElement(ns + "dependency", new XAttribute("id", missingDependency), new XAttribute("version", "[1.0.0, )")));
                }
            }

            entry.Delete();
            using var write = archive.CreateEntry(Module + ".nuspec").Open();
            nuspec.Save(write);
        }

        return stream.ToArray();
    }

    private async Task StartHostAsync(string dataRoot)
    {
        // The drop folder is scanned every second instead of five: the test waits for it.
        _host = await HostProcess.StartAsync(fixture.Repository, dataRoot, ApiKey,
            new Dictionary<string, string> { ["GovPlatform__Packages__DropScanInterval"] = "00:00:01" });

        // Setting up a district runs its recipe: minutes on a busy two-core machine.
        _http = new HttpClient { BaseAddress = Host.Address, Timeout = TimeSpan.FromMinutes(4) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        _http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
    }

    private async Task StopHostAsync()
    {
        _http?.Dispose();
        _http = null;
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    private async Task<string> ExpectAsync(HttpMethod method, string path, HttpStatusCode expected, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}.\nBody: {Shorten(body)}\nHost output:\n{Host.Tail()}");
        return body;
    }

    private async Task<JsonObject> UploadAsync(byte[] package, HttpStatusCode expected)
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return JsonNode.Parse(await ExpectAsync(HttpMethod.Post, "/api/host/packages", expected, content))!.AsObject();
    }

    /// <summary>An upload refused with a 4xx problem whose reason, in both languages, says why.</summary>
    private async Task RefusedAsync(byte[] package, params string[] reason)
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Http.PostAsync("/api/host/packages", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"Expected a refusal ({string.Join(", ", reason)}), got {(int)response.StatusCode}: {Shorten(body)}\n{Host.Tail()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        foreach (var part in reason)
        {
            Assert.Contains(part, (string?)problem["reasonEn"], StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrWhiteSpace((string?)problem["reasonZh"]), body);
        Assert.Contains((string?)problem["detail"], new[] { (string?)problem["reasonEn"], (string?)problem["reasonZh"] });
    }

    private async Task<JsonObject> ProblemAsync(HttpMethod method, string path, HttpStatusCode expected) =>
        JsonNode.Parse(await ExpectAsync(method, path, expected))!.AsObject();

    private async Task<JsonObject> StatusAsync(string tenant) =>
        JsonNode.Parse(await ExpectAsync(HttpMethod.Get, "/" + tenant + Status, HttpStatusCode.OK))!.AsObject();

    private async Task ChangeFeatureAsync(string tenant, bool enable)
    {
        var request = enable ? new JsonObject { ["enable"] = new JsonArray(Module) } : new JsonObject { ["disable"] = new JsonArray(Module) };
        var result = JsonNode.Parse(await ExpectAsync(HttpMethod.Post, $"/api/tenants/{tenant}/features", HttpStatusCode.OK, JsonContent.Create(request)))!;
        Assert.True((bool?)result["applied"], result.ToJsonString());
    }

    /// <summary>The module's applied migration version on a tenant, as the host API reports it (null: none).</summary>
    private async Task<long?> SchemaVersionAsync(string tenant)
    {
        var features = JsonNode.Parse(await ExpectAsync(HttpMethod.Get, $"/api/tenants/{tenant}/features", HttpStatusCode.OK))!.AsArray();
        var feature = features.SingleOrDefault(f => (string?)f!["id"] == Module)
            ?? throw new Xunit.Sdk.XunitException($"{Module} is not in {tenant}'s feature list: {Shorten(features.ToJsonString())}");
        return (long?)feature["schemaVersion"];
    }

    private async Task<IReadOnlyList<string>> InstalledAsync()
    {
        var list = JsonNode.Parse(await ExpectAsync(HttpMethod.Get, "/api/host/packages", HttpStatusCode.OK))!.AsArray();
        return [.. list.Select(p => $"{(string?)p!["id"]} {(string?)p["version"]} {(string?)p["status"]}, used by [{string.Join(", ", p["tenants"]!.AsArray().Select(t => (string?)t))}]")];
    }

    /// <summary>The columns of a table in a tenant's own SQLite file (none when the table does not exist).</summary>
    private static async Task<IReadOnlyList<string>> ColumnsAsync(string dataRoot, string tenant, string table)
    {
        var file = Path.Combine(dataRoot, "Sites", tenant, "govplatform.db");
        Assert.True(File.Exists(file), file + " does not exist.");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    /// <summary>The text of a file the host writes, once it is there (the drop folder works in the background).</summary>
    private async Task<string> WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path))
            {
                try
                {
                    var text = await File.ReadAllTextAsync(path);
                    if (text.EndsWith('\n'))
                    {
                        return text;
                    }
                }
                catch (IOException)
                {
                    // Being written: read it again.
                }
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"{path} did not appear within a minute. Drop folder: {string.Join(", ", Directory.GetFiles(Path.GetDirectoryName(Path.GetDirectoryName(path))!, "*", SearchOption.AllDirectories))}\nHost output:\n{Host.Tail()}");
    }

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
