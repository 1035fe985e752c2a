using System.Net;
using GovPlatform.Contents;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Contents.ContentTestData;

namespace GovPlatform.Host.Tests.Contents;

/// <summary>The items' admin pages: editor, errors, publishing, bulk actions, history and grid scope.</summary>
public sealed class ItemAdminTests
{
    [Fact]
    public async Task An_editor_creates_a_draft_sees_field_errors_with_input_kept_then_publishes()
    {
        await using var host = await StartAsync();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);

        var refused = await IdentityTestSupport.PostFormAsync(admin, "/alpha/admin/contents/new/Project", "/alpha/admin/contents/new/Project",
            ("Title", "长者饭堂"), ("Slug", "projects/canteen"), ("f.organiser", ""), ("f.budget", "很多"), ("submit", "draft"));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("此项必填", html, StringComparison.Ordinal);
        Assert.Contains("请填写数字", html, StringComparison.Ordinal);
        Assert.Contains("value=\"长者饭堂\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"很多\"", html, StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(admin, "/alpha/admin/contents/new/Project", "/alpha/admin/contents/new/Project",
            ("Title", "长者饭堂"), ("Slug", "projects/canteen"), ("f.organiser", "东风街道"), ("f.budget", "1200"), ("f.category", "elderly"),
            ("f.open", "true"), ("GridUnitCode", "D-01-01"), ("submit", "draft"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editor = created.Headers.Location!.OriginalString;
        Assert.Contains("saved=draft", editor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync("/alpha/projects/canteen")).StatusCode);

        var id = editor.Split('/')[^1].Split('?')[0];
        var published = await IdentityTestSupport.PostFormAsync(admin, editor, $"/alpha/admin/contents/items/{id}/publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await using var scope = await host.ScopeAsync("alpha");
        var item = await scope.ServiceProvider.GetRequiredService<IContentManager>().FindPublishedBySlugAsync("projects/canteen");
        Assert.Equal(("长者饭堂", 1200m, "D-01-01", "admin"), (item?.Title, item?.Fields["budget"]?.GetValue<decimal>(), item?.GridUnitCode, item?.OwnerName));

        // The history page lists the version; the list page shows the item as published.
        Assert.Contains("长者饭堂", await admin.GetStringAsync($"/alpha/admin/contents/items/{id}/versions"), StringComparison.Ordinal);
        Assert.Contains("已发布", await admin.GetStringAsync("/alpha/admin/contents?type=Project"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_actions_publish_and_delete_the_selected_items()
    {
        await using var host = await StartAsync();
        string[] ids;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var saved = new List<string>();
            foreach (var i in new[] { 1, 2, 3 })
            {
                saved.Add((await contents.SaveAsync(Item("Project", $"项目{i}", $"projects/p{i}"))).Value!.ContentItemId);
            }

            ids = [.. saved];
        }

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var token = await IdentityTestSupport.AntiforgeryTokenAsync(admin, "/alpha/admin/contents");
        var publish = await admin.PostAsync("/alpha/admin/contents/bulk", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("action", "publish"), KeyValuePair.Create("ids", ids[0]), KeyValuePair.Create("ids", ids[1]),
            KeyValuePair.Create("__RequestVerificationToken", token),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains("n=2&failed=0", publish.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync("/alpha/projects/p1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/alpha/projects/p1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync("/alpha/projects/p3")).StatusCode);

        var delete = await admin.PostAsync("/alpha/admin/contents/bulk", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("action", "delete"), KeyValuePair.Create("ids", ids[1]), KeyValuePair.Create("ids", ids[2]),
            KeyValuePair.Create("__RequestVerificationToken", token),
        ]));
        Assert.Contains("n=2&failed=0", delete.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var after = await host.ScopeAsync("alpha");
        Assert.Equal([ids[0]], (await after.ServiceProvider.GetRequiredService<IContentManager>().QueryAsync(new ContentQuery())).Items.Select(i => i.ContentItemId));
    }

    [Fact]
    public async Task A_community_staff_member_works_only_on_items_of_their_units_and_cannot_publish()
    {
        await using var host = await StartAsync();
        string mine, theirs, everyone;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var a = Item("Project", "我的网格", "projects/mine");
            a.GridUnitCode = "D-01-01-01";
            var b = Item("Project", "别的街道", "projects/theirs");
            b.GridUnitCode = "D-02";
            mine = (await contents.SaveAsync(a)).Value!.ContentItemId;
            theirs = (await contents.SaveAsync(b)).Value!.ContentItemId;
            everyone = (await contents.SaveAsync(Item("Project", "全区", "projects/all"))).Value!.ContentItemId;
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var list = await staff.GetStringAsync("/alpha/admin/contents");
        Assert.Contains("我的网格", list, StringComparison.Ordinal);
        Assert.DoesNotContain("别的街道", list, StringComparison.Ordinal);
        Assert.DoesNotContain("全区", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/alpha/admin/contents/items/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/alpha/admin/contents/items/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/alpha/admin/contents/items/{everyone}")).StatusCode);

        var saved = await IdentityTestSupport.PostFormAsync(staff, $"/alpha/admin/contents/items/{mine}", $"/alpha/admin/contents/items/{mine}",
            ("Title", "我的网格（改）"), ("Slug", "projects/mine"), ("f.organiser", "五大门社区"), ("GridUnitCode", "D-01-01-01"), ("submit", "draft"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var moved = await IdentityTestSupport.PostFormAsync(staff, $"/alpha/admin/contents/items/{mine}", $"/alpha/admin/contents/items/{mine}",
            ("Title", "搬走"), ("f.organiser", "五大门社区"), ("GridUnitCode", "D-02"), ("submit", "draft"));
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        var publish = await IdentityTestSupport.PostFormAsync(staff, $"/alpha/admin/contents/items/{mine}", $"/alpha/admin/contents/items/{mine}/publish");
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);

        await using var after = await host.ScopeAsync("alpha");
        var latest = await after.ServiceProvider.GetRequiredService<IContentManager>().GetLatestAsync(mine);
        Assert.Equal(("我的网格（改）", "D-01-01-01", false), (latest?.Title, latest?.GridUnitCode, latest?.Published));
    }

    [Fact]
    public async Task A_media_file_an_item_uses_cannot_be_deleted_until_the_item_stops_using_it()
    {
        await using var host = await StartAsync();
        string path, id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            using var bitmap = new SkiaSharp.SKBitmap(20, 20);
            using var png = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            var upload = await scope.ServiceProvider.GetRequiredService<GovPlatform.Contents.Media.MediaLibrary>().UploadAsync("合影.png", new MemoryStream(png.ToArray()));
            path = upload.Value!.Path;
            var saved = await scope.ServiceProvider.GetRequiredService<IContentManager>().SaveAsync(
                Item("Project", "长者饭堂", "projects/canteen", f => f["photos"] = new System.Text.Json.Nodes.JsonArray(path)), publish: true);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            id = saved.Value!.ContentItemId;
        }

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        long assetId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            assetId = (await scope.ServiceProvider.GetRequiredService<GovPlatform.Contents.Media.MediaLibrary>().GetAsync(path))!.Id;
        }

        var confirm = $"/alpha/admin/contents/media/{assetId}/delete";
        Assert.Contains("长者饭堂", await admin.GetStringAsync(confirm), StringComparison.Ordinal);
        var refused = await IdentityTestSupport.PostFormAsync(admin, confirm, confirm, ("Confirm", "delete"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync($"/alpha/media/{path}")).StatusCode);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var edit = (await contents.GetLatestAsync(id))!;
            edit.Fields.Remove("photos");
            Assert.True((await contents.SaveAsync(edit, publish: true)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, confirm, confirm, ("Confirm", "delete"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync($"/alpha/media/{path}")).StatusCode);
    }

    private static async Task<TestHost> StartAsync()
    {
        var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var result = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(ProjectType());
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return host;
    }
}
