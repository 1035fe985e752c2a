using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GovPlatform.Contents;
using GovPlatform.Contents.Media;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Contents;

/// <summary>
/// The media library in a running host: uploads through the admin page and the API, checked and stored per tenant,
/// served with caching headers, deleted, guarded by permissions, isolated between tenants, carried by the archive.
/// </summary>
public sealed class MediaTests
{
    private const string CitizenPassword = "Citizen-pass-2024";
    private const string AdminPage = "/alpha/admin/contents/media";
    private const string Api = "/alpha/admin/contents/media/api";

    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n"u8, .. new byte[2000]];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Uploads_through_the_page_and_the_api_are_recorded_audited_and_served_with_caching_headers(string provider)
    {
        await using var host = await new TestHost().WithMediaTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var png = Image(640, 480, SKEncodedImageFormat.Png);

        // Two files in one post of the page's form: both saved, both reported.
        var page = await UploadPageAsync(admin, "alpha", ("站前 五老工作室.png", png), ("2025年工作通知.pdf", Pdf));
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(2, CountOf(html, "media-result-ok"));

        var assets = await AssetsAsync(host, "alpha");
        Assert.Equal(2, assets.Count);
        var image = assets.Single(a => a.Kind == MediaKind.Images);
        Assert.Equal(("站前 五老工作室.png", "image/png", 640, 480, (long)png.Length), (image.FileName, image.ContentType, image.Width, image.Height, image.Length));
        Assert.Matches(@"^\d{4}/\d{2}/[0-9a-f]{12}-站前-五老工作室\.png$", image.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), image.Sha256);
        Assert.StartsWith(image.Sha256[..12], image.Path[8..], StringComparison.Ordinal);
        Assert.Equal("admin", image.UploadedBy);
        var document = assets.Single(a => a.Kind == MediaKind.Files);
        Assert.Equal(("application/pdf", (int?)null), (document.ContentType, document.Width));
        Assert.Contains(image.Path, html, StringComparison.Ordinal);
        Assert.Equal(png, await File.ReadAllBytesAsync(StoredFile(host, "alpha", image.Path)));

        var audit = await host.AuditAsync("alpha", "media", "upload");
        Assert.Equal([document.Path, image.Path], audit.Select(e => e.Subject));
        Assert.All(audit, e => Assert.Equal("admin", e.UserName));

        // Served to anyone, as recorded, cached for good.
        var anonymous = host.Client();
        var served = await anonymous.GetAsync(MediaPaths.Url("/alpha", image.Path));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
        Assert.Equal($"\"{image.Sha256}\"", served.Headers.ETag?.Tag);
        Assert.Equal(new DateTimeOffset(image.UploadedUtc).ToUnixTimeSeconds(), served.Content.Headers.LastModified?.ToUnixTimeSeconds());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", served.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("站前 五老工作室.png", served.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("bytes", served.Headers.AcceptRanges.Single());

        // The browser's copy is still good: 304 without a body.
        using (var again = new HttpRequestMessage(HttpMethod.Get, MediaPaths.Url("/alpha", image.Path)))
        {
            again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{image.Sha256}\""));
            var notModified = await anonymous.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal($"\"{image.Sha256}\"", notModified.Headers.ETag?.Tag);
        }

        // A document is downloaded, never shown in the site's origin; a part of it can be asked for.
        var pdf = await anonymous.GetAsync(MediaPaths.Url("/alpha", document.Path));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);
        using (var range = new HttpRequestMessage(HttpMethod.Get, MediaPaths.Url("/alpha", document.Path)))
        {
            range.Headers.Range = new RangeHeaderValue(0, 4);
            var part = await anonymous.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal("%PDF-", Encoding.ASCII.GetString(await part.Content.ReadAsByteArrayAsync()));
        }

        // The upload API (the editor's picker), with the token in a header as a script sends it.
        var jpeg = Image(300, 200, SKEncodedImageFormat.Jpeg);
        var uploaded = await UploadApiAsync(admin, "alpha", "社区活动.jpg", jpeg, tokenInHeader: true);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var json = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("社区活动.jpg", "image", 300, 200, jpeg.Length), ((string?)json["fileName"], (string?)json["kind"], (int)json["width"]!, (int)json["height"]!, (int)json["length"]!));
        var path = (string)json["path"]!;
        Assert.Equal(MediaPaths.Url("/alpha", path), (string?)json["url"]);
        Assert.Equal(jpeg, await anonymous.GetByteArrayAsync((string)json["url"]!));

        // The same bytes under the same name are the same file: no second record.
        var repeated = (await (await UploadApiAsync(admin, "alpha", "社区活动.jpg", jpeg)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(path, (string?)repeated["path"]);
        Assert.Equal(3, (await AssetsAsync(host, "alpha")).Count);

        // The picker: newest first, filtered by kind and name.
        var images = (await admin.GetFromJsonAsync<JsonObject>(Api + "?kind=images&q=&page="))!;
        Assert.Equal(2, (int)images["total"]!);
        Assert.Equal([path, image.Path], images["items"]!.AsArray().Select(i => (string?)i!["path"]));
        Assert.Equal(640, (int)images["items"]![1]!["width"]!);
        var found = (await admin.GetFromJsonAsync<JsonObject>(Api + "?q=" + Uri.EscapeDataString("通知")))!;
        Assert.Equal(document.Path, (string?)Assert.Single(found["items"]!.AsArray())!["path"]);
        Assert.Equal(1, (int)(await admin.GetFromJsonAsync<JsonObject>(Api + "?kind=files"))!["total"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync(Api + "?kind=videos")).StatusCode);

        // The admin page lists and filters them too.
        var listed = WebUtility.HtmlDecode(await admin.GetStringAsync(AdminPage + "?kind=files"));
        Assert.Contains(document.Path, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(image.Path, listed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/alpha/media/2025/01/000000000000-none.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/alpha/media/" + image.Path.ToUpperInvariant())).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_upload_keeps_nothing_and_says_why(string provider)
    {
        await using var host = await new TestHost().WithMediaTenant("alpha").WithProviderAsync(provider);
        host.WithSetting("GovPlatform:TenantDefaults:Contents:Media:MaxImageBytes", "20000");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var good = Image(40, 30, SKEncodedImageFormat.Png);
        var large = Image(1200, 900, SKEncodedImageFormat.Jpeg, noise: true);
        Assert.True(large.Length > 20000, $"the large image has {large.Length} bytes");

        var page = await UploadPageAsync(admin, "alpha",
            ("fake.png", Encoding.UTF8.GetBytes("只是文字")),
            ("logo.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")),
            ("photo.jpg", Image(40, 30, SKEncodedImageFormat.Png)),
            ("large.jpg", large),
            ("good.png", good));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(4, CountOf(html, "media-result-error"));
        Assert.Equal(1, CountOf(html, "media-result-ok"));
        Assert.Contains("不是可以读取的 PNG 图片", html, StringComparison.Ordinal);
        Assert.Contains("SVG 和 HTML 文件可能带有脚本", html, StringComparison.Ordinal);
        Assert.Contains("请将扩展名改为 .png", html, StringComparison.Ordinal);
        Assert.Contains("图片不能超过 20 KB", html, StringComparison.Ordinal);

        // Only the good file is kept: one record, one file, one audit entry.
        var kept = Assert.Single(await AssetsAsync(host, "alpha"));
        Assert.Equal("good.png", kept.FileName);
        Assert.Equal([kept.Path.Replace('/', Path.DirectorySeparatorChar)], StoredFiles(host, "alpha"));
        Assert.Single(await host.AuditAsync("alpha", "media", "upload"));

        // The API answers with problem details, in English when asked.
        var refused = await UploadApiAsync(admin, "alpha", "page.html", Encoding.UTF8.GetBytes("<h1>hi</h1>"), query: "?culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("can carry scripts", (string?)problem["errors"]!["File"]![0], StringComparison.Ordinal);
        Assert.Equal("Upload refused", (string?)problem["title"]);

        // No antiforgery token: refused before anything is read.
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(good), "files", "other.png" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(AdminPage, form)).StatusCode);
        }

        Assert.Single(await AssetsAsync(host, "alpha"));
        Assert.Single(StoredFiles(host, "alpha"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Deleting_after_confirmation_removes_the_record_and_the_file_and_is_audited(string provider)
    {
        await using var host = await new TestHost().WithMediaTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        await UploadPageAsync(admin, "alpha", ("规则.pdf", Pdf));
        var asset = Assert.Single(await AssetsAsync(host, "alpha"));
        var confirmPage = $"{AdminPage}/{asset.Id}/delete";

        Assert.Contains("规则.pdf", WebUtility.HtmlDecode(await admin.GetStringAsync(confirmPage)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(admin, confirmPage, confirmPage)).StatusCode);
        Assert.Single(await AssetsAsync(host, "alpha"));

        var deleted = await PostFormAsync(admin, confirmPage, confirmPage, ("Confirm", "delete"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/alpha/admin/contents/media?done=deleted", deleted.Headers.Location?.OriginalString);

        Assert.Empty(await AssetsAsync(host, "alpha"));
        Assert.Empty(StoredFiles(host, "alpha"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync(MediaPaths.Url("/alpha", asset.Path))).StatusCode);
        var entry = Assert.Single(await host.AuditAsync("alpha", "media", "delete"));
        Assert.Equal((asset.Path, "admin"), (entry.Subject, entry.UserName));
        Assert.Equal(asset.Sha256, (string?)JsonNode.Parse(entry.Before!)!["sha256"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(confirmPage)).StatusCode);
    }

    [Fact]
    public async Task When_the_record_cannot_be_saved_the_stored_file_is_taken_away()
    {
        await using var host = new TestHost().WithMediaTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");

        // The real database and store; only the audit log fails, inside the record's transaction.
        var library = ActivatorUtilities.CreateInstance<MediaLibrary>(scope.ServiceProvider, new FailingAuditLog());
        await Assert.ThrowsAsync<InvalidOperationException>(() => library.UploadAsync("通知.pdf", new MemoryStream(Pdf)));

        Assert.Empty(await AssetsAsync(host, "alpha"));
        Assert.Empty(StoredFiles(host, "alpha"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_file_uploaded_three_times_at_once_is_stored_once(string provider)
    {
        await using var host = await new TestHost().WithMediaTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await host.WarmAsync("alpha");
        var png = Image(50, 50, SKEncodedImageFormat.Png);

        async Task<MediaAsset?> UploadAsync()
        {
            await using var scope = await host.ScopeAsync("alpha");
            return (await scope.ServiceProvider.GetRequiredService<MediaLibrary>().UploadAsync("同时.png", new MemoryStream(png))).Value;
        }

        var all = await Task.WhenAll(UploadAsync(), UploadAsync(), UploadAsync());

        var stored = Assert.Single(await AssetsAsync(host, "alpha"));
        Assert.All(all, a => Assert.Equal(stored.Path, a?.Path));
        Assert.Single(StoredFiles(host, "alpha"));
        Assert.Equal(png, await host.Client().GetByteArrayAsync(MediaPaths.Url("/alpha", stored.Path)));
    }

    [Fact]
    public async Task Only_users_holding_the_permissions_reach_the_library_while_files_are_public()
    {
        await using var host = new TestHost().WithMediaTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        await UploadPageAsync(admin, "alpha", ("公开.pdf", Pdf));
        var asset = Assert.Single(await AssetsAsync(host, "alpha"));

        var browser = await host.Client("text/html").GetAsync(AdminPage);
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.StartsWith("/alpha/account/login", browser.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync(Api)).StatusCode);

        var citizen = await host.SignedInAsync("alpha", "citizen", CitizenPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync(AdminPage)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync($"{AdminPage}/{asset.Id}/delete")).StatusCode);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "citizen.pdf" } })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsync(Api, form)).StatusCode);
        }

        using (var form = new FormUrlEncodedContent([KeyValuePair.Create("Confirm", "delete")]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsync($"{AdminPage}/{asset.Id}/delete", form)).StatusCode);
        }

        Assert.Single(await AssetsAsync(host, "alpha"));
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync(MediaPaths.Url("/alpha", asset.Path))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync(MediaPaths.Url("/alpha", asset.Path))).StatusCode);

        // The admin menu shows the library to those who may use it.
        Assert.Contains("href=\"/alpha/admin/contents/media\"", await admin.GetStringAsync("/alpha/admin/users"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tenant_serves_only_its_own_media(string provider)
    {
        await using var host = await new TestHost().WithMediaTenant("alpha").WithMediaTenant("beta").WithProviderAsync(provider);
        host.Start();
        var alpha = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var beta = await host.SignedInAsync("beta", "admin", AdminPassword);
        var png = Image(64, 64, SKEncodedImageFormat.Png);
        await UploadPageAsync(alpha, "alpha", ("徽标.png", png));
        var asset = Assert.Single(await AssetsAsync(host, "alpha"));

        Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync(MediaPaths.Url("/alpha", asset.Path))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync(MediaPaths.Url("/beta", asset.Path))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync(MediaPaths.Url("", asset.Path))).StatusCode);
        Assert.Equal(0, (int)(await beta.GetFromJsonAsync<JsonObject>("/beta/admin/contents/media/api"))!["total"]!);
        Assert.Empty(await AssetsAsync(host, "beta"));
        Assert.Empty(StoredFiles(host, "beta"));

        // The same bytes uploaded in beta are beta's own file, under beta's own record; deleting it leaves alpha's.
        await UploadPageAsync(beta, "beta", ("徽标.png", png));
        var betaAsset = Assert.Single(await AssetsAsync(host, "beta"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(beta, $"/beta/admin/contents/media/{betaAsset.Id}/delete", $"/beta/admin/contents/media/{betaAsset.Id}/delete", ("Confirm", "delete"))).StatusCode);
        Assert.Equal(png, await host.Client().GetByteArrayAsync(MediaPaths.Url("/alpha", asset.Path)));

        // Beta's admin cannot reach alpha's record through beta's pages either.
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/contents/media/{asset.Id}/delete")).StatusCode);
    }

    [Fact]
    public async Task Media_files_travel_with_the_tenant_archive()
    {
        await using var host = new TestHost().WithMediaTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var png = Image(120, 80, SKEncodedImageFormat.Png);
        await UploadPageAsync(admin, "alpha", ("archive.png", png));
        var asset = Assert.Single(await AssetsAsync(host, "alpha"));

        var archive = await (await host.AdminClient().GetAsync("/api/tenants/alpha/export")).Content.ReadAsByteArrayAsync();
        var copy = await host.AdminClient().PostAsync("/api/tenants/import?name=alpha-copy",
            new ByteArrayContent(archive) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } });
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);

        var served = await host.Client().GetAsync(MediaPaths.Url("/alpha-copy", asset.Path));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{asset.Sha256}\"", served.Headers.ETag?.Tag);
        Assert.Equal(new DateTimeOffset(asset.UploadedUtc).ToUnixTimeSeconds(), served.Content.Headers.LastModified?.ToUnixTimeSeconds());
    }

    private static byte[] Image(int width, int height, SKEncodedImageFormat format, bool noise = false)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(7);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, noise ? new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)) : new SKColor((byte)x, (byte)y, 0x2E));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90)!;
        return data.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadPageAsync(HttpClient client, string tenant, params (string Name, byte[] Bytes)[] files)
    {
        var token = await AntiforgeryTokenAsync(client, $"/{tenant}/admin/contents/media");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            form.Add(new ByteArrayContent(bytes), "files", name);
        }

        return await client.PostAsync($"/{tenant}/admin/contents/media", form);
    }

    private static async Task<HttpResponseMessage> UploadApiAsync(HttpClient client, string tenant, string fileName, byte[] bytes, bool tokenInHeader = false, string query = "")
    {
        var token = await AntiforgeryTokenAsync(client, $"/{tenant}/admin/contents/media");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{tenant}/admin/contents/media/api{query}") { Content = form };
        if (tokenInHeader)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }
        else
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        return await client.SendAsync(request);
    }

    private static async Task<List<MediaAsset>> AssetsAsync(TestHost host, string tenant)
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<MediaAsset>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private static string MediaFolder(TestHost host, string tenant) => Path.Combine(host.DataRoot, "Sites", tenant, "files", "media");

    private static string StoredFile(TestHost host, string tenant, string path) => Path.Combine(MediaFolder(host, tenant), path.Replace('/', Path.DirectorySeparatorChar));

    private static List<string> StoredFiles(TestHost host, string tenant) =>
        Directory.Exists(MediaFolder(host, tenant))
            ? [.. Directory.EnumerateFiles(MediaFolder(host, tenant), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(MediaFolder(host, tenant), f))]
            : [];

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

/// <summary>An audit log that cannot write: the change it would describe fails with it.</summary>
internal sealed class FailingAuditLog : GovPlatform.Auditing.IAuditLog
{
    public Task RecordAsync(GovPlatform.Auditing.AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The audit log is unavailable.");

    public Task<GovPlatform.Auditing.AuditPage> QueryAsync(GovPlatform.Auditing.AuditQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<GovPlatform.Auditing.AuditEntry> ExportAsync(GovPlatform.Auditing.AuditQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

/// <summary>A tenant with the contents module, the themes, an administrator and a citizen.</summary>
internal static class MediaTestData
{
    public static TestHost WithMediaTenant(this TestHost host, string name) =>
        host.WithTenant(name, ["GovPlatform.Contents", "GovPlatform.Themes.Civic", "GovPlatform.Themes.Admin"], extraSteps: UsersStep(
            ("admin", AdminPassword, ["Administrator"], []),
            ("citizen", "Citizen-pass-2024", ["Citizen"], [])));
}
