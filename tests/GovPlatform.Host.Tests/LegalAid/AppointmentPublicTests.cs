using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.LegalAid.Appointments;
using GovPlatform.LegalAid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.LegalAid.AppointmentTestSupport;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// The citizen's appointment pages over HTTP: booking shows the code; the code and the right phone (only) find it;
/// cancelling gives the place back; rescheduling moves it; a double submission books once; refusals read plainly; the
/// posts are rate limited; signed-in citizens get their name filled in and their own list; another tenant knows nothing.
/// </summary>
public sealed class AppointmentPublicTests
{
    [Fact]
    public async Task Booking_shows_the_code_the_phone_finds_it_and_cancelling_frees_the_slot()
    {
        var (host, _, seeded) = await StartAsync();
        await using var _ = host;
        var client = host.Client();
        var path = $"/alpha/legal/book/station/{seeded.StreetCentreId}";
        var slot = Utc(9, 22, 9); // Tuesday 09:00 at the street centre: one place

        var slots = await client.GetStringAsync(path);
        Assert.Contains("一街公共法律服务工作站地址", slots, StringComparison.Ordinal);
        Assert.Contains($"slot={AppointmentFormats.Slot(slot)}", slots, StringComparison.Ordinal);
        Assert.Contains("2026-09-22 周二", slots, StringComparison.Ordinal);

        var (status, html, key) = await BookAsync(client, path, slot);
        Assert.Equal(HttpStatusCode.OK, status);
        var code = CodeOf(html);
        Assert.Contains("预约成功", html, StringComparison.Ordinal);
        Assert.Contains("2026-09-22 09:00–10:00", html, StringComparison.Ordinal);
        Assert.Equal(0, await FreeAsync(host, ProviderKind.Station, seeded.StreetCentreId, slot));
        Assert.Contains("满", await client.GetStringAsync(path), StringComparison.Ordinal);

        // The same form posted again (a double click, a refresh): the same appointment, nothing more.
        var (again, replay, _) = await BookAsync(client, path, slot, key: key);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(code, CodeOf(replay));
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Appointment>().CountAsync());
        }

        // The code page asks for the phone; a wrong phone finds nothing, like a wrong code.
        var ask = await client.GetStringAsync($"/alpha/legal/appointments/{code}");
        Assert.DoesNotContain("2026-09-22 09:00", ask, StringComparison.Ordinal);
        var wrong = await PostAsync(client, "alpha", $"legal/appointments/{code}", ("Phone", "13900000000"));
        Assert.Equal(HttpStatusCode.NotFound, wrong.Status);
        Assert.DoesNotContain("陈先生", wrong.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "alpha", "legal/appointments", ("Code", "ZZZZZZZZ"), ("Phone", "13911112222"))).Status);
        var found = await PostAsync(client, "alpha", "legal/appointments", ("Code", code.ToLowerInvariant()), ("Phone", "139 1111 2222"));
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Contains("2026-09-22 09:00–10:00", found.Html, StringComparison.Ordinal);

        var cancelled = await PostAsync(client, "alpha", $"legal/appointments/{code}/cancel", ("Phone", "13911112222"), ("Reason", "问题已解决"));
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Contains("预约已取消", cancelled.Html, StringComparison.Ordinal);
        var stored = await LoadAsync(host, code);
        Assert.Equal(AppointmentStatus.Cancelled, stored.Status);
        Assert.Equal("citizen", stored.ChangedBy);
        Assert.Equal(1, await FreeAsync(host, ProviderKind.Station, seeded.StreetCentreId, slot));
    }

    [Fact]
    public async Task Rescheduling_moves_to_another_slot_of_the_same_adviser_and_a_late_cancel_says_whom_to_call()
    {
        var (host, _, seeded) = await StartAsync();
        await using var _ = host;
        var client = host.Client();
        var path = $"/alpha/legal/book/adviser/{seeded.AssignmentId}";
        var first = Utc(9, 23, 14, 30);
        var page = await client.GetStringAsync(path);
        Assert.Contains("李明", page, StringComparison.Ordinal);
        Assert.Contains("广东测试律师事务所", page, StringComparison.Ordinal);
        Assert.Contains("一社区居委会二楼法律服务室", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", page, StringComparison.Ordinal); // the lawyer's own phone
        Assert.DoesNotContain("14401201910000001", page, StringComparison.Ordinal);

        var (status, html, _) = await BookAsync(client, path, first, matterType: "Family");
        Assert.Equal(HttpStatusCode.OK, status);
        var code = CodeOf(html);

        var choose = await PostAsync(client, "alpha", $"legal/appointments/{code}/reschedule", ("Phone", "13911112222"));
        Assert.Equal(HttpStatusCode.OK, choose.Status);
        var later = Utc(9, 23, 16);
        Assert.Contains($"value=\"{AppointmentFormats.Slot(later)}\"", choose.Html, StringComparison.Ordinal);
        var moved = await PostAsync(client, "alpha", $"legal/appointments/{code}/reschedule", ("Phone", "13911112222"), ("Start", AppointmentFormats.Slot(later)));
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        Assert.Contains("2026-09-23 16:00–16:30", moved.Html, StringComparison.Ordinal);
        Assert.Equal(later, (await LoadAsync(host, code)).StartsUtc);
        Assert.Equal(1, await FreeAsync(host, ProviderKind.Adviser, seeded.AssignmentId, first));
        Assert.Equal(0, await FreeAsync(host, ProviderKind.Adviser, seeded.AssignmentId, later));

        // Today 09:00 at the district centre, now 08:00: too late to cancel online; the page says whom to call.
        var (_, today, _) = await BookAsync(client, $"/alpha/legal/book/station/{seeded.DistrictCentreId}", Utc(9, 21, 9), phone: "13922223333");
        var late = await PostAsync(client, "alpha", $"legal/appointments/{CodeOf(today)}/cancel", ("Phone", "13922223333"));
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Contains("请致电 020-12348", late.Html, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, (await LoadAsync(host, CodeOf(today))).Status);
    }

    [Fact]
    public async Task Bad_input_is_marked_beside_its_field_and_kept_a_full_slot_goes_back_to_the_slots_and_a_closed_station_says_so()
    {
        var (host, _, seeded) = await StartAsync();
        await using var _ = host;
        var client = host.Client();
        var path = $"/alpha/legal/book/station/{seeded.StreetCentreId}";
        var slot = Utc(9, 22, 10);

        var (status, html, _) = await BookAsync(client, path, slot, phone: "12345", name: "王五", matterType: "");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("请填写 11 位手机号码", html, StringComparison.Ordinal);
        Assert.Contains("请选择事项类别", html, StringComparison.Ordinal);
        Assert.Contains("value=\"王五\"", html, StringComparison.Ordinal);
        Assert.Contains("公司拖欠工资三个月。", html, StringComparison.Ordinal);

        // Another citizen takes the place while this form is open.
        var opened = await KeyAsync(client, path, slot);
        await BookDirectAsync(host, ProviderKind.Station, seeded.StreetCentreId, slot, "13700000000");
        var (full, fullHtml, _) = await BookAsync(client, path, slot, key: opened);
        Assert.Equal(HttpStatusCode.Conflict, full);
        Assert.Contains("这个时段已约满", fullHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"CitizenName\"", fullHtml, StringComparison.Ordinal);

        var closed = await client.GetAsync($"/alpha/legal/book/station/{seeded.AidStationId}");
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains("不接受预约", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/alpha/legal/book/station/9999")).StatusCode);
    }

    [Fact]
    public async Task The_public_posts_are_rate_limited()
    {
        var (host, _, _) = await StartAsync(permits: 3);
        await using var _ = host;
        var client = host.Client();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "alpha", "legal/appointments", ("Code", "ZZZZZZZZ"), ("Phone", "13911112222"))).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(client, "alpha", "legal/appointments", ("Code", "ZZZZZZZZ"), ("Phone", "13911112222"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alpha/legal/appointments")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_citizen_gets_the_name_filled_in_and_sees_only_their_own_appointments()
    {
        var (host, _, seeded) = await StartAsync();
        await using var _ = host;
        var path = $"/alpha/legal/book/station/{seeded.DistrictCentreId}";
        var anonymous = host.Client(); // anonymous: no list, an appointment without an account
        var (_, anonymousHtml, _) = await BookAsync(anonymous, path, Utc(9, 22, 9), phone: "13933334444", name: "匿名");
        Assert.Null((await LoadAsync(host, CodeOf(anonymousHtml))).UserName);
        var list = await anonymous.GetAsync("/alpha/legal/appointments/mine");
        Assert.NotEqual(HttpStatusCode.OK, list.StatusCode);

        var citizen1 = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        var form = await citizen1.GetStringAsync($"{path}?slot={AppointmentFormats.Slot(Utc(9, 22, 10))}");
        Assert.Contains("value=\"CITIZEN1\"", form, StringComparison.Ordinal);
        var (_, html, _) = await BookAsync(citizen1, path, Utc(9, 22, 10), name: "CITIZEN1");
        var code = CodeOf(html);
        Assert.Equal("citizen1", (await LoadAsync(host, code)).UserName);

        var mine = await citizen1.GetStringAsync("/alpha/legal/appointments/mine");
        Assert.Contains(code, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(CodeOf(anonymousHtml), mine, StringComparison.Ordinal);
        Assert.Contains($"legal/appointments/{code}/cancel", mine, StringComparison.Ordinal);

        var citizen2 = await host.SignedInAsync("alpha", "citizen2", GridTestData.StaffPassword);
        var theirs = await citizen2.GetStringAsync("/alpha/legal/appointments/mine");
        Assert.DoesNotContain(code, theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("13911112222", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_site_does_not_know_the_code()
    {
        var (host, _, seeded) = await StartAsync(1000, "alpha", "beta");
        await using var _ = host;
        var client = host.Client();
        var (_, html, _) = await BookAsync(client, $"/alpha/legal/book/station/{seeded.StreetCentreId}", Utc(9, 22, 9));
        var code = CodeOf(html);

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "beta", "legal/appointments", ("Code", code), ("Phone", "13911112222"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "beta", $"legal/appointments/{code}/cancel", ("Phone", "13911112222"))).Status);
        Assert.Equal(AppointmentStatus.Booked, (await LoadAsync(host, code)).Status);
    }
}
