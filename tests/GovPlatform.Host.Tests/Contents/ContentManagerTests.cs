using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Contents;
using GovPlatform.Contents.Services;
using GovPlatform.Core.Jobs;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Contents.ContentTestData;

namespace GovPlatform.Host.Tests.Contents;

/// <summary>Definitions, items, versions, routes and scheduling through the services, on the provider under test.</summary>
public sealed class ContentManagerTests
{
    [Fact]
    public async Task A_type_definition_round_trips_through_storage_and_a_restart()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        var type = ProjectType();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var result = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(type);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        await using var restarted = await host.RestartAsync();
        await using var after = await restarted.ScopeAsync("alpha");
        var stored = await after.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync("Project");
        Assert.NotNull(stored);
        Assert.Equal(JsonSerializer.Serialize(type), JsonSerializer.Serialize(stored));
        Assert.Equal("公益项目", stored.DisplayName.Chinese);
        Assert.Equal(ContentFieldKind.GridPicker, stored.Field("units")!.Kind);
        Assert.Contains(await restarted.AuditAsync("alpha", "contents", "type-create"), e => e.Subject == "Project");
    }

    [Fact]
    public async Task Bad_definitions_are_refused_with_a_message_for_each_mistake()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var store = scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>();
        var type = ProjectType("1bad");
        type.Parts.Add(new ContentPartDefinition { Kind = ContentPartKind.Title });
        type.Fields.Add(new ContentFieldDefinition { Name = "budget", Kind = ContentFieldKind.Text, DisplayName = new("重复", "Twice") });
        type.Fields.Add(new ContentFieldDefinition { Name = "empty", Kind = ContentFieldKind.Choice, DisplayName = new("空选择", "No options") });
        type.List!.Slug = "admin";

        var result = await store.SaveAsync(type);

        Assert.False(result.Succeeded);
        Assert.Equal(["Fields.budget", "Fields.empty", "List.Slug", "Name", "Parts"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task Each_field_reports_its_own_error_and_nothing_is_saved()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(ProjectType());
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = Item("Project", "", fields: f =>
        {
            f["organiser"] = new string('长', 21);
            f["budget"] = "-5";
            f["starts"] = "2024-13-45";
            f["category"] = new JsonArray("elderly", "sports");
            f["website"] = "javascript:alert(1)";
            f["photos"] = new JsonArray("2024/01/none.jpg");
            f["related"] = new JsonArray("no-such-item");
            f["units"] = new JsonArray("X-99");
        });
        item.GridUnitCode = "Z";
        item.Location = new ContentLocation { Longitude = 200 };
        item.Slug = "a/b c";

        var result = await contents.SaveAsync(item);

        Assert.False(result.Succeeded);
        Assert.Equal(
            ["Fields.budget", "Fields.category", "Fields.organiser", "Fields.photos", "Fields.related", "Fields.starts", "Fields.units", "Fields.website", "GridUnitCode", "Location", "Slug", "Title"],
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, (await contents.QueryAsync(new ContentQuery())).Total);
    }

    [Fact]
    public async Task Values_are_stored_in_their_canonical_shape_and_html_is_sanitised()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(ProjectType());
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var first = await contents.SaveAsync(Item("Project", "长者饭堂", "projects/canteen"), publish: true);
        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        var item = Item("Project", "  儿童之家  ", "/Projects/Children/", f =>
        {
            f["budget"] = "12,500.50";
            f["open"] = "on";
            f["starts"] = "2024-05-01";
            f["meeting"] = "2024-05-01T09:30";
            f["category"] = "children";
            f["website"] = new JsonObject { ["url"] = "https://example.org/kids", ["text"] = "介绍" };
            f["related"] = new JsonArray(first.Value!.ContentItemId);
            f["units"] = "D-01-01, D-02";
        });
        item.Body = "<p onclick=\"steal()\">你好<script>alert('x')</script><img src=x onerror=alert(1)><a href=\"javascript:evil()\">链接</a></p>";
        item.GridUnitCode = "D-01-01-01";
        item.Location = new ContentLocation { Longitude = 113.205, Latitude = 23.105, Address = "东风路 1 号" };

        var result = await contents.SaveAsync(item);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var saved = (await contents.GetLatestAsync(result.Value!.ContentItemId))!;
        Assert.Equal("儿童之家", saved.Title);
        Assert.Equal("projects/children", saved.Slug);
        Assert.Equal(12500.50m, saved.Fields["budget"]!.GetValue<decimal>());
        Assert.True(saved.Fields["open"]!.GetValue<bool>());
        Assert.Equal("2024-05-01", saved.Fields["starts"]!.GetValue<string>());
        Assert.Equal("2024-05-01T01:30:00Z", saved.Fields["meeting"]!.GetValue<string>()); // Asia/Shanghai is UTC+8
        Assert.Equal(["children"], saved.Fields["category"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["D-01-01", "D-02"], saved.Fields["units"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.DoesNotContain("script", saved.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", saved.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", saved.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", saved.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("你好", saved.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_publishing_history_and_restore_keep_the_public_version_apart()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(ProjectType());
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();

        var draft = (await contents.SaveAsync(Item("Project", "第一稿", "projects/one"))).Value!;
        var id = draft.ContentItemId;
        Assert.Null(await contents.FindPublishedBySlugAsync("projects/one"));
        Assert.Equal(ContentStatus.Draft, await StatusAsync(contents, id));

        Assert.True((await contents.PublishAsync(id)).Succeeded);
        Assert.Equal("第一稿", (await contents.FindPublishedBySlugAsync("projects/one"))?.Title);

        // Editing a published item makes a new draft; the public page keeps the published version.
        var edit = (await contents.GetLatestAsync(id))!;
        edit.Title = "第二稿";
        var second = await contents.SaveAsync(edit);
        Assert.True(second.Succeeded, string.Join("; ", second.Errors));
        Assert.Equal(2, second.Value!.VersionNumber);
        Assert.Equal("第一稿", (await contents.FindPublishedBySlugAsync("projects/one"))?.Title);
        Assert.Equal(ContentStatus.Published, await StatusAsync(contents, id));

        Assert.True((await contents.PublishAsync(id)).Succeeded);
        Assert.Equal("第二稿", (await contents.FindPublishedBySlugAsync("projects/one"))?.Title);

        var restored = await contents.RestoreAsync(id, 1);
        Assert.True(restored.Succeeded, string.Join("; ", restored.Errors));
        Assert.Equal((3, "第一稿", false), (restored.Value!.VersionNumber, restored.Value.Title, restored.Value.Published));
        Assert.Equal([3, 2, 1], (await contents.GetVersionsAsync(id)).Select(v => v.VersionNumber));
        Assert.Equal("第二稿", (await contents.FindPublishedBySlugAsync("projects/one"))?.Title);

        Assert.True((await contents.UnpublishAsync(id)).Succeeded);
        Assert.Null(await contents.FindPublishedBySlugAsync("projects/one"));
        Assert.Equal(0, (await contents.QueryAsync(new ContentQuery { PublishedOnly = true })).Total);

        // A stale edit (from version 2) is refused instead of overwriting version 3.
        var stale = Item("Project", "旧页面的修改", "projects/one");
        stale.ContentItemId = id;
        stale.VersionNumber = 2;
        Assert.Equal(["Version"], (await contents.SaveAsync(stale)).Errors.Keys);

        Assert.True((await contents.DeleteAsync(id)).Succeeded);
        Assert.Empty(await contents.GetVersionsAsync(id));
        Assert.True((await contents.SaveAsync(Item("Project", "新的", "projects/one"))).Succeeded); // the slug is free again

        var actions = (await host.AuditAsync("alpha", "contents")).Select(e => e.Action).ToList();
        foreach (var action in new[] { "create", "publish", "save", "restore", "unpublish", "delete" })
        {
            Assert.Contains(action, actions);
        }
    }

    [Fact]
    public async Task A_slug_is_unique_in_a_tenant_but_not_across_tenants()
    {
        await using var host = new TestHost().WithContentTenant("alpha").WithContentTenant("beta");
        host.Start();
        foreach (var tenant in new[] { "alpha", "beta" })
        {
            await using var scope = await host.ScopeAsync(tenant);
            await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(ProjectType());
            var result = await scope.ServiceProvider.GetRequiredService<IContentManager>().SaveAsync(Item("Project", tenant, "projects/same"), publish: true);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        await using (var alpha = await host.ScopeAsync("alpha"))
        {
            var contents = alpha.ServiceProvider.GetRequiredService<IContentManager>();
            Assert.Equal(["Slug"], (await contents.SaveAsync(Item("Project", "又一个", "Projects/Same/"))).Errors.Keys);
            Assert.Equal(["Slug"], (await contents.SaveAsync(Item("Project", "列表地址", "projects"))).Errors.Keys);
            Assert.Equal(["Slug"], (await contents.SaveAsync(Item("Project", "系统地址", "account/login"))).Errors.Keys);
            Assert.Equal(["Slug"], (await contents.SaveAsync(Item("Project", "网格地址", "grid/x"))).Errors.Keys);
            Assert.Equal("alpha", (await contents.FindPublishedBySlugAsync("projects/same"))?.Title);
        }

        await using var beta = await host.ScopeAsync("beta");
        Assert.Equal("beta", (await beta.ServiceProvider.GetRequiredService<IContentManager>().FindPublishedBySlugAsync("projects/same"))?.Title);
    }

    [Fact]
    public async Task A_removed_field_keeps_its_values_readable_and_an_edit_does_not_drop_them()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var store = scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var type = ProjectType();
        await store.SaveAsync(type);
        var id = (await contents.SaveAsync(Item("Project", "有预算", "projects/budget", f => f["budget"] = 300), publish: true)).Value!.ContentItemId;

        type.Fields.RemoveAll(f => f.Name == "budget");
        Assert.True((await store.SaveAsync(type)).Succeeded);
        var edit = (await contents.GetLatestAsync(id))!;
        edit.Title = "改了标题";
        edit.Fields.Remove("budget"); // an editor's form does not carry the removed field
        edit.Fields["bogus"] = "not a field"; // nor may a caller slip in values for names the type never had
        Assert.True((await contents.SaveAsync(edit)).Succeeded);

        var latest = (await contents.GetLatestAsync(id))!;
        Assert.Equal(300m, latest.Fields["budget"]!.GetValue<decimal>());
        Assert.Equal(["budget"], ContentValidator.RemovedFields(type, latest));
        Assert.False(latest.Fields.ContainsKey("bogus"));

        // Adding the field back shows the value again; deleting the type is refused while it has items.
        type.Fields.Add(new ContentFieldDefinition { Name = "budget", Kind = ContentFieldKind.Number, DisplayName = new("预算", "Budget") });
        await store.SaveAsync(type);
        Assert.Empty(ContentValidator.RemovedFields(type, latest));
        Assert.Equal(["Name"], (await store.DeleteAsync("Project")).Errors.Keys);

        // A type another type's content picker names cannot be deleted either.
        var report = ProjectType("Report");
        report.List = null;
        report.DisplayName = new("进展报告", "Progress report");
        report.Fields = [new ContentFieldDefinition { Name = "project", Kind = ContentFieldKind.ContentPicker, ContentTypes = ["Project"], DisplayName = new("项目", "Project") }];
        Assert.True((await store.SaveAsync(report)).Succeeded);
        Assert.True((await contents.DeleteAsync(id)).Succeeded);
        Assert.Contains("进展报告", (await store.DeleteAsync("Project")).Errors["Name"], StringComparison.Ordinal);
        Assert.True((await store.DeleteAsync("Report")).Succeeded);
        Assert.True((await store.DeleteAsync("Project")).Succeeded);
    }

    [Fact]
    public async Task A_scheduled_version_is_published_when_it_is_due_and_not_before()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(ProjectType());
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var id = (await contents.SaveAsync(Item("Project", "定时", "projects/later"))).Value!.ContentItemId;

        Assert.Equal(["ScheduledUtc"], (await contents.ScheduleAsync(id, DateTime.UtcNow.AddMinutes(-1))).Errors.Keys);
        var at = DateTime.UtcNow.AddSeconds(1.5);
        Assert.True((await contents.ScheduleAsync(id, at)).Succeeded);
        Assert.Equal(ContentStatus.Scheduled, await StatusAsync(contents, id));
        Assert.Equal(0, await contents.PublishDueAsync());
        Assert.Null(await contents.FindPublishedBySlugAsync("projects/later"));

        await Task.Delay(at - DateTime.UtcNow + TimeSpan.FromMilliseconds(200));

        // The platform's background runner publishes it, as it does every minute in a running shell.
        Assert.True(await host.Services.GetRequiredService<BackgroundTaskRunner>().RunDueAsync() >= 1);
        await using var after = await host.ScopeAsync("alpha");
        contents = after.ServiceProvider.GetRequiredService<IContentManager>();
        var published = await contents.FindPublishedBySlugAsync("projects/later");
        Assert.NotNull(published);
        Assert.Null(published.ScheduledUtc);
        Assert.Equal(0, await contents.PublishDueAsync());
    }

    private static async Task<ContentStatus> StatusAsync(IContentManager contents, string id)
    {
        foreach (var status in Enum.GetValues<ContentStatus>())
        {
            if ((await contents.QueryAsync(new ContentQuery { Status = status })).Items.Any(i => i.ContentItemId == id))
            {
                return status;
            }
        }

        throw new InvalidOperationException("The item matches no status.");
    }
}
