using System.Globalization;
using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Mediation.SessionTestSupport;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>The sessions' pages: the list in the user's area, a dispute's sessions with the schedule form, a session's page; parties' privacy; tenants apart.</summary>
public sealed class SessionPageTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_mediator_schedules_from_the_form_with_errors_beside_the_fields_and_records_the_minutes_afterwards(string provider)
    {
        var clock = Clock();
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        MediationTestData.TestBodies bodies;
        Dispute dispute;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            bodies = await MediationTestData.SeedBodiesAsync(scope.ServiceProvider);
            dispute = await DisputeAsync(scope.ServiceProvider, bodies);
        }

        var page = $"/alpha/admin/mediation/disputes/{dispute.Id}/sessions";
        var elder = await host.SignedInAsync("alpha", "elder", Password);
        var form = await PageAsync(elder, page);
        Assert.Contains("name=\"p5.name\"", form, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{bodies.Li}\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"D-01-01-01\"", form, StringComparison.Ordinal); // grids are not levels

        (string, string)[] Fields(string startsAt, string phone) =>
        [
            ("mode", "InPerson"), ("startsAt", startsAt), ("durationMinutes", "90"), ("bodyId", bodies.Studio.ToString(CultureInfo.InvariantCulture)), ("place", ""), ("meetingUrl", ""),
            ("p0.role", "Party"), ("p0.name", "刘先生"), ("p0.phone", "13700001111"), ("p0.mediatorId", ""), ("p0.unit", ""), ("p0.organisation", ""),
            ("p1.role", "Party"), ("p1.name", ""), ("p1.phone", ""), ("p1.mediatorId", ""), ("p1.unit", ""), ("p1.organisation", ""),
            ("p2.role", "Mediator"), ("p2.name", ""), ("p2.phone", phone), ("p2.mediatorId", bodies.Li.ToString(CultureInfo.InvariantCulture)), ("p2.unit", "D-01-01"), ("p2.organisation", "五老工作室"),
        ];

        // The error of the third row is beside the third row, though the second is blank; what was typed stays.
        var badPhone = await IdentityTestSupport.PostFormAsync(elder, page, page, Fields("2026-11-24T10:00", "abc"));
        var html = await HtmlAsync(badPhone);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Contains("id=\"p2.phone-error\">电话号码格式不正确。", html, StringComparison.Ordinal);
        Assert.Contains("value=\"刘先生\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-11-24T10:00\"", html, StringComparison.Ordinal);

        var saturday = await IdentityTestSupport.PostFormAsync(elder, page, page, Fields("2026-11-28T10:00", "13800000001"));
        Assert.Equal(HttpStatusCode.BadRequest, saturday.StatusCode);
        Assert.Contains("2026-11-28 不是工作日", await HtmlAsync(saturday), StringComparison.Ordinal);

        var scheduled = await IdentityTestSupport.PostFormAsync(elder, page, page, Fields("2026-11-24T10:00", "13800000001"));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.EndsWith("?done=scheduled", scheduled.Headers.Location!.OriginalString, StringComparison.Ordinal);
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var session = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<MediationSession>().AsNoTracking().SingleAsync();
            Assert.Equal(At(11, 24, 10), session.StartsUtc);
            Assert.Equal(90, session.DurationMinutes);
            var people = await scope.ServiceProvider.GetRequiredService<SessionService>().ParticipantsAsync(session.Id);
            Assert.Equal(["刘先生", "老李"], people.Select(p => p.Name));
            id = session.Id;
        }

        // The session's page; minutes can only be recorded once it has started.
        var sessionPage = $"/alpha/admin/mediation/sessions/{id}";
        Assert.Contains("刘先生", await PageAsync(elder, sessionPage), StringComparison.Ordinal);
        var early = await IdentityTestSupport.PostFormAsync(elder, sessionPage, $"{sessionPage}/record", ("version", "1"), ("minutes", "双方各担一半。"), ("agreementReached", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var earlyHtml = await HtmlAsync(early);
        Assert.Contains("还没有开始", earlyHtml, StringComparison.Ordinal);
        Assert.Contains("双方各担一半。</textarea>", earlyHtml, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(27)); // Tuesday 12:00
        var stale = await IdentityTestSupport.PostFormAsync(elder, sessionPage, $"{sessionPage}/cancel", ("version", "7"), ("reason", "改天"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("请刷新后再操作", await HtmlAsync(stale), StringComparison.Ordinal);

        var recorded = await IdentityTestSupport.PostFormAsync(elder, sessionPage, $"{sessionPage}/record", ("version", "1"), ("minutes", "刘先生同意承担一半维修费。"), ("agreementReached", "true"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var held = await PageAsync(elder, sessionPage + "?done=record");
        Assert.Contains("调解笔录已保存", held, StringComparison.Ordinal);
        Assert.Contains("刘先生同意承担一半维修费。", held, StringComparison.Ordinal);
        Assert.DoesNotContain("/record\"", held, StringComparison.Ordinal); // held: no more forms
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Party_participants_and_minutes_are_shown_only_to_the_disputes_mediators_and_superiors_and_every_read_is_audited(string provider)
    {
        var clock = Clock();
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        long id, disputeId;
        string number;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var bodies = await MediationTestData.SeedBodiesAsync(services);
            var dispute = await DisputeAsync(services, bodies);
            (disputeId, number) = (dispute.Id, dispute.Number);
            id = (await ScheduledAsync(services, dispute.Id, AtStudio(bodies, At(11, 24, 10)), People(bodies))).Id;
        }

        var sessionPage = $"/alpha/admin/mediation/sessions/{id}";
        var staff = await host.SignedInAsync("alpha", "staff", Password);     // mediates in the community, not this dispute
        var street1 = await host.SignedInAsync("alpha", "street1", Password); // the street above: supervises
        var street = await host.SignedInAsync("alpha", "street", Password);   // another street

        var hidden = await PageAsync(staff, sessionPage);
        Assert.DoesNotContain("刘先生", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("13700001111", hidden, StringComparison.Ordinal);
        Assert.Contains("老李", hidden, StringComparison.Ordinal);
        Assert.Contains("王法官", hidden, StringComparison.Ordinal);
        Assert.Contains("当事人信息仅对本纠纷的调解员及其上级显示", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("刘先生", await PageAsync(staff, $"/alpha/admin/mediation/disputes/{disputeId}/sessions"), StringComparison.Ordinal);
        var shown = await PageAsync(street1, sessionPage);
        Assert.Contains("刘先生", shown, StringComparison.Ordinal);
        Assert.Contains("13700001111", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync(sessionPage)).StatusCode);

        var reads = (await host.AuditAsync("alpha", "mediation")).Where(a => a.Subject == number && a.Action.StartsWith("read", StringComparison.Ordinal)).ToList();
        Assert.Contains(reads, a => a.UserName == "staff" && a.Action == "read" && a.Summary == $"session {id}: parties hidden");
        Assert.Contains(reads, a => a.UserName == "staff" && a.Action == "read" && a.Summary == "sessions page: parties hidden");
        Assert.Contains(reads, a => a.UserName == "street1" && a.Action == "read-parties");

        // The list shows the session in the area, never a participant; the other street sees nothing of it.
        var list = await PageAsync(staff, "/alpha/admin/mediation/sessions");
        Assert.Contains(number, list, StringComparison.Ordinal);
        Assert.Contains("2026-11-24 10:00", list, StringComparison.Ordinal);
        Assert.DoesNotContain("刘先生", list, StringComparison.Ordinal);
        Assert.DoesNotContain(number, await PageAsync(street, "/alpha/admin/mediation/sessions"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await PageAsync(staff, "/alpha/admin/mediation/sessions?mode=Online"), StringComparison.Ordinal);
        Assert.Contains(number, await PageAsync(staff, "/alpha/admin/mediation/sessions?date=2026-11-24"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await PageAsync(staff, "/alpha/admin/mediation/sessions?date=2026-11-25"), StringComparison.Ordinal);
        var badDate = await staff.GetAsync("/alpha/admin/mediation/sessions?date=24.11.2026");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("日期格式应为", await HtmlAsync(badDate), StringComparison.Ordinal);

        // Held: the minutes name the parties, so they follow the same rule.
        clock.Advance(TimeSpan.FromHours(26));
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var elder = GovPlatform.Mediation.Services.DisputeActor.Staff(await GovPlatform.Host.Tests.Petitions.PetitionTestData.PrincipalAsync(services, "elder"));
            Assert.True((await services.GetRequiredService<SessionService>().RecordAsync(id, "刘先生同意赔偿。", true, elder)).Succeeded);
        }

        Assert.DoesNotContain("刘先生同意赔偿", await PageAsync(staff, sessionPage), StringComparison.Ordinal);
        Assert.Contains("刘先生同意赔偿", await PageAsync(street1, sessionPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grid_worker_sees_no_schedule_form_and_another_tenant_cannot_reach_the_session()
    {
        var clock = Clock();
        await using var host = new TestHost().WithMediationTenant("alpha").WithMediationTenant("beta").WithClock(clock);
        host.Start();
        long id, disputeId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var bodies = await MediationTestData.SeedBodiesAsync(scope.ServiceProvider);
            var dispute = await DisputeAsync(scope.ServiceProvider, bodies);
            disputeId = dispute.Id;
            id = (await ScheduledAsync(scope.ServiceProvider, dispute.Id, AtStudio(bodies, At(11, 24, 10)), People(bodies))).Id;
        }

        var worker = await host.SignedInAsync("alpha", "worker", Password);
        var seen = await PageAsync(worker, $"/alpha/admin/mediation/disputes/{disputeId}/sessions");
        Assert.DoesNotContain("name=\"p0.name\"", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("/cancel\"", await PageAsync(worker, $"/alpha/admin/mediation/sessions/{id}"), StringComparison.Ordinal);

        var beta = await host.SignedInAsync("beta", "elder", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/mediation/sessions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/mediation/disputes/{disputeId}/sessions")).StatusCode);
        Assert.DoesNotContain("2026-11-24 10:00", await PageAsync(beta, "/beta/admin/mediation/sessions"), StringComparison.Ordinal);
    }
}
