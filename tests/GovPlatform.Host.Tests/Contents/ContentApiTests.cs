using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GovPlatform.Contents;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using static GovPlatform.Host.Tests.Contents.ContentTestData;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;

namespace GovPlatform.Host.Tests.Contents;

/// <summary>The contents JSON API (api/contents) over HTTP: public reads, editors' writes with permission and antiforgery, grid scope, tenants apart, OpenAPI.</summary>
public sealed class ContentApiTests
{
    [Fact]
    public async Task The_public_list_pages_published_items_newest_first_and_shows_no_draft()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        var ids = new Dictionary<string, string>();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var store = scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>();
            Assert.True((await store.SaveAsync(ProjectType())).Succeeded);
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            foreach (var title in new[] { "长者饭堂", "儿童之家", "社区书屋" })
            {
                var project = Item("Project", title, fields: f => f["budget"] = 1200.5);
                project.Body = "<p onclick=\"steal()\">介绍<script>alert(1)</script></p>";
                var saved = await contents.SaveAsync(project, publish: true);
                Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
                ids[title] = saved.Value!.ContentItemId;
            }

            ids["草稿"] = (await contents.SaveAsync(Item("Project", "草稿"))).Value!.ContentItemId;

            // A field removed from the type keeps its values, but they are no longer public.
            var type = ProjectType();
            type.Fields.RemoveAll(f => f.Name == "budget");
            Assert.True((await store.SaveAsync(type)).Succeeded);
        }

        var client = host.Client();
        var first = await JsonAsync(await client.GetAsync("/alpha/api/contents/Project"));
        Assert.Equal((3, 1, 2, 2), ((int)first["total"]!, (int)first["page"]!, (int)first["pageSize"]!, (int)first["pageCount"]!));
        Assert.Equal(["社区书屋", "儿童之家"], Titles(first));
        var second = await JsonAsync(await client.GetAsync("/alpha/api/contents/Project?page=2"));
        Assert.Equal(["长者饭堂"], Titles(second));
        Assert.Equal(["儿童之家"], Titles(await JsonAsync(await client.GetAsync("/alpha/api/contents/Project?q=儿童&pageSize=10"))));

        var item = await JsonAsync(await client.GetAsync($"/alpha/api/contents/Project/{ids["长者饭堂"]}"));
        Assert.Equal("长者饭堂", (string?)item["title"]);
        Assert.Equal("东风街道", (string?)item["fields"]!["organiser"]);
        Assert.Null(item["fields"]!["budget"]);
        Assert.Null(item["removedFields"]);
        Assert.Null(item["version"]);
        Assert.Null(item["author"]);
        Assert.Equal("html", (string?)item["bodyFormat"]);
        var html = (string)item["bodyHtml"]!;
        Assert.Contains("介绍", html, StringComparison.Ordinal);
        Assert.DoesNotContain("script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("/alpha/projects/", (string?)item["url"], StringComparison.Ordinal);

        await AssertProblemAsync(await client.GetAsync($"/alpha/api/contents/Project/{ids["草稿"]}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.GetAsync("/alpha/api/contents/Project/no-such-item"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.GetAsync("/alpha/api/contents/Nothing"), HttpStatusCode.NotFound);
        var badPage = await AssertProblemAsync(await client.GetAsync("/alpha/api/contents/Project?page=0&pageSize=500"), HttpStatusCode.BadRequest);
        Assert.Equal(["page", "pageSize"], ErrorKeys(badPage));

        // The editors' reads are not public.
        await AssertProblemAsync(await client.GetAsync($"/alpha/api/contents/Project/{ids["草稿"]}/latest"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await client.GetAsync($"/alpha/api/contents/Project/{ids["草稿"]}/versions"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_markdown_body_is_served_as_safe_html_beside_the_text_as_written()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        string id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(NoticeType())).Succeeded);
            var notice = new ContentItem { ContentType = "Notice", Title = "停水通知", Body = "**明天**停水 <script>alert(1)</script> [详情](javascript:evil())" };
            var saved = await scope.ServiceProvider.GetRequiredService<IContentManager>().SaveAsync(notice, publish: true);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
            id = saved.Value!.ContentItemId;
        }

        var item = await JsonAsync(await host.Client().GetAsync($"/alpha/api/contents/Notice/{id}"));
        Assert.Equal("markdown", (string?)item["bodyFormat"]);
        Assert.StartsWith("**明天**", (string?)item["body"], StringComparison.Ordinal);
        var html = (string)item["bodyHtml"]!;
        Assert.Contains("<strong>明天</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Null(item["slug"]); // the type has no route part: no route properties at all
        Assert.Null(item["gridUnitCode"]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_editor_creates_updates_publishes_schedules_and_deletes_with_versions_checked(string provider)
    {
        await using var host = await new TestHost().WithContentTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await SaveTypeAsync(host, "alpha", ProjectType());
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var token = await TokenAsync(admin, "alpha");
        var anonymous = host.Client();

        var created = await SendAsync(admin, HttpMethod.Post, "/alpha/api/contents/Project", token, new JsonObject
        {
            ["title"] = "长者饭堂",
            ["slug"] = "projects/canteen",
            ["body"] = "<p>每天中午<script>x()</script></p>",
            ["gridUnitCode"] = "D-01-01-01",
            ["location"] = new JsonObject { ["longitude"] = 113.205, ["latitude"] = 23.105, ["address"] = "东风路 1 号" },
            ["fields"] = new JsonObject { ["organiser"] = "东风街道", ["budget"] = 30000, ["category"] = new JsonArray("elderly"), ["meeting"] = "2024-05-01T09:30" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var draft = await JsonAsync(created);
        var id = (string)draft["id"]!;
        Assert.Equal($"/alpha/api/contents/Project/{id}/latest", created.Headers.Location?.OriginalString);
        Assert.Equal(("draft", 1, false), ((string?)draft["status"], (int)draft["version"]!, (bool)draft["published"]!));
        Assert.Equal("2024-05-01T01:30:00Z", (string?)draft["fields"]!["meeting"]);
        Assert.Equal("admin", (string?)draft["author"]);
        Assert.Equal("admin", (string?)draft["ownerName"]);
        Assert.DoesNotContain("script", (string?)draft["body"], StringComparison.Ordinal);
        Assert.Equal("东风路 1 号", (string?)draft["location"]!["address"]);
        await AssertProblemAsync(await anonymous.GetAsync($"/alpha/api/contents/Project/{id}"), HttpStatusCode.NotFound);

        // An update must say which version it read; a stale one is refused.
        var update = new JsonObject { ["title"] = "长者饭堂（第二版）", ["slug"] = "projects/canteen", ["gridUnitCode"] = "D-01-01-01", ["fields"] = new JsonObject { ["organiser"] = "东风街道" } };
        await AssertProblemAsync(await SendAsync(admin, HttpMethod.Put, $"/alpha/api/contents/Project/{id}", token, update), (HttpStatusCode)428);
        update["version"] = 1;
        update["publish"] = true;
        var published = await SendAsync(admin, HttpMethod.Put, $"/alpha/api/contents/Project/{id}", token, update);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("\"1\"", published.Headers.ETag?.Tag);
        var publicItem = await JsonAsync(await anonymous.GetAsync($"/alpha/api/contents/Project/{id}"));
        Assert.Equal("长者饭堂（第二版）", (string?)publicItem["title"]);
        Assert.Null(publicItem["fields"]!["budget"]); // a PUT replaces the values: budget was left out

        // Editing the published item makes version 2, a draft; the public item stays version 1.
        update.Remove("version");
        update["publish"] = false;
        update["title"] = "长者饭堂（草稿）";
        var edited = await SendAsync(admin, HttpMethod.Put, $"/alpha/api/contents/Project/{id}", token, update, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var latest = await JsonAsync(edited);
        Assert.Equal((2, "published", 1), ((int)latest["version"]!, (string?)latest["status"], (int)latest["publishedVersion"]!));
        Assert.Equal("长者饭堂（第二版）", (string?)(await JsonAsync(await anonymous.GetAsync($"/alpha/api/contents/Project/{id}")))["title"]);

        var stale = await AssertProblemAsync(await SendAsync(admin, HttpMethod.Put, $"/alpha/api/contents/Project/{id}", token, update, ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, (int)stale["currentVersion"]!);
        update["version"] = 1;
        await AssertProblemAsync(await SendAsync(admin, HttpMethod.Put, $"/alpha/api/contents/Project/{id}", token, update), HttpStatusCode.Conflict);
        await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, $"/alpha/api/contents/Project/{id}/publish", token, null, ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);

        var versions = (await JsonAsync(await admin.GetAsync($"/alpha/api/contents/Project/{id}/versions"))).AsArray();
        Assert.Equal([(2, false), (1, true)], versions.Select(v => ((int)v!["version"]!, (bool)v["published"]!)));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Post, $"/alpha/api/contents/Project/{id}/publish", token, null, ifMatch: "\"2\"")).StatusCode);
        Assert.Equal("长者饭堂（草稿）", (string?)(await JsonAsync(await anonymous.GetAsync($"/alpha/api/contents/Project/{id}")))["title"]);

        var unpublished = await JsonAsync(await SendAsync(admin, HttpMethod.Post, $"/alpha/api/contents/Project/{id}/unpublish", token, null));
        Assert.Equal("draft", (string?)unpublished["status"]);
        await AssertProblemAsync(await anonymous.GetAsync($"/alpha/api/contents/Project/{id}"), HttpStatusCode.NotFound);

        var noOffset = await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, $"/alpha/api/contents/Project/{id}/schedule", token, new JsonObject { ["publishUtc"] = "2099-01-01T08:00:00" }), HttpStatusCode.BadRequest);
        Assert.Equal(["ScheduledUtc"], ErrorKeys(noOffset));
        var past = await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, $"/alpha/api/contents/Project/{id}/schedule", token, new JsonObject { ["publishUtc"] = "2001-01-01T08:00:00+08:00" }), HttpStatusCode.BadRequest);
        Assert.Equal(["ScheduledUtc"], ErrorKeys(past));
        var scheduled = await JsonAsync(await SendAsync(admin, HttpMethod.Post, $"/alpha/api/contents/Project/{id}/schedule", token, new JsonObject { ["publishUtc"] = "2099-01-01T08:00:00+08:00" }));
        Assert.Equal(("scheduled", "2099-01-01T00:00:00Z"), ((string?)scheduled["status"], (string?)scheduled["scheduledUtc"]));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(admin, HttpMethod.Delete, $"/alpha/api/contents/Project/{id}", token, null)).StatusCode);
        await AssertProblemAsync(await admin.GetAsync($"/alpha/api/contents/Project/{id}/latest"), HttpStatusCode.NotFound);

        // The manager audits every change once; the API adds nothing of its own.
        var audit = (await host.AuditAsync("alpha", "contents")).Where(e => e.Subject == id).Select(e => e.Action).ToList();
        Assert.Equal(1, audit.Count(a => a == "create"));
        Assert.Equal(1, audit.Count(a => a == "delete"));
        Assert.Equal(2, audit.Count(a => a == "save")); // the update that published, and the draft above it
        Assert.Equal(1, audit.Count(a => a == "publish"));
        Assert.Equal(1, audit.Count(a => a == "schedule"));
    }

    [Fact]
    public async Task Refused_values_come_back_as_validation_problems_keyed_like_the_manager_and_nothing_is_saved()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await SaveTypeAsync(host, "alpha", ProjectType());
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var token = await TokenAsync(admin, "alpha");

        var refused = await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, "/alpha/api/contents/Project", token, new JsonObject
        {
            ["title"] = "",
            ["slug"] = "admin/x",
            ["gridUnitCode"] = "Z-99",
            ["fields"] = new JsonObject { ["organiser"] = new string('长', 21), ["budget"] = -5, ["category"] = new JsonArray("sports"), ["website"] = "javascript:alert(1)" },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["Fields.budget", "Fields.category", "Fields.organiser", "Fields.website", "GridUnitCode", "Slug", "Title"], ErrorKeys(refused));
        Assert.Equal("请填写标题。", (string?)refused["errors"]!["Title"]![0]);

        var unknown = await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, "/alpha/api/contents/Project", token, new JsonObject
        {
            ["title"] = "未知字段",
            ["fields"] = new JsonObject { ["organiser"] = "东风街道", ["nope"] = 1 },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["Fields.nope"], ErrorKeys(unknown));

        // In English when the client asks for it.
        using var english = new HttpRequestMessage(HttpMethod.Post, "/alpha/api/contents/Project?culture=en")
        {
            Content = JsonContent.Create(new JsonObject { ["fields"] = new JsonObject { ["organiser"] = "东风街道" } }),
        };
        english.Headers.Add("RequestVerificationToken", token);
        var inEnglish = await AssertProblemAsync(await admin.SendAsync(english), HttpStatusCode.BadRequest);
        Assert.Equal("Enter a title.", (string?)inEnglish["errors"]!["Title"]![0]);

        await AssertProblemAsync(await SendRawAsync(admin, "/alpha/api/contents/Project", token, "{\"title\": ", "application/json"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await SendRawAsync(admin, "/alpha/api/contents/Project", token, "{\"titel\": \"x\"}", "application/json"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await SendRawAsync(admin, "/alpha/api/contents/Project", token, "title=x", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, "/alpha/api/contents/Nothing", token, new JsonObject()), HttpStatusCode.NotFound);

        await using var scope = await host.ScopeAsync("alpha");
        Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<IContentManager>().QueryAsync(new ContentQuery())).Total);
    }

    [Fact]
    public async Task Staff_edit_items_of_their_grid_units_only_and_cannot_publish_or_delete()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        var ids = new Dictionary<string, string>();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(ProjectType())).Succeeded);
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            foreach (var (key, unit) in new[] { ("own", "D-01-01-01"), ("other", "D-02"), ("none", (string?)null) })
            {
                var item = Item("Project", key);
                item.GridUnitCode = unit;
                ids[key] = (await contents.SaveAsync(item, publish: true)).Value!.ContentItemId;
            }
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var token = await TokenAsync(staff, "alpha");
        JsonObject Edit(string title, string? unit) => new()
        {
            ["title"] = title,
            ["gridUnitCode"] = unit,
            ["version"] = 1,
            ["fields"] = new JsonObject { ["organiser"] = "五大门社区" },
        };

        // Inside D-01-01: a new draft above the published version.
        var own = await SendAsync(staff, HttpMethod.Put, $"/alpha/api/contents/Project/{ids["own"]}", token, Edit("社区改的", "D-01-01-02"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(2, (int)(await JsonAsync(own))["version"]!);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/alpha/api/contents/Project/{ids["own"]}/latest")).StatusCode);

        // Outside: another street's item, an item of no unit (tenant-wide), or moving one of theirs out.
        await AssertProblemAsync(await SendAsync(staff, HttpMethod.Put, $"/alpha/api/contents/Project/{ids["other"]}", token, Edit("越界", "D-02")), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await SendAsync(staff, HttpMethod.Put, $"/alpha/api/contents/Project/{ids["none"]}", token, Edit("全区的", null)), HttpStatusCode.Forbidden);
        var moveOut = Edit("搬走", "D-02");
        moveOut["version"] = 2;
        await AssertProblemAsync(await SendAsync(staff, HttpMethod.Put, $"/alpha/api/contents/Project/{ids["own"]}", token, moveOut), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await staff.GetAsync($"/alpha/api/contents/Project/{ids["other"]}/latest"), HttpStatusCode.Forbidden);

        // Creating: in their units, as a draft only.
        var create = Edit("新项目", "D-01-01");
        create.Remove("version");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(staff, HttpMethod.Post, "/alpha/api/contents/Project", token, create)).StatusCode);
        create["publish"] = true;
        await AssertProblemAsync(await SendAsync(staff, HttpMethod.Post, "/alpha/api/contents/Project", token, create), HttpStatusCode.Forbidden);
        create["publish"] = false;
        create["gridUnitCode"] = "D-02-01";
        await AssertProblemAsync(await SendAsync(staff, HttpMethod.Post, "/alpha/api/contents/Project", token, create), HttpStatusCode.Forbidden);

        // Publishing, unpublishing and deleting need permissions CommunityStaff does not hold by default.
        var forbidden = await AssertProblemAsync(await SendAsync(staff, HttpMethod.Post, $"/alpha/api/contents/Project/{ids["own"]}/publish", token, null), HttpStatusCode.Forbidden);
        Assert.Equal("Contents.Publish", (string?)forbidden["permission"]);
        await AssertProblemAsync(await SendAsync(staff, HttpMethod.Post, $"/alpha/api/contents/Project/{ids["own"]}/unpublish", token, null), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await SendAsync(staff, HttpMethod.Delete, $"/alpha/api/contents/Project/{ids["own"]}", token, null), HttpStatusCode.Forbidden);

        // Nothing refused was written: the other items are as they were.
        var other = await JsonAsync(await host.Client().GetAsync($"/alpha/api/contents/Project/{ids["other"]}"));
        Assert.Equal("other", (string?)other["title"]);
        await using var check = await host.ScopeAsync("alpha");
        var manager = check.ServiceProvider.GetRequiredService<IContentManager>();
        Assert.Equal(1, (await manager.GetLatestAsync(ids["none"]))!.VersionNumber);
        Assert.Equal("D-01-01-02", (await manager.GetLatestAsync(ids["own"]))!.GridUnitCode);
    }

    [Fact]
    public async Task Writes_need_a_signed_in_user_and_the_antiforgery_token()
    {
        await using var host = new TestHost().WithContentTenant("alpha");
        host.Start();
        await SaveTypeAsync(host, "alpha", ProjectType());
        var body = new JsonObject { ["title"] = "跨站", ["fields"] = new JsonObject { ["organiser"] = "东风街道" } };

        var anonymous = host.Client();
        await AssertProblemAsync(await SendAsync(anonymous, HttpMethod.Post, "/alpha/api/contents/Project", null, body), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await anonymous.GetAsync("/alpha/api/contents/antiforgery"), HttpStatusCode.Unauthorized);

        // A browser sends the sign-in cookie by itself: without the token, the change is refused.
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var missing = await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, "/alpha/api/contents/Project", null, body), HttpStatusCode.BadRequest);
        Assert.Equal("antiforgery", (string?)missing["code"]);
        await AssertProblemAsync(await SendAsync(admin, HttpMethod.Post, "/alpha/api/contents/Project", "forged", body), HttpStatusCode.BadRequest);

        // A token read before signing in belongs to nobody.
        var early = host.Client();
        var before = await AntiforgeryTokenAsync(early, "/alpha/account/login");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(early, "alpha", "admin", AdminPassword)).StatusCode);
        await AssertProblemAsync(await SendAsync(early, HttpMethod.Post, "/alpha/api/contents/Project", before, body), HttpStatusCode.BadRequest);

        var token = await TokenAsync(admin, "alpha");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(admin, HttpMethod.Post, "/alpha/api/contents/Project", token, body)).StatusCode);
    }

    [Fact]
    public async Task A_cookie_or_token_of_one_tenant_does_nothing_in_another()
    {
        await using var host = new TestHost().WithContentTenant("alpha").WithContentTenant("beta");
        host.Start();
        await SaveTypeAsync(host, "alpha", ProjectType());
        await SaveTypeAsync(host, "beta", ProjectType());
        var body = new JsonObject { ["title"] = "串门", ["fields"] = new JsonObject { ["organiser"] = "东风街道" } };

        // alpha's admin (beta has an admin with the same name and password).
        var alpha = host.Client();
        var alphaAf = CookieValue(await alpha.GetAsync("/alpha/account/login"), ".gp.alpha.af") ?? throw new InvalidOperationException("no antiforgery cookie");
        var signedIn = await SignInAsync(alpha, "alpha", "admin", AdminPassword);
        var alphaAuth = CookieValue(signedIn, ".gp.alpha.auth");
        Assert.False(string.IsNullOrEmpty(alphaAuth));
        var token = await TokenAsync(alpha, "alpha");
        var created = await JsonAsync(await SendAsync(alpha, HttpMethod.Post, "/alpha/api/contents/Project", token, body));
        var alphaId = (string)created["id"]!;

        // alpha's cookies and token, under alpha's names or beta's, mean nothing to beta.
        foreach (var cookies in new[] { $".gp.alpha.auth={alphaAuth}; .gp.alpha.af={alphaAf}", $".gp.beta.auth={alphaAuth}; .gp.beta.af={alphaAf}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/beta/api/contents/Project") { Content = JsonContent.Create(body) };
            request.Headers.Add("Cookie", cookies);
            request.Headers.Add("RequestVerificationToken", token);
            await AssertProblemAsync(await host.Client().SendAsync(request), HttpStatusCode.Unauthorized);
        }

        // beta's own sign-in with alpha's token (and alpha's antiforgery cookie under beta's name) is refused too.
        var beta = await host.SignedInAsync("beta", "admin", AdminPassword);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/beta/api/contents/Project") { Content = JsonContent.Create(body) })
        {
            request.Headers.Add("RequestVerificationToken", token);
            await AssertProblemAsync(await beta.SendAsync(request), HttpStatusCode.BadRequest);
        }

        var betaToken = await TokenAsync(beta, "beta");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(beta, HttpMethod.Post, "/beta/api/contents/Project", betaToken, body)).StatusCode);

        // alpha's items are not beta's, by id or in lists; alpha's editor cannot reach them through beta either.
        await AssertProblemAsync(await host.Client().GetAsync($"/beta/api/contents/Project/{alphaId}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await beta.GetAsync($"/beta/api/contents/Project/{alphaId}/latest"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await SendAsync(beta, HttpMethod.Delete, $"/beta/api/contents/Project/{alphaId}", betaToken, null), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await alpha.GetAsync($"/alpha/api/contents/Project/{alphaId}/latest")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_tenants_own_types_and_no_others()
    {
        await using var host = new TestHost().WithContentTenant("alpha").WithContentTenant("beta");
        host.Start();
        await SaveTypeAsync(host, "alpha", ProjectType());
        await SaveTypeAsync(host, "beta", NoticeType());

        var response = await host.Client().GetAsync("/alpha/api/contents/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json");
        Assert.NotNull(document);
        Assert.Empty(diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic?.SpecificationVersion);
        Assert.Equal("/alpha", document.Servers![0].Url);

        var fields = document.Components!.Schemas!["Project.Fields"];
        Assert.Contains("organiser", fields.Required!);
        Assert.DoesNotContain("open", fields.Required!); // a boolean is never missing
        var organiser = fields.Properties!["organiser"];
        Assert.Equal((JsonSchemaType.String, 20), (organiser.Type!.Value, organiser.MaxLength!.Value));
        Assert.Equal("主办单位", organiser.Title);
        var budget = fields.Properties["budget"];
        Assert.Equal((JsonSchemaType.Number, "0", "1000000"), (budget.Type!.Value, budget.Minimum, budget.Maximum));
        Assert.Equal(JsonSchemaType.Boolean, fields.Properties["open"].Type);
        Assert.Equal("date", fields.Properties["starts"].Format);
        Assert.Equal("date-time", fields.Properties["meeting"].Format);
        var category = fields.Properties["category"];
        Assert.Equal(JsonSchemaType.Array, category.Type);
        Assert.Equal(["elderly", "children"], category.Items!.Enum!.Select(v => v.GetValue<string>()));
        Assert.Equal(1, category.MaxItems);
        Assert.Equal(JsonSchemaType.Array, fields.Properties["units"].Type);
        Assert.False(fields.AdditionalPropertiesAllowed);

        var item = document.Components.Schemas["Project.Item"];
        Assert.Contains("gridUnitCode", item.Properties!.Keys);
        Assert.Contains("bodyHtml", item.Properties.Keys);
        Assert.Contains("errors", document.Components.Schemas["ValidationProblemDetails"].Properties!.Keys);

        var paths = document.Paths!;
        var list = paths["/api/contents/Project"];
        Assert.Equal([HttpMethod.Get, HttpMethod.Post], list.Operations!.Keys.OrderBy(m => m.Method, StringComparer.Ordinal));
        Assert.True(list.Operations[HttpMethod.Get].Security is null or { Count: 0 }); // public
        Assert.Equal(["antiforgery", "cookie"], list.Operations[HttpMethod.Post].Security!.Single().Keys.Select(k => k.Reference.Id!).Order(StringComparer.Ordinal));
        Assert.Contains("application/problem+json", list.Operations[HttpMethod.Post].Responses!["400"].Content!.Keys);
        foreach (var path in new[] { "/api/contents/Project/{id}", "/api/contents/Project/{id}/latest", "/api/contents/Project/{id}/versions", "/api/contents/Project/{id}/publish", "/api/contents/Project/{id}/unpublish", "/api/contents/Project/{id}/schedule", "/api/contents/antiforgery" })
        {
            Assert.Contains(path, paths.Keys);
        }

        Assert.Equal([HttpMethod.Delete, HttpMethod.Get, HttpMethod.Put], paths["/api/contents/Project/{id}"].Operations!.Keys.OrderBy(m => m.Method, StringComparer.Ordinal));
        var cookie = document.Components.SecuritySchemes!["cookie"];
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Cookie, ".gp.alpha.auth"), (cookie.Type!.Value, cookie.In!.Value, cookie.Name));

        // In English on request; and beta's document knows only beta's types.
        var english = OpenApiDocument.Parse(await host.Client().GetStringAsync("/alpha/api/contents/openapi.json?culture=en"), "json").Document!;
        Assert.Equal("Organiser", english.Components!.Schemas!["Project.Fields"].Properties!["organiser"].Title);
        var betaText = await host.Client().GetStringAsync("/beta/api/contents/openapi.json");
        Assert.DoesNotContain("Project", betaText, StringComparison.Ordinal);
        Assert.DoesNotContain("organiser", betaText, StringComparison.Ordinal);
        var beta = OpenApiDocument.Parse(betaText, "json").Document!;
        Assert.Contains("/api/contents/Notice", beta.Paths!.Keys);
        Assert.Equal(".gp.beta.auth", beta.Components!.SecuritySchemes!["cookie"].Name);
    }

    /// <summary>A notice type: a title, a Markdown body, publishing, one choice field; no route, no grid.</summary>
    private static ContentTypeDefinition NoticeType() => new()
    {
        Name = "Notice",
        DisplayName = new("通知公告", "Notice"),
        Parts =
        [
            new() { Kind = ContentPartKind.Title, Required = true },
            new() { Kind = ContentPartKind.Body, Format = BodyFormat.Markdown },
            new() { Kind = ContentPartKind.Publish },
        ],
        Fields =
        [
            new() { Name = "level", Kind = ContentFieldKind.Choice, DisplayName = new("级别", "Level"), Options = [new() { Value = "normal", Text = new("一般", "Normal") }, new() { Value = "urgent", Text = new("紧急", "Urgent") }] },
        ],
    };

    private static async Task SaveTypeAsync(TestHost host, string tenant, ContentTypeDefinition type)
    {
        await using var scope = await host.ScopeAsync(tenant);
        var result = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(type);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    private static async Task<string> TokenAsync(HttpClient client, string tenant)
    {
        var response = await client.GetAsync($"/{tenant}/api/contents/antiforgery");
        var json = await JsonAsync(response);
        Assert.Equal("RequestVerificationToken", (string?)json["headerName"]);
        return (string)json["token"]!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? token, JsonNode? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendRawAsync(HttpClient client, string url, string token, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        return problem;
    }

    private static string[] ErrorKeys(JsonObject problem) =>
        [.. problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];

    private static string[] Titles(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["title"]!)];
}
