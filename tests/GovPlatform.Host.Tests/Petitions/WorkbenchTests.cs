using System.Globalization;
using System.Net;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Services;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>The staff workbench and the case page over HTTP: scope, views, filters, paging, allowed actions, refusals, attachments, tenants.</summary>
public sealed class WorkbenchTests
{
    private const string Bench = "/alpha/admin/petitions";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_user_sees_the_cases_of_their_scope_and_an_escalated_case_stays_visible_below_without_actions(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var west = await FileAsync(host, "alpha", Online());
        var east = await FileAsync(host, "alpha", Online("东关社区路灯坏了很久，晚上很黑。", "13700000001") with
        {
            Longitude = InEastCommunity.Longitude,
            Latitude = InEastCommunity.Latitude,
        });
        var second = await FileAsync(host, "alpha", Online("小区门口的井盖松动，有安全隐患。", "13700000002"));
        Assert.Equal("D-02-01", east.HandlingUnitCode);

        var staff = await host.SignedInAsync("alpha", "staff", Password);
        var street = await host.SignedInAsync("alpha", "street", Password);
        var street1 = await host.SignedInAsync("alpha", "street1", Password);

        // Community staff of D-01-01: the two cases located there, not the east one; the east case's page is a 404.
        var staffGrid = ListedIds(await PageAsync(staff, Bench + "?view=grid"), "alpha");
        Assert.Equal([west.Id, second.Id], staffGrid.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{Bench}/{east.Id}")).StatusCode);

        // The street admin of D-02 sees its subtree only; the street admin of D-01 the west ones.
        Assert.Equal([east.Id], ListedIds(await PageAsync(street, Bench + "?view=grid"), "alpha"));
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"{Bench}/{west.Id}")).StatusCode);
        Assert.Equal([west.Id, second.Id], ListedIds(await PageAsync(street1, Bench + "?view=all"), "alpha").Order());

        // Escalated to the street: the community still sees it (it is located there) but has no action on it.
        await RunAsync(host, "alpha", west.Id, "staff", new(PetitionTrigger.Confirm));
        await RunAsync(host, "alpha", west.Id, "staff", new(PetitionTrigger.Assess));
        await RunAsync(host, "alpha", west.Id, "staff", new(PetitionTrigger.Escalate) { Note = "社区协调不了" });
        var staffCase = await PageAsync(staff, $"{Bench}/{west.Id}");
        Assert.Empty(Actions(staffCase));
        Assert.Contains("您现在不能对这件诉求执行任何操作", staffCase, StringComparison.Ordinal);
        Assert.Contains("社区协调不了", staffCase, StringComparison.Ordinal); // the full timeline, internal notes included
        var streetCase = await PageAsync(street1, $"{Bench}/{west.Id}");
        Assert.Contains("assign-unit", Actions(streetCase));
        Assert.Contains("<option value=\"D-01-02\"", streetCase, StringComparison.Ordinal); // the street's own subtree to assign to
        Assert.DoesNotContain("<option value=\"D-02-01\"", streetCase, StringComparison.Ordinal);

        // Mine: the community staff is the escalated case's first responder and has the other case in its own unit;
        // the street admin has only what its own unit handles now.
        Assert.Equal([west.Id, second.Id], ListedIds(await PageAsync(staff, Bench), "alpha").Order());
        Assert.Equal([west.Id], ListedIds(await PageAsync(street1, Bench + "?view=mine"), "alpha"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Filters_narrow_the_list_and_pages_hold_25_cases_in_due_order(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        var baseTime = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc); // 09:00 in Shanghai
        var ids = new long[30];
        for (var i = 0; i < 30; i++)
        {
            // Inserted in reverse due order: the list must sort them.
            var index = i;
            ids[i] = (await InsertAsync(host, "alpha", p =>
            {
                p.TrackingNumber = $"2603{index:D8}";
                p.ReceivedUtc = baseTime.AddDays(index % 3);
                p.DueUtc = baseTime.AddDays(40 - index);
                p.WarnAtUtc = null;
                p.ContactPhone = $"139{index:D8}";
            })).Id;
        }

        var ordered = Enumerable.Reverse(ids).ToList();
        var reception = await InsertAsync(host, "alpha", p =>
        {
            p.TrackingNumber = "260400000001";
            p.Channel = PetitionChannel.Reception;
            p.Stage = PetitionStage.Handle;
            p.CategoryCode = "0101";
            p.Title = "燃气表漏气 100%";
            p.GridUnitCode = "D-02-01";
            p.HandlingUnitCode = "D-02-01";
            p.ReceivedUtc = new DateTime(2026, 3, 9, 17, 0, 0, DateTimeKind.Utc); // 01:00 on 10 March in Shanghai
            p.DueUtc = null;
            p.PossibleDuplicateOfId = ordered[0];
        });

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var first = await PageAsync(admin, Bench + "?view=all");
        Assert.Contains("共 31 件", first, StringComparison.Ordinal);
        Assert.Contains("第 1 / 2 页", first, StringComparison.Ordinal);
        Assert.Equal(ordered.Take(25), ListedIds(first, "alpha"));
        var second = await PageAsync(admin, Bench + "?view=all&page=2");
        Assert.Equal([.. ordered.Skip(25), reception.Id], ListedIds(second, "alpha")); // no due time: last
        Assert.Equal(ListedIds(second, "alpha"), ListedIds(await PageAsync(admin, Bench + "?view=all&page=99"), "alpha"));

        Assert.Equal([reception.Id], ListedIds(await PageAsync(admin, Bench + "?view=all&stage=Handle"), "alpha"));
        Assert.Equal([reception.Id], ListedIds(await PageAsync(admin, Bench + "?view=all&channel=Reception"), "alpha"));
        Assert.Equal([reception.Id], ListedIds(await PageAsync(admin, Bench + "?view=all&category=01"), "alpha")); // a category includes its items
        Assert.Contains("共 30 件", await PageAsync(admin, Bench + "?view=all&category=02"), StringComparison.Ordinal);
        Assert.Equal([reception.Id], ListedIds(await PageAsync(admin, Bench + "?view=all&unit=D-02"), "alpha")); // the unit's subtree
        Assert.Equal(25, ListedIds(await PageAsync(admin, Bench + "?view=all&unit=D-01-01"), "alpha").Count);
        Assert.Equal([reception.Id], ListedIds(await PageAsync(admin, Bench + "?view=all&dup=true"), "alpha"));

        // Dates are the tenant's: received at 01:00 on 10 March local is on the 10th, not the 9th.
        Assert.Equal([reception.Id], ListedIds(await PageAsync(admin, Bench + "?view=all&from=2026-03-10&to=2026-03-10"), "alpha"));
        Assert.Equal(10, ListedIds(await PageAsync(admin, Bench + "?view=all&from=2026-03-03&to=2026-03-03"), "alpha").Count);

        // Text: part of a number, a phone, the title; a % is a literal, not a wildcard.
        Assert.Equal([ids[7]], ListedIds(await PageAsync(admin, Bench + "?view=all&q=0300000007"), "alpha"));
        Assert.Equal([ids[12]], ListedIds(await PageAsync(admin, Bench + "?view=all&q=13900000012"), "alpha"));
        Assert.Equal([reception.Id], ListedIds(await PageAsync(admin, Bench + "?view=all&q=%25"), "alpha"));
        Assert.Equal([reception.Id], ListedIds(await PageAsync(admin, Bench + "?view=all&q=%E7%87%83%E6%B0%94"), "alpha")); // 燃气

        // Input that does not parse is said, not guessed.
        var bad = await admin.GetAsync(Bench + "?view=all&stage=Flying&from=2026-13-45");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await HtmlAsync(bad);
        Assert.Contains("没有这个环节", badHtml, StringComparison.Ordinal);
        Assert.Contains("日期格式应为", badHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overdue_and_due_soon_views_follow_the_clock()
    {
        var clock = new ManualClock();
        await using var host = new TestHost().WithPetitionTenant("alpha").WithClock(clock);
        host.Start();
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = await InsertAsync(host, "alpha", p => { p.DueUtc = now.AddHours(1); p.WarnAtUtc = now.AddHours(-1); });
        var late = await InsertAsync(host, "alpha", p => { p.DueUtc = now.AddHours(-1); p.WarnAtUtc = now.AddHours(-3); p.Stage = PetitionStage.Handle; });
        var later = await InsertAsync(host, "alpha", p => { p.DueUtc = now.AddDays(3); p.WarnAtUtc = now.AddDays(2); });
        await InsertAsync(host, "alpha", p => { p.DueUtc = now.AddHours(-5); p.CompletedUtc = now.AddHours(-6); p.Stage = PetitionStage.Feedback; }); // done in time
        await InsertAsync(host, "alpha", p => { p.DueUtc = now.AddHours(-5); p.ClosedUtc = now.AddHours(-4); p.Stage = PetitionStage.Rejected; });

        var staff = await host.SignedInAsync("alpha", "staff", Password);
        Assert.Equal([late.Id], ListedIds(await PageAsync(staff, Bench + "?view=overdue"), "alpha"));
        Assert.Equal([soon.Id], ListedIds(await PageAsync(staff, Bench + "?view=due-soon"), "alpha"));
        var grid = await PageAsync(staff, Bench + "?view=grid");
        Assert.Equal(4, ListedIds(grid, "alpha").Count); // the rejected one is closed
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(grid, "<tr class=\"is-overdue\">"));

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal([late.Id, soon.Id], ListedIds(await PageAsync(staff, Bench + "?view=overdue"), "alpha"));
        Assert.Empty(ListedIds(await PageAsync(staff, Bench + "?view=due-soon"), "alpha"));
        Assert.Contains("已超期", await PageAsync(staff, $"{Bench}/{soon.Id}"), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal([later.Id], ListedIds(await PageAsync(staff, Bench + "?view=due-soon"), "alpha"));
    }

    [Fact]
    public async Task The_case_page_offers_only_the_actions_the_loop_and_the_users_permissions_allow()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var petition = await FileAsync(host, "alpha", Online());
        var staff = await host.SignedInAsync("alpha", "staff", Password);
        var worker = await host.SignedInAsync("alpha", "worker", Password);

        // Collected: reception's actions for the community staff. The grid worker may see the case (it is in their grid)
        // but may do nothing while the community has it.
        var collected = Actions(await PageAsync(staff, $"{Bench}/{petition.Id}"));
        Assert.Equal(["confirm", "solve-on-the-spot", "reject", "merge", "add-note"], collected);
        Assert.Empty(Actions(await PageAsync(worker, $"{Bench}/{petition.Id}")));

        await RunAsync(host, "alpha", petition.Id, "staff", new(PetitionTrigger.Confirm));
        await RunAsync(host, "alpha", petition.Id, "staff", new(PetitionTrigger.Assess));
        var assessing = await PageAsync(staff, $"{Bench}/{petition.Id}");
        Assert.Contains("assign-unit", Actions(assessing));
        Assert.Contains("request-transfer", Actions(assessing));
        Assert.Contains("<option value=\"D-01-01-02\"", assessing, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"D-01-02\"", assessing, StringComparison.Ordinal); // not below the handling unit

        // A case being assessed in the worker's own grid: they may escalate it or add a note, never dispatch or refuse it.
        var own = await InsertAsync(host, "alpha", p => { p.Stage = PetitionStage.Assess; p.HandlingUnitCode = "D-01-01-01"; });
        Assert.Equal(["escalate", "add-note"], Actions(await PageAsync(worker, $"{Bench}/{own.Id}")));
        var dispatcher = Actions(await PageAsync(staff, $"{Bench}/{own.Id}"));
        Assert.Equal(["assess", "solve-on-the-spot", "reject", "merge", "assign-unit", "send-to-room", "request-transfer", "escalate", "add-note"], dispatcher);
    }

    [Fact]
    public async Task Actions_run_from_their_forms_and_refusals_say_why_and_keep_the_input()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var petition = await FileAsync(host, "alpha", Online());
        var page = $"{Bench}/{petition.Id}";
        var staff = await host.SignedInAsync("alpha", "staff", Password);
        var worker = await host.SignedInAsync("alpha", "worker", Password);

        // The grid worker posts a dispatch action they were never offered: refused, nothing changes.
        var forbidden = await IdentityTestSupport.PostFormAsync(worker, page, $"{page}/assign-unit", ("version", "1"), ("unitCode", "D-01-01-01"), ("key", "k-forbidden"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("您没有对这件诉求执行此操作的权限", await HtmlAsync(forbidden), StringComparison.Ordinal);

        // An action the loop does not allow now: refused with the stage named.
        var notNow = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/complete", ("version", "1"), ("publicReply", "已处理。"), ("key", "k-complete"));
        Assert.Equal(HttpStatusCode.Conflict, notNow.StatusCode);
        Assert.Contains("不能“办结反馈”", await HtmlAsync(notNow), StringComparison.Ordinal);

        // A reject without a reason: the error beside the field, the other input kept.
        var invalid = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/reject", ("version", "1"), ("note", " "), ("key", "k-reject"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var invalidHtml = await HtmlAsync(invalid);
        Assert.Contains("id=\"reject-note-error\">请说明不予受理的理由", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("<details class=\"case-action\" id=\"action-reject\" open", invalidHtml, StringComparison.Ordinal);
        var mergeWrong = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/merge", ("version", "1"), ("mergeInto", "26000000000"), ("note", "同一件事"), ("key", "k-merge"));
        var mergeHtml = await HtmlAsync(mergeWrong);
        Assert.Contains("value=\"26000000000\"", mergeHtml, StringComparison.Ordinal);
        Assert.Contains("同一件事</textarea>", mergeHtml, StringComparison.Ordinal);

        // Without the form's antiforgery token nothing happens.
        var forged = await staff.PostAsync($"{page}/confirm", new FormUrlEncodedContent([KeyValuePair.Create("version", "1"), KeyValuePair.Create("key", "k-forged")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(PetitionStage.Collect, (await ReadAsync(host, "alpha", petition.Id))!.Stage);

        // Confirm: done, the page says so; the same form posted twice (a double click) confirms once.
        var confirmed = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/confirm", ("version", "1"), ("note", "已电话联系"), ("key", "k-confirm"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"{page}?done=confirm", confirmed.Headers.Location?.OriginalString);
        var again = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/confirm", ("version", "1"), ("note", "已电话联系"), ("key", "k-confirm"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(await EventsAsync(host, "alpha", petition.Id), e => e.Action == nameof(PetitionTrigger.Confirm));
        Assert.Contains("已完成：受理", await PageAsync(staff, $"{page}?done=confirm"), StringComparison.Ordinal);

        // A form opened before someone else acted: stale, with a reload link; nothing done.
        var stale = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/add-note", ("version", "1"), ("note", "迟到的备注"), ("key", "k-stale"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var staleHtml = await HtmlAsync(stale);
        Assert.Contains("已被他人更新，请刷新后再操作", staleHtml, StringComparison.Ordinal);
        Assert.Contains("重新载入这件诉求", staleHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(await EventsAsync(host, "alpha", petition.Id), e => e.Note == "迟到的备注");

        // Assess with the category changed, then assign with the unit chosen.
        var current = (await ReadAsync(host, "alpha", petition.Id))!;
        var assessed = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/assess", ("version", current.Version.ToString(CultureInfo.InvariantCulture)), ("categoryCode", "0102"), ("key", "k-assess"));
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        current = (await ReadAsync(host, "alpha", petition.Id))!;
        Assert.Equal(("0102", PetitionStage.Assess), (current.CategoryCode, current.Stage));
        var assigned = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/assign-unit", ("version", current.Version.ToString(CultureInfo.InvariantCulture)), ("unitCode", "D-01-01-01"), ("note", "请网格员核实"), ("key", "k-assign"));
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        current = (await ReadAsync(host, "alpha", petition.Id))!;
        Assert.Equal(("D-01-01-01", PetitionStage.Assign), (current.HandlingUnitCode, current.Stage));

        // The worker takes it and completes it with a photo and a reply.
        var take = await IdentityTestSupport.PostFormAsync(worker, page, $"{page}/accept", ("version", current.Version.ToString(CultureInfo.InvariantCulture)), ("key", "k-accept"));
        Assert.Equal(HttpStatusCode.Redirect, take.StatusCode);
        current = (await ReadAsync(host, "alpha", petition.Id))!;
        var completed = await PostMultipartAsync(worker, page, $"{page}/complete",
            [("version", current.Version.ToString(CultureInfo.InvariantCulture)), ("publicReply", "已清理消防通道。"), ("note", "现场照片见附件"), ("key", "k-done")],
            ("attachments", "现场.png", Png()));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var done = await PageAsync(worker, page);
        Assert.Contains("已清理消防通道。", done, StringComparison.Ordinal);
        Assert.Contains("现场.png", done, StringComparison.Ordinal);
        Assert.Equal(PetitionStage.Feedback, (await ReadAsync(host, "alpha", petition.Id))!.Stage);

        // A file that is not an image or video is refused before anything happens.
        current = (await ReadAsync(host, "alpha", petition.Id))!;
        var badFile = await PostMultipartAsync(staff, page, $"{page}/add-note",
            [("version", current.Version.ToString(CultureInfo.InvariantCulture)), ("note", "附件"), ("key", "k-file")], ("attachments", "x.jpg", "not an image"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, badFile.StatusCode);
        Assert.Contains("不是可识别的图片或视频", await HtmlAsync(badFile), StringComparison.Ordinal);
        Assert.Equal(current.Version, (await ReadAsync(host, "alpha", petition.Id))!.Version);
    }

    [Fact]
    public async Task Attachments_are_served_to_those_who_may_see_the_case_images_inline_others_as_downloads()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        var petition = await FileAsync(host, "alpha", Online() with
        {
            Attachments = [new PetitionUpload("噪音.png", Png()), new PetitionUpload("clip.mp4", Mp4())],
        });
        var staff = await host.SignedInAsync("alpha", "staff", Password);
        var page = await PageAsync(staff, $"{Bench}/{petition.Id}");
        var links = System.Text.RegularExpressions.Regex.Matches(page, $"href=\"({Bench}/{petition.Id}/attachments/\\d+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(2, links.Count);

        var image = await staff.GetAsync(links[0]);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png(), await image.Content.ReadAsByteArrayAsync());
        var video = await staff.GetAsync(links[1]);
        Assert.Equal("attachment", video.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);

        // The grid worker of the place may see it; the other street's admin and anonymous visitors may not.
        var worker = await host.SignedInAsync("alpha", "worker", Password);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(links[0])).StatusCode);
        var street = await host.SignedInAsync("alpha", "street", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync(links[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync(links[0])).StatusCode);

        // An attachment id under another case's id is not found.
        var other = await FileAsync(host, "alpha", Online("另一件诉求的内容。", "13800138000"));
        var crossed = links[0].Replace($"/{petition.Id}/", $"/{other.Id}/", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(crossed)).StatusCode);
    }

    [Fact]
    public async Task A_case_of_one_tenant_is_not_found_on_another()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha").WithPetitionTenant("beta");
        host.Start();
        await FileAsync(host, "alpha", Online("第一件诉求的内容。", "13800138001"));
        var petition = await FileAsync(host, "alpha", Online() with { Attachments = [new PetitionUpload("a.png", Png())] });
        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);

        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/petitions/{petition.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/petitions/{petition.Id}/attachments/1")).StatusCode);
        Assert.DoesNotContain(petition.TrackingNumber, await PageAsync(beta, "/beta/admin/petitions?view=all"), StringComparison.Ordinal);
        var post = await IdentityTestSupport.PostFormAsync(beta, "/beta/admin/petitions", $"/beta/admin/petitions/{petition.Id}/confirm", ("version", "1"), ("key", "k-beta"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(PetitionStage.Collect, (await ReadAsync(host, "alpha", petition.Id))!.Stage);

        // The workbench itself needs the permission: an anonymous visitor is sent away.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync(Bench)).StatusCode);
    }
}
