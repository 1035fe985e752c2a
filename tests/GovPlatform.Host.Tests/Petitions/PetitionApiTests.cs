using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using SkiaSharp;
using static GovPlatform.Host.Tests.Identity.IdentityTestSupport;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>The petitions JSON API (api/petitions) over HTTP: idempotent intake, tracking, staff reads and commands, antiforgery, OpenAPI, tenants apart.</summary>
public sealed class PetitionApiTests
{
    private const string Api = "/alpha/api/petitions";
    private const string Phone = "13912345678";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_intake_replayed_with_the_same_key_files_one_petition_and_answers_the_same(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var client = host.Client();
        var body = Intake();
        body["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "现场.png", ["content"] = Convert.ToBase64String(Png()) });

        var first = await PostAsync(client, Api, body, key: "intake-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Null(first.Headers.Location); // anonymous: nothing to open
        var receipt = await JsonAsync(first);
        Assert.Null(receipt["id"]);
        var number = (string)receipt["trackingNumber"]!;
        Assert.Equal(14, number.Length);
        Assert.Equal(("api", "collect", false), ((string?)receipt["channel"], (string?)receipt["stage"], (bool)receipt["possibleDuplicate"]!));
        Assert.EndsWith("Z", (string?)receipt["dueUtc"], StringComparison.Ordinal);

        // The retry (a lost answer, say) gets the same answer and files nothing.
        var again = await PostAsync(client, Api, body, key: "intake-1");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(["true"], again.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(receipt.ToJsonString(), (await JsonAsync(again)).ToJsonString());

        // The same key with another request is refused rather than answered with the first petition's number.
        var other = Intake("另一件事：小区路灯坏了好几天，晚上很黑。", "13800000000");
        var reused = await AssertProblemAsync(await PostAsync(client, Api, other, key: "intake-1"), HttpStatusCode.BadRequest);
        Assert.Equal("idempotency-key", (string?)reused["code"]);
        Assert.DoesNotContain(number, reused.ToJsonString(), StringComparison.Ordinal);

        // A new key is a new petition, flagged as a likely duplicate of the first.
        var second = await JsonAsync(await PostAsync(client, Api, Intake(), key: "intake-2"));
        Assert.NotEqual(number, (string?)second["trackingNumber"]);
        Assert.True((bool)second["possibleDuplicate"]!);

        await using var scope = await host.ScopeAsync("alpha");
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var petitions = await db.Set<Petition>().AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(2, petitions.Count);
        Assert.Equal((number, PetitionChannel.Api, "intake-1", "D-01-01-01"), (petitions[0].TrackingNumber, petitions[0].Channel, petitions[0].IdempotencyKey, petitions[0].GridUnitCode));
        var attachment = Assert.Single(await db.Set<PetitionAttachment>().AsNoTracking().ToListAsync());
        Assert.Equal((petitions[0].Id, "image/png", "现场.png"), (attachment.PetitionId, attachment.ContentType, attachment.FileName));
        Assert.Equal(2, (await host.AuditAsync("alpha", "petitions", "submit")).Count);
    }

    [Fact]
    public async Task Intake_needs_an_idempotency_key_and_refuses_bad_input_by_field_saving_nothing()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithSetting("GovPlatform:Tenants:alpha:RateLimits:PublicForm:PermitLimit", "100");
        host.Start();
        var client = host.Client();

        var missing = await AssertProblemAsync(await PostAsync(client, Api, Intake(), key: null), HttpStatusCode.BadRequest);
        Assert.Equal("idempotency-key", (string?)missing["code"]);
        Assert.Equal(["idempotencyKey"], ErrorKeys(missing));
        await AssertProblemAsync(await PostAsync(client, Api, Intake(), key: "  "), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostAsync(client, Api, Intake(), key: new string('k', 101)), HttpStatusCode.BadRequest);

        var refused = await AssertProblemAsync(await PostAsync(client, Api, new JsonObject
        {
            ["categoryCode"] = "01", // a category with items: not selectable
            ["description"] = "太短",
            ["contactPhone"] = "12345",
            ["longitude"] = 500,
            ["latitude"] = 23.1,
        }, key: "bad-1"), HttpStatusCode.BadRequest);
        Assert.Equal("invalid", (string?)refused["code"]);
        Assert.Equal(["categoryCode", "contactPhone", "description", "location"], ErrorKeys(refused));
        Assert.Equal("请选择诉求类别。", (string?)refused["errors"]!["categoryCode"]![0]);
        var english = await AssertProblemAsync(await PostAsync(client, Api + "?culture=en", new JsonObject { ["categoryCode"] = "0201", ["description"] = "短" }, key: "bad-2"), HttpStatusCode.BadRequest);
        Assert.Equal("Enter a valid mobile number (11 digits) or landline (area code-number).", (string?)english["errors"]!["contactPhone"]![0]);
        Assert.Equal("Correct what errors lists and send it again.", (string?)english["detail"]);

        // A text file named .jpg is not a photo.
        var fake = Intake();
        fake["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "photo.jpg", ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("not an image at all")) });
        Assert.Equal(["attachments"], ErrorKeys(await AssertProblemAsync(await PostAsync(client, Api, fake, key: "bad-3"), HttpStatusCode.BadRequest)));

        var channel = Intake();
        channel["channel"] = "reception";
        Assert.Equal(["channel"], ErrorKeys(await AssertProblemAsync(await PostAsync(client, Api, channel, key: "bad-4"), HttpStatusCode.BadRequest)));

        var misspelt = Intake();
        misspelt["phone"] = Phone;
        Assert.Equal("bad-json", (string?)(await AssertProblemAsync(await PostAsync(client, Api, misspelt, key: "bad-5"), HttpStatusCode.BadRequest))["code"]);
        var notBase64 = Intake();
        notBase64["attachments"] = new JsonArray(new JsonObject { ["fileName"] = "a.png", ["content"] = "%%%" });
        await AssertProblemAsync(await PostAsync(client, Api, notBase64, key: "bad-6"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostRawAsync(client, Api, "{\"description\": ", "application/json", "bad-7"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostRawAsync(client, Api, "description=x", "application/x-www-form-urlencoded", "bad-8"), HttpStatusCode.UnsupportedMediaType);

        await using var scope = await host.ScopeAsync("alpha");
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().CountAsync());

        // The keys of refused requests are not spent: the corrected request goes through with one of them.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, Api, Intake(), key: "bad-1")).StatusCode);
    }

    [Fact]
    public async Task Intake_and_tracking_are_rate_limited_per_client()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithSetting("GovPlatform:Tenants:alpha:RateLimits:PublicForm:PermitLimit", "2");
        host.Start();
        var client = host.Client();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, Api, Intake(), key: "r-1")).StatusCode);
        await AssertProblemAsync(await client.GetAsync($"{Api}/status?trackingNumber=26000000000000&phone={Phone}"), HttpStatusCode.NotFound);
        var limited = await client.GetAsync($"{Api}/status?trackingNumber=26000000000000&phone={Phone}");
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        await AssertProblemAsync(await PostAsync(client, Api, Intake(), key: "r-2"), HttpStatusCode.TooManyRequests);

        // The duty list is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Api}/categories")).StatusCode);
    }

    [Fact]
    public async Task The_duty_list_is_public_with_names_deadlines_and_departments()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var catalog = await JsonAsync(await host.Client().GetAsync($"{Api}/categories"));
        var categories = catalog["categories"]!.AsArray();
        Assert.Equal(["01", "02", "03"], categories.Select(c => (string)c!["code"]!));
        var safety = categories[0]!;
        Assert.Equal(("安全隐患", "Safety hazards", false), ((string?)safety["name"], (string?)safety["names"]!["en"], (bool)safety["selectable"]!));
        var gas = safety["items"]![0]!;
        Assert.Equal(("0101", "zhujian", 2, "workingHours", "2h", false, true),
            ((string?)gas["code"], (string?)gas["department"], (int)gas["deadline"]!["amount"]!, (string?)gas["deadline"]!["unit"], (string?)gas["deadline"]!["text"], (bool)gas["onTheSpot"]!, (bool)gas["selectable"]!));
        Assert.True((bool)categories[2]!["selectable"]!); // a category without items
        Assert.Equal(["chengguan", "sifa", "zhujian"], catalog["departments"]!.AsArray().Select(d => (string)d!["code"]!).Order(StringComparer.Ordinal));

        var english = await JsonAsync(await host.Client().GetAsync($"{Api}/categories?culture=en"));
        Assert.Equal("Safety hazards", (string?)english["categories"]![0]!["name"]);
    }

    [Fact]
    public async Task Tracking_shows_the_public_view_and_nothing_internal()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var anonymous = host.Client();
        var number = (string)(await JsonAsync(await PostAsync(anonymous, Api, Intake(), key: "t-1")))["trackingNumber"]!;

        // Staff drive it with internal notes, through the API.
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var token = await TokenAsync(staff);
        var id = await IdOfAsync(host, number);
        var version = 1;
        async Task Run(string action, JsonObject? body = null)
        {
            var response = await PostAsync(staff, $"{Api}/{id}/commands/{action}", body, key: $"t-{action}", token: token, ifMatch: $"\"{version}\"");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            version = int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        }

        await Run("confirm", new JsonObject { ["note"] = "内部备注：来电者情绪激动" });
        await Run("assess");
        await Run("assignUnit", new JsonObject { ["unitCode"] = "D-01-01-01", ["note"] = "内部备注：请网格员上门" });
        await Run("accept");
        await Run("addNote", new JsonObject { ["note"] = "内部备注：施工方负责人电话 13700000000" });
        await Run("complete", new JsonObject { ["publicReply"] = "已约谈施工方，夜间停止施工。" });

        var status = await anonymous.GetAsync($"{Api}/status?trackingNumber={number}&phone={Phone}");
        Assert.Equal("no-store", status.Headers.CacheControl?.ToString());
        var view = await JsonAsync(status);
        Assert.Equal(("feedback", "结果反馈", "已约谈施工方，夜间停止施工。", true), ((string?)view["stage"], (string?)view["stageName"], (string?)view["publicReply"], (bool)view["canRate"]!));
        Assert.Equal("矛盾纠纷 / 邻里纠纷", (string?)view["categoryName"]);
        Assert.Contains(view["steps"]!.AsArray(), s => (string?)s!["publicNote"] == "已约谈施工方，夜间停止施工。");
        var text = view.ToJsonString();
        foreach (var secret in new[] { "内部备注", "13700000000", "staff", "张女士", Phone, "\"id\"", "\"note\"", "\"actor", "contact", "firstResponder", "version" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // A wrong phone and an unknown number get the same answer.
        var wrongPhone = await AssertProblemAsync(await anonymous.GetAsync($"{Api}/status?trackingNumber={number}&phone=13800000000"), HttpStatusCode.NotFound);
        var unknown = await AssertProblemAsync(await anonymous.GetAsync($"{Api}/status?trackingNumber=26000000000000&phone={Phone}"), HttpStatusCode.NotFound);
        wrongPhone.Remove("traceId");
        unknown.Remove("traceId");
        Assert.Equal(wrongPhone.ToJsonString(), unknown.ToJsonString());
        await AssertProblemAsync(await anonymous.GetAsync($"{Api}/status"), HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_staff_command_needs_the_version_and_answers_412_428_409_403_and_400_as_it_should(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var number = (string)(await JsonAsync(await PostAsync(host.Client(), Api, Intake(), key: "c-0")))["trackingNumber"]!;
        var id = await IdOfAsync(host, number);
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var token = await TokenAsync(staff);
        var url = $"{Api}/{id}/commands";

        var read = await staff.GetAsync($"{Api}/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var detail = await JsonAsync(read);
        Assert.Equal((number, "collect", Phone, 1), ((string?)detail["trackingNumber"], (string?)detail["stage"], (string?)detail["contactPhone"], (int)detail["version"]!));
        var allowed = detail["allowedActions"]!.AsArray().Select(a => (string)a!["action"]!).ToList();
        Assert.Contains("confirm", allowed);
        Assert.DoesNotContain("accept", allowed);
        Assert.Equal(["publicReply"], detail["allowedActions"]!.AsArray().Where(a => (string?)a!["action"] == "solveOnTheSpot").Select(a => a!["required"]!.AsArray().Select(f => (string)f!).ToArray()).Single());
        Assert.Equal("submit", (string?)detail["events"]![0]!["action"]);

        Assert.Equal("version-required", (string?)(await AssertProblemAsync(await PostAsync(staff, $"{url}/confirm", null, "c-1", token), (HttpStatusCode)428))["code"]);
        var stale = await AssertProblemAsync(await PostAsync(staff, $"{url}/confirm", null, "c-1", token, "\"7\""), HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, (int)stale["currentVersion"]!);
        await AssertProblemAsync(await PostAsync(staff, $"{url}/confirm", null, "c-1", token, "W/\"1\""), HttpStatusCode.BadRequest);
        Assert.Equal("idempotency-key", (string?)(await AssertProblemAsync(await PostAsync(staff, $"{url}/confirm", null, null, token, "\"1\""), HttpStatusCode.BadRequest))["code"]);
        Assert.Equal("unknown-action", (string?)(await AssertProblemAsync(await PostAsync(staff, $"{url}/fly", null, "c-1", token, "\"1\""), HttpStatusCode.NotFound))["code"]);
        await AssertProblemAsync(await PostAsync(staff, $"{url}/3", null, "c-1", token, "\"1\""), HttpStatusCode.NotFound);
        await AssertProblemAsync(await PostAsync(staff, $"{Api}/999999/commands/confirm", null, "c-1", token, "\"1\""), HttpStatusCode.NotFound);

        var confirmed = await PostAsync(staff, $"{url}/confirm", new JsonObject { ["note"] = "已电话联系" }, "c-1", token, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("\"2\"", confirmed.Headers.ETag?.Tag);
        var afterConfirm = await JsonAsync(confirmed);
        Assert.Equal(("discover", "staff"), ((string?)afterConfirm["stage"], (string?)afterConfirm["firstResponder"]));
        Assert.Equal("已电话联系", (string?)afterConfirm["events"]!.AsArray().Last()!["note"]);

        // The retry, with the version it read then: the same result, nothing done twice.
        var replay = await PostAsync(staff, $"{url}/confirm", new JsonObject { ["note"] = "已电话联系" }, "c-1", token, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(2, (int)(await JsonAsync(replay))["version"]!);
        Assert.Equal(["idempotencyKey"], ErrorKeys(await AssertProblemAsync(await PostAsync(staff, $"{url}/assess", null, "c-1", token, "\"2\""), HttpStatusCode.BadRequest)));

        var notNow = await AssertProblemAsync(await PostAsync(staff, $"{url}/accept", null, "c-2", token, "\"2\""), HttpStatusCode.Conflict);
        Assert.Equal("not-allowed", (string?)notNow["code"]);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(staff, $"{url}/assess", null, "c-3", token, "\"2\"")).StatusCode);
        var invalid = await AssertProblemAsync(await PostAsync(staff, $"{url}/assignUnit", new JsonObject { ["note"] = "交办" }, "c-4", token, "\"3\""), HttpStatusCode.BadRequest);
        Assert.Equal(("invalid", "请选择一个网格单元。"), ((string?)invalid["code"], (string?)invalid["errors"]!["unitCode"]![0]));
        var outside = await AssertProblemAsync(await PostAsync(staff, $"{url}/assignUnit", new JsonObject { ["unitCode"] = "D-02-01" }, "c-5", token, "\"3\""), HttpStatusCode.BadRequest);
        Assert.Equal(["unitCode"], ErrorKeys(outside));
        var escalateWithoutReason = await AssertProblemAsync(await PostAsync(staff, $"{url}/escalate", null, "c-6", token, "\"3\""), HttpStatusCode.BadRequest);
        Assert.Equal(["note"], ErrorKeys(escalateWithoutReason));
        await AssertProblemAsync(await PostRawAsync(staff, $"{url}/assignUnit", "unitCode=D-01-01-01", "application/x-www-form-urlencoded", "c-7", token, "\"3\""), HttpStatusCode.UnsupportedMediaType);

        // A grid worker sees the case (it is in the worker's grid) but may not route it: 403 from the loop.
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        var workerToken = await TokenAsync(worker);
        var workerView = await JsonAsync(await worker.GetAsync($"{Api}/{id}"));
        Assert.DoesNotContain(workerView["allowedActions"]!.AsArray(), a => (string?)a!["action"] == "assignUnit");
        Assert.Equal("forbidden", (string?)(await AssertProblemAsync(await PostAsync(worker, $"{url}/assignUnit", new JsonObject { ["unitCode"] = "D-01-01-01" }, "w-1", workerToken, "\"3\""), HttpStatusCode.Forbidden))["code"]);

        // Another street's admin does not see it at all.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        await AssertProblemAsync(await street.GetAsync($"{Api}/{id}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await PostAsync(street, $"{url}/assess", null, "s-1", await TokenAsync(street), "\"3\""), HttpStatusCode.NotFound);

        // Nothing refused was written: three events (submit, confirm, assess), version 3.
        await using var scope = await host.ScopeAsync("alpha");
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        Assert.Equal(["Submit", "Confirm", "Assess"], await db.Set<PetitionEvent>().Where(e => e.PetitionId == id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal(3, (await db.Set<Petition>().SingleAsync(p => p.Id == id)).Version);

        // If-Match: * skips the version check.
        var assigned = await JsonAsync(await PostAsync(staff, $"{url}/assignUnit", new JsonObject { ["unitCode"] = "D-01-01-01" }, "c-8", token, "*"));
        Assert.Equal(("assign", "D-01-01-01", 4), ((string?)assigned["stage"], (string?)assigned["handlingUnitCode"], (int)assigned["version"]!));
    }

    [Fact]
    public async Task A_retried_command_that_moved_the_case_out_of_the_users_hands_is_answered_as_a_replay()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var number = (string)(await JsonAsync(await PostAsync(host.Client(), Api, Intake(), key: "e-0")))["trackingNumber"]!;
        var id = await IdOfAsync(host, number);
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var token = await TokenAsync(staff);
        var url = $"{Api}/{id}/commands";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(staff, $"{url}/confirm", null, "e-1", token, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(staff, $"{url}/assess", null, "e-2", token, "\"2\"")).StatusCode);

        // The escalation hands the case to the street (D-01), where the community's staff may no longer act on it.
        var escalate = new JsonObject { ["note"] = "社区无法协调，需要街道出面" };
        var first = await JsonAsync(await PostAsync(staff, $"{url}/escalate", escalate, "e-3", token, "\"3\""));
        Assert.Equal(("D-01", 4), ((string?)first["handlingUnitCode"], (int)first["version"]!));
        Assert.Empty(first["allowedActions"]!.AsArray());

        // The retry of that very request (its answer was lost) is still the same answer, not a 403.
        var retry = await PostAsync(staff, $"{url}/escalate", escalate, "e-3", token, "\"3\"");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(4, (int)(await JsonAsync(retry))["version"]!);

        // A new request for the same is refused: the case is out of their hands now.
        await AssertProblemAsync(await PostAsync(staff, $"{url}/escalate", escalate, "e-4", token, "\"4\""), HttpStatusCode.Forbidden);
        Assert.Single(await host.AuditAsync("alpha", "petitions", "Escalate"));
    }

    [Fact]
    public async Task Writes_with_the_sign_in_cookie_need_the_antiforgery_token()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var anonymous = host.Client();
        var number = (string)(await JsonAsync(await PostAsync(anonymous, Api, Intake(), key: "a-0")))["trackingNumber"]!;
        var id = await IdOfAsync(host, number);

        await AssertProblemAsync(await anonymous.GetAsync($"{Api}/antiforgery"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await PostAsync(anonymous, $"{Api}/{id}/commands/confirm", null, "a-1", null, "\"1\""), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await anonymous.GetAsync($"{Api}/{id}"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await anonymous.GetAsync(Api), HttpStatusCode.Unauthorized);

        // The browser sends the cookie by itself; without the token, neither a command nor an intake goes through.
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        Assert.Equal("antiforgery", (string?)(await AssertProblemAsync(await PostAsync(admin, $"{Api}/{id}/commands/confirm", null, "a-2", null, "\"1\""), HttpStatusCode.BadRequest))["code"]);
        await AssertProblemAsync(await PostAsync(admin, $"{Api}/{id}/commands/confirm", null, "a-2", "forged", "\"1\""), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostAsync(admin, Api, Intake("管理员账号被跨站提交的诉求，不应受理。"), key: "a-3"), HttpStatusCode.BadRequest);

        var token = await TokenAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(admin, $"{Api}/{id}/commands/confirm", null, "a-2", token, "\"1\"")).StatusCode);

        await using var scope = await host.ScopeAsync("alpha");
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().CountAsync());
    }

    [Fact]
    public async Task A_grid_worker_files_a_field_report_with_the_device_location()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        JsonObject Report(bool withPoint)
        {
            var body = new JsonObject
            {
                ["channel"] = "field",
                ["categoryCode"] = "0102",
                ["description"] = "3 号楼消防通道被电动车堵塞。",
                ["contactPhone"] = "13600000000",
            };
            if (withPoint)
            {
                body["longitude"] = InFirstGrid.Longitude;
                body["latitude"] = InFirstGrid.Latitude;
            }

            return body;
        }

        await AssertProblemAsync(await PostAsync(host.Client(), Api, Report(true), key: "f-0"), HttpStatusCode.Unauthorized);
        var dept = await host.SignedInAsync("alpha", "dept", GridTestData.StaffPassword); // View and Handle, no Report
        var refused = await AssertProblemAsync(await PostAsync(dept, Api, Report(true), key: "f-1", token: await TokenAsync(dept)), HttpStatusCode.Forbidden);
        Assert.Equal("Petitions.Report", (string?)refused["permission"]);

        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        var token = await TokenAsync(worker);
        Assert.Equal(["location"], ErrorKeys(await AssertProblemAsync(await PostAsync(worker, Api, Report(false), key: "f-2", token: token), HttpStatusCode.BadRequest)));

        var filed = await PostAsync(worker, Api, Report(true), key: "f-3", token: token);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var receipt = await JsonAsync(filed);
        var id = (long)receipt["id"]!; // the worker may open it: it is in the worker's grid
        Assert.Equal("field", (string?)receipt["channel"]);
        Assert.Equal($"{Api}/{id}", filed.Headers.Location?.OriginalString);

        var detail = await JsonAsync(await worker.GetAsync($"{Api}/{id}"));
        Assert.Equal(("field", "D-01-01-01", "D-01-01", "worker"), ((string?)detail["channel"], (string?)detail["gridUnitCode"], (string?)detail["handlingUnitCode"], (string?)detail["events"]![0]!["actor"]));
    }

    [Fact]
    public async Task The_staff_list_is_confined_to_the_users_units_filtered_and_paged()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var anonymous = host.Client();
        var numbers = new List<string>();
        foreach (var (point, phone, text) in new[]
        {
            (InFirstGrid, "13900000001", "楼道堆放杂物，存在消防隐患，请处理。"),
            (InFirstGrid, "13900000002", "小区门口夜市噪音扰民，影响休息。"),
            (InEastCommunity, "13900000003", "东区菜市场附近积水严重，出行困难。"),
        })
        {
            var body = Intake(text, phone);
            body["longitude"] = point.Longitude;
            body["latitude"] = point.Latitude;
            numbers.Add((string)(await JsonAsync(await PostAsync(anonymous, Api, body, key: phone)))["trackingNumber"]!);
        }

        static string[] Numbers(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["trackingNumber"]!).Order(StringComparer.Ordinal)];
        var admin = await host.SignedInAsync("alpha", "admin", AdminPassword);
        var all = await JsonAsync(await admin.GetAsync(Api));
        Assert.Equal((3, 1, 25), ((int)all["total"]!, (int)all["page"]!, (int)all["pageSize"]!));
        Assert.Equal(("D-01-01-01", "D-01-01", "collect"), ((string?)all["items"]![0]!["gridUnitCode"], (string?)all["items"]![0]!["handlingUnitCode"], (string?)all["items"]![0]!["stage"]));

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        Assert.Equal(numbers.Take(2).Order(StringComparer.Ordinal), Numbers(await JsonAsync(await staff.GetAsync(Api))));
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.Equal([numbers[2]], Numbers(await JsonAsync(await street.GetAsync(Api))));

        var second = await JsonAsync(await admin.GetAsync($"{Api}?pageSize=2&page=2"));
        Assert.Equal((3, 1), ((int)second["total"]!, second["items"]!.AsArray().Count));
        Assert.Equal([numbers[2]], Numbers(await JsonAsync(await admin.GetAsync($"{Api}?unit=D-02"))));
        Assert.Equal([numbers[1]], Numbers(await JsonAsync(await admin.GetAsync($"{Api}?q=夜市"))));
        Assert.Equal([numbers[0]], Numbers(await JsonAsync(await admin.GetAsync($"{Api}?q={numbers[0]}"))));
        Assert.Equal(3, (int)(await JsonAsync(await admin.GetAsync($"{Api}?stage=collect&view=grid")))["total"]!);
        Assert.Equal(0, (int)(await JsonAsync(await admin.GetAsync($"{Api}?stage=feedback")))["total"]!);
        Assert.Equal(0, (int)(await JsonAsync(await admin.GetAsync($"{Api}?view=overdue")))["total"]!);
        Assert.Equal(2, (int)(await JsonAsync(await staff.GetAsync($"{Api}?view=mine")))["total"]!); // handled by the staff's own unit, D-01-01

        var bad = await AssertProblemAsync(await admin.GetAsync($"{Api}?view=everything&stage=3&unit=Z-9&page=0&pageSize=500"), HttpStatusCode.BadRequest);
        Assert.Equal(["page", "pageSize", "stage", "unit", "view"], ErrorKeys(bad));

        // A user without the View permission (a citizen's account) gets 403, whatever their units.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<GovPlatform.Identity.Services.UserAccounts>();
            var (created, _) = await accounts.CreateAsync("citizen1", "citizen1@example.org", "市民", null, GridTestData.StaffPassword, [GovPlatform.Security.BuiltInRoles.Citizen]);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        Assert.Equal("Petitions.View", (string?)(await AssertProblemAsync(await citizen.GetAsync(Api), HttpStatusCode.Forbidden))["permission"]);
    }

    [Fact]
    public async Task The_openapi_document_parses_and_describes_every_operation()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var response = await host.Client().GetAsync($"{Api}/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var (document, diagnostic) = OpenApiDocument.Parse(await response.Content.ReadAsStringAsync(), "json");
        Assert.NotNull(document);
        Assert.Empty(diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic?.SpecificationVersion);
        Assert.Equal("/alpha", document.Servers![0].Url);

        var paths = document.Paths!;
        Assert.Equal(
            ["/api/petitions", "/api/petitions/antiforgery", "/api/petitions/categories", "/api/petitions/openapi.json", "/api/petitions/status", "/api/petitions/{id}", "/api/petitions/{id}/commands/{action}"],
            paths.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([HttpMethod.Get, HttpMethod.Post], paths["/api/petitions"].Operations!.Keys.OrderBy(m => m.Method, StringComparer.Ordinal));

        var submit = paths["/api/petitions"].Operations![HttpMethod.Post];
        var key = Assert.Single(submit.Parameters!, p => p.Name == "Idempotency-Key");
        Assert.Equal((ParameterLocation.Header, true), (key.In!.Value, key.Required));
        Assert.Contains("application/problem+json", submit.Responses!["400"].Content!.Keys);
        Assert.Contains("429", submit.Responses.Keys);
        Assert.Contains("Idempotent-Replayed", submit.Responses["201"].Headers!.Keys);

        var command = paths["/api/petitions/{id}/commands/{action}"].Operations![HttpMethod.Post];
        Assert.Equal(["Idempotency-Key", "If-Match"], command.Parameters!.Select(p => p.Name!).Order(StringComparer.Ordinal));
        Assert.All(command.Parameters!, p => Assert.True(p.Required));
        Assert.Equal(["200", "400", "401", "403", "404", "409", "412", "413", "415", "428"], command.Responses!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["antiforgery", "cookie"], command.Security!.Single().Keys.Select(k => k.Reference.Id!).Order(StringComparer.Ordinal));
        var action = paths["/api/petitions/{id}/commands/{action}"].Parameters!.Single(p => p.Name == "action");
        Assert.Contains("assignUnit", action.Schema!.Enum!.Select(v => v.GetValue<string>()));
        Assert.Contains("ETag", paths["/api/petitions/{id}"].Operations![HttpMethod.Get].Responses!["200"].Headers!.Keys);
        Assert.True(paths["/api/petitions/status"].Operations![HttpMethod.Get].Security is null or { Count: 0 });

        var schemas = document.Components!.Schemas!;
        foreach (var schema in new[] { "IntakeRequest", "Receipt", "Status", "Catalog", "PetitionPage", "Petition", "Event", "CommandRequest", "ProblemDetails", "ValidationProblemDetails" })
        {
            Assert.Contains(schema, schemas.Keys);
        }

        Assert.Equal(["categoryCode", "contactPhone", "description"], schemas["IntakeRequest"].Required!.Order(StringComparer.Ordinal));
        Assert.False(schemas["IntakeRequest"].AdditionalPropertiesAllowed);
        Assert.DoesNotContain("note", schemas["Status"].Properties!.Keys);
        Assert.Equal(".gp.alpha.auth", document.Components.SecuritySchemes!["cookie"].Name);

        var english = OpenApiDocument.Parse(await host.Client().GetStringAsync($"{Api}/openapi.json?culture=en"), "json").Document!;
        Assert.Equal("File a petition", english.Paths!["/api/petitions"].Operations![HttpMethod.Post].Summary);
    }

    [Fact]
    public async Task Tenants_keep_their_petitions_keys_and_cookies_apart()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithPetitionTenant("beta");
        host.Start();
        var client = host.Client();
        var alphaNumber = (string)(await JsonAsync(await PostAsync(client, Api, Intake(), key: "shared-key")))["trackingNumber"]!;
        var alphaId = await IdOfAsync(host, alphaNumber);

        // beta knows nothing of alpha's petition: not by number and phone, not by id.
        await AssertProblemAsync(await client.GetAsync($"/beta/api/petitions/status?trackingNumber={alphaNumber}&phone={Phone}"), HttpStatusCode.NotFound);
        var betaAdmin = await host.SignedInAsync("beta", "admin", AdminPassword);
        await AssertProblemAsync(await betaAdmin.GetAsync($"/beta/api/petitions/{alphaId}"), HttpStatusCode.NotFound);
        Assert.Equal(0, (int)(await JsonAsync(await betaAdmin.GetAsync("/beta/api/petitions")))["total"]!);

        // The same key in beta is beta's own: a new petition there, not a replay of alpha's.
        var beta = await PostAsync(client, "/beta/api/petitions", Intake(), key: "shared-key");
        Assert.Equal(HttpStatusCode.Created, beta.StatusCode);
        Assert.False(beta.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(alphaNumber, (string?)(await JsonAsync(beta))["trackingNumber"]);

        // alpha's sign-in cookie (under beta's name too) and token mean nothing to beta.
        var alphaAdmin = host.Client();
        var alphaAuth = CookieValue(await SignInAsync(alphaAdmin, "alpha", "admin", AdminPassword), ".gp.alpha.auth");
        Assert.False(string.IsNullOrEmpty(alphaAuth));
        var alphaToken = await TokenAsync(alphaAdmin);
        foreach (var cookie in new[] { $".gp.alpha.auth={alphaAuth}", $".gp.beta.auth={alphaAuth}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/beta/api/petitions");
            request.Headers.Add("Cookie", cookie);
            await AssertProblemAsync(await host.Client().SendAsync(request), HttpStatusCode.Unauthorized);
        }

        await AssertProblemAsync(await PostAsync(betaAdmin, $"/beta/api/petitions/{alphaId}/commands/confirm", null, "x-1", alphaToken, "\"1\""), HttpStatusCode.BadRequest);

        await using var scope = await host.ScopeAsync("alpha");
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().CountAsync());
    }

    /// <summary>An intake body inside grid D-01-01-01, category 0201 (neighbour dispute).</summary>
    private static JsonObject Intake(string description = "楼上邻居每天深夜装修，噪音很大，多次沟通无果。", string phone = Phone) => new()
    {
        ["categoryCode"] = "0201",
        ["title"] = "深夜装修噪音",
        ["description"] = description,
        ["contactName"] = "张女士",
        ["contactPhone"] = phone,
        ["longitude"] = InFirstGrid.Longitude,
        ["latitude"] = InFirstGrid.Latitude,
        ["address"] = "东风路 1 号 3 栋",
    };

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(8, 8);
        bitmap.Erase(new SKColor(0x1D, 0x4F, 0x91));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static async Task<long> IdOfAsync(TestHost host, string trackingNumber)
    {
        await using var scope = await host.ScopeAsync("alpha");
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().Where(p => p.TrackingNumber == trackingNumber).Select(p => p.Id).SingleAsync();
    }

    private static async Task<string> TokenAsync(HttpClient client, string tenant = "alpha")
    {
        var json = await JsonAsync(await client.GetAsync($"/{tenant}/api/petitions/antiforgery"));
        Assert.Equal("RequestVerificationToken", (string?)json["headerName"]);
        return (string)json["token"]!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, JsonNode? body, string? key, string? token = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string url, string body, string contentType, string key, string? token = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal); // no stack trace
        return problem;
    }

    private static string[] ErrorKeys(JsonObject problem) =>
        [.. problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];
}
