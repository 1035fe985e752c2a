using GovPlatform.Core.Jobs;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Jobs;
using GovPlatform.Mediation.Jobs;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Mediation.Sessions;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Mediation.SessionTestSupport;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>
/// Scheduling sessions on the body's hours, the tenant's working days (Mon–Fri) and the body's daily capacity; online
/// sessions' links; who may schedule; minutes, cancelling and rescheduling; the reminder job's texts.
/// The clock stands on Monday 23 November 2026, 09:00 in Shanghai.
/// </summary>
public sealed class SessionTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_session_at_a_body_must_fall_within_its_hours_on_a_working_day_and_under_its_daily_capacity(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(Clock()).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var bodies = await MediationTestData.SeedBodiesAsync(services);
        var dispute = await DisputeAsync(services, bodies, assign: false);
        var sessions = services.GetRequiredService<SessionService>();
        var elder = DisputeActor.Staff(await PrincipalAsync(services, "elder"));
        var people = People(bodies);

        async Task<string> RefusedAsync(SessionPlan plan, string field, IReadOnlyList<ParticipantInput>? who = null)
        {
            var result = await sessions.ScheduleAsync(dispute.Id, plan, who ?? people, elder);
            Assert.Equal(SessionResultStatus.Invalid, result.Status);
            Assert.True(result.Errors!.ContainsKey(field), Errors(result.Errors));
            return result.Errors[field].Chinese;
        }

        Assert.Contains("不是工作日", await RefusedAsync(AtStudio(bodies, At(11, 28, 10)), "startsAt"), StringComparison.Ordinal); // Saturday
        Assert.Contains("09:00–17:00", await RefusedAsync(AtStudio(bodies, At(11, 24, 16, 30)), "startsAt"), StringComparison.Ordinal); // ends 17:30
        await RefusedAsync(AtStudio(bodies, At(11, 24, 8, 30)), "startsAt"); // before opening
        await RefusedAsync(AtStudio(bodies, At(11, 23, 8)), "startsAt"); // in the past
        await RefusedAsync(AtStudio(bodies, At(11, 24, 10), minutes: 10), "durationMinutes");
        await RefusedAsync(AtStudio(bodies, At(11, 24, 10), minutes: 481), "durationMinutes");
        await RefusedAsync(new SessionPlan { Mode = SessionMode.InPerson, StartsUtc = At(11, 24, 10) }, "bodyId");
        await RefusedAsync(new SessionPlan { Mode = SessionMode.Online, StartsUtc = At(11, 24, 10), MeetingUrl = "http://meet.example.cn/1" }, "meetingUrl");
        await RefusedAsync(new SessionPlan { Mode = SessionMode.Online, StartsUtc = At(11, 24, 10), MeetingUrl = "javascript:alert(1)" }, "meetingUrl");
        await RefusedAsync(AtStudio(bodies, At(11, 24, 10)), "participants", []);
        await RefusedAsync(AtStudio(bodies, At(11, 24, 10)), "participants", [.. Enumerable.Range(0, 31).Select(i => new ParticipantInput(ParticipantRole.Other, $"人员{i}"))]);
        await RefusedAsync(AtStudio(bodies, At(11, 24, 10)), "p0.unit", [new(ParticipantRole.Department, "网格员", GridUnitCode: "D-01-01-01")]); // a grid, not a level
        await RefusedAsync(AtStudio(bodies, At(11, 24, 10)), "p0.unit", [new(ParticipantRole.Department, "某人", GridUnitCode: "NOPE")]);
        await RefusedAsync(AtStudio(bodies, At(11, 24, 10)), "p1.mediatorId", [new(ParticipantRole.Party, "刘先生"), new(ParticipantRole.Mediator, "谁", MediatorId: 999_999)]);
        await RefusedAsync(AtStudio(bodies, At(11, 24, 10)), "p0.name", [new(ParticipantRole.Party, " ")]);

        // Online anywhere, any time in the future; in person at another place, no hours.
        await ScheduledAsync(services, dispute.Id, new SessionPlan { Mode = SessionMode.Online, StartsUtc = At(11, 28, 20), MeetingUrl = "https://meet.example.cn/room/88" }, people);
        await ScheduledAsync(services, dispute.Id, new SessionPlan { Mode = SessionMode.InPerson, StartsUtc = At(11, 29, 19), Place = "3 号楼下凉亭" }, people);

        // Four sessions fill the studio's Tuesday; a fifth that day is refused, Wednesday is free.
        var tuesday = new List<MediationSession>();
        foreach (var hour in new[] { 9, 10, 11, 13 })
        {
            tuesday.Add(await ScheduledAsync(services, dispute.Id, AtStudio(bodies, At(11, 24, hour)), people));
        }

        var full = await RefusedAsync(AtStudio(bodies, At(11, 24, 15)), "startsAt");
        Assert.Contains("已达每天 4 场的上限", full, StringComparison.Ordinal);
        await ScheduledAsync(services, dispute.Id, AtStudio(bodies, At(11, 25, 15)), people);

        // A cancelled session frees its place; a held one keeps it.
        var cancelled = await sessions.CancelAsync(tuesday[0].Id, "当事人出差", elder);
        Assert.True(cancelled.Succeeded, Errors(cancelled.Errors));
        await ScheduledAsync(services, dispute.Id, AtStudio(bodies, At(11, 24, 15)), people);
        await RefusedAsync(AtStudio(bodies, At(11, 24, 16)), "startsAt");

        // Scheduling moves nothing else on a registered dispute, and the timeline says when, not who.
        var db = services.GetRequiredService<TenantDbContext>();
        var after = await db.Set<Dispute>().AsNoTracking().SingleAsync(d => d.Id == dispute.Id);
        Assert.Equal(DisputeStatus.Registered, after.Status);
        var events = await db.Set<DisputeEvent>().AsNoTracking().Where(e => e.DisputeId == dispute.Id && e.Action.StartsWith("Session")).ToListAsync();
        Assert.Equal(9, events.Count); // 8 scheduled, 1 cancelled
        Assert.All(events, e => Assert.DoesNotContain("刘先生", e.Note ?? "", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Note!.Contains("2026-11-24 09:00", StringComparison.Ordinal) && e.Note.Contains("一社区五老调解工作室", StringComparison.Ordinal));
        Assert.Contains(await host.AuditAsync("alpha", "mediation", "schedule-session"), a => a.Subject == dispute.Number);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_those_who_mediate_the_disputes_handling_unit_schedule_and_a_closed_dispute_takes_no_session(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(Clock()).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var bodies = await MediationTestData.SeedBodiesAsync(services);
        var dispute = await DisputeAsync(services, bodies);
        var sessions = services.GetRequiredService<SessionService>();
        var plan = AtStudio(bodies, At(11, 24, 10));

        foreach (var user in new[] { "worker", "street" })
        {
            var refused = await sessions.ScheduleAsync(dispute.Id, plan, People(bodies), DisputeActor.Staff(await PrincipalAsync(services, user)));
            Assert.Equal(SessionResultStatus.Forbidden, refused.Status);
        }

        var session = await ScheduledAsync(services, dispute.Id, plan, People(bodies), user: "street1");
        var worker = DisputeActor.Staff(await PrincipalAsync(services, "worker"));
        Assert.Equal(SessionResultStatus.Forbidden, (await sessions.CancelAsync(session.Id, "不去了", worker)).Status);
        Assert.Equal(SessionStatus.Scheduled, (await sessions.FindAsync(session.Id))!.Status);

        var elder = DisputeActor.Staff(await PrincipalAsync(services, "elder"));
        var closed = await services.GetRequiredService<DisputeLedger>().CloseAsync(dispute.Id, new DisputeOutcome(DisputeStatus.Withdrawn) { Note = "申请人撤回" }, elder);
        Assert.True(closed.Succeeded, Errors(closed.Errors));
        Assert.Equal(SessionResultStatus.NotAllowed, (await sessions.ScheduleAsync(dispute.Id, AtStudio(bodies, At(11, 25, 10)), People(bodies), elder)).Status);
        Assert.Equal(SessionResultStatus.NotFound, (await sessions.ScheduleAsync(987_654, plan, People(bodies), elder)).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_session_is_held_with_its_minutes_after_it_starts_cancelled_with_a_reason_and_moved_with_a_fresh_reminder(string provider)
    {
        var clock = Clock();
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var bodies = await MediationTestData.SeedBodiesAsync(services);
        var dispute = await DisputeAsync(services, bodies);
        var sessions = services.GetRequiredService<SessionService>();
        var elder = DisputeActor.Staff(await PrincipalAsync(services, "elder"));
        var first = await ScheduledAsync(services, dispute.Id, AtStudio(bodies, At(11, 24, 10)), People(bodies));
        var second = await ScheduledAsync(services, dispute.Id, AtStudio(bodies, At(11, 25, 10)), People(bodies));

        var early = await sessions.RecordAsync(first.Id, "双方同意赔偿。", true, elder, first.Version);
        Assert.Equal(SessionResultStatus.Invalid, early.Status);
        Assert.Contains("还没有开始", early.Errors![""].Chinese, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(26)); // Tuesday 11:00
        Assert.True((await sessions.RecordAsync(first.Id, " ", true, elder, first.Version)).Errors!.ContainsKey("minutes"));
        var held = await sessions.RecordAsync(first.Id, "刘先生与陈女士同意：维修费各担一半。", true, elder, first.Version);
        Assert.True(held.Succeeded, Errors(held.Errors));
        Assert.Equal(SessionStatus.Held, held.Session!.Status);
        Assert.True(held.Session.AgreementReached);
        Assert.Equal(SessionResultStatus.NotAllowed, (await sessions.CancelAsync(first.Id, "写错了", elder)).Status);

        // A form loaded before someone else's change is refused as stale and changes nothing.
        var stale = await sessions.CancelAsync(second.Id, "改天", elder, second.Version + 1);
        Assert.Equal(SessionResultStatus.Stale, stale.Status);
        Assert.Contains("刷新", stale.Errors![""].Chinese, StringComparison.Ordinal);

        await services.GetRequiredService<TenantDbContext>().Set<MediationSession>().Where(s => s.Id == second.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RemindedUtc, clock.GetUtcNow().UtcDateTime));
        var moved = await sessions.RescheduleAsync(second.Id, new SessionPlan { Mode = SessionMode.Online, StartsUtc = At(11, 26, 19), MeetingUrl = "https://meet.example.cn/9" }, elder, second.Version);
        Assert.True(moved.Succeeded, Errors(moved.Errors));
        Assert.Null(moved.Session!.RemindedUtc);
        Assert.Null(moved.Session.BodyId);
        Assert.Equal(second.Version + 1, moved.Session.Version);
        var badMove = await sessions.RescheduleAsync(second.Id, AtStudio(bodies, At(11, 28, 10)), elder, moved.Session.Version);
        Assert.True(badMove.Errors!.ContainsKey("startsAt"));

        Assert.True((await sessions.CancelAsync(second.Id, "", elder)).Errors!.ContainsKey("reason"));
        var cancelled = await sessions.CancelAsync(second.Id, "当事人住院", elder, moved.Session.Version);
        Assert.True(cancelled.Succeeded, Errors(cancelled.Errors));
        Assert.Equal("当事人住院", cancelled.Session!.CancelReason);

        var actions = await services.GetRequiredService<TenantDbContext>().Set<DisputeEvent>().AsNoTracking()
            .Where(e => e.DisputeId == dispute.Id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal(["Session", "Session", "SessionHeld", "SessionMoved", "SessionCancelled"], actions.Where(a => a.StartsWith("Session", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_job_texts_each_participant_and_mediator_once_within_the_reminder_hours_without_anyone_elses_name_or_phone(string provider)
    {
        var clock = Clock();
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        long online, inPerson;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var bodies = await MediationTestData.SeedBodiesAsync(services);
            var db = services.GetRequiredService<TenantDbContext>();
            await db.Set<Mediator>().Where(m => m.Id == bodies.Li).ExecuteUpdateAsync(s => s.SetProperty(m => m.Phone, "13800000001"));
            await db.Set<MediationBody>().Where(b => b.Id == bodies.Studio).ExecuteUpdateAsync(s => s.SetProperty(b => b.Address, "幸福路 1 号").SetProperty(b => b.Phone, "0571-88880000"));
            var dispute = await DisputeAsync(services, bodies);
            online = (await ScheduledAsync(services, dispute.Id, new SessionPlan { Mode = SessionMode.Online, StartsUtc = At(11, 24, 10), MeetingUrl = "https://meet.example.cn/room/88" }, People(bodies))).Id;
            inPerson = (await ScheduledAsync(services, dispute.Id, AtStudio(bodies, At(11, 26, 10)), [new(ParticipantRole.Party, "刘先生", Phone: "13700001111"), new(ParticipantRole.Mediator, "老李", MediatorId: bodies.Li)])).Id;
        }

        var runner = host.Services.GetRequiredService<BackgroundTaskRunner>();
        await runner.RunDueAsync(); // 25 hours before: not yet
        Assert.Empty(Texts(host, "13700001111"));
        Assert.Null((await LoadAsync(host, "alpha", online)).RemindedUtc);

        clock.Advance(TimeSpan.FromHours(1.5)); // 23.5 hours before
        await runner.RunDueAsync();
        var party = Assert.Single(Texts(host, "13700001111"));
        var other = Assert.Single(Texts(host, "13700002222"));
        var mediator = Assert.Single(Texts(host, "13800000001"));
        foreach (var text in new[] { party, other, mediator })
        {
            Assert.Contains("2026-11-24 10:00", text, StringComparison.Ordinal);
            Assert.Contains("https://meet.example.cn/room/88", text, StringComparison.Ordinal);
            Assert.Contains("云调解", text, StringComparison.Ordinal);
            Assert.Contains("online mediation", text, StringComparison.Ordinal);
            // The header line names the recipient's own number; the text itself names nobody and gives no phone.
            var body = text.Split('\n', 2)[1];
            foreach (var secret in new[] { "刘先生", "陈女士", "老李", "王法官", "13700002222", "13700001111", "13800000001" })
            {
                Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            }
        }

        Assert.NotNull((await LoadAsync(host, "alpha", online)).RemindedUtc);
        Assert.Null((await LoadAsync(host, "alpha", inPerson)).RemindedUtc);

        // Later runs, and two runs at once, send nothing more.
        clock.Advance(TimeSpan.FromMinutes(10));
        await runner.RunDueAsync();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = await host.ScopeAsync("alpha");
            var task = scope.ServiceProvider.GetServices<IBackgroundTask>().OfType<SessionReminderTask>().Single();
            await task.RunAsync(scope.ServiceProvider, default);
        }));
        Assert.Single(Texts(host, "13700001111"));
        Assert.Single(Texts(host, "13800000001"));

        // The in-person one two days later: the studio's name, address and phone, no link.
        clock.Advance(new DateTime(2026, 11, 25, 11, 0, 0) - new DateTime(2026, 11, 23, 10, 40, 0));
        await runner.RunDueAsync();
        var studio = Texts(host, "13700001111")[^1];
        Assert.Contains("一社区五老调解工作室（幸福路 1 号）", studio, StringComparison.Ordinal);
        Assert.Contains("0571-88880000", studio, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", studio, StringComparison.Ordinal);
        Assert.Equal(2, Texts(host, "13800000001").Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_job_reports_to_the_petitions_hall_an_outcome_it_did_not_take_when_the_dispute_closed(string provider)
    {
        var clock = Clock();
        await using var host = await new TestHost().WithMediationTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        Dispute dispute;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var bodies = await MediationTestData.SeedBodiesAsync(services);
            dispute = await DisputeAsync(services, bodies);
            Assert.NotNull(dispute.PetitionId);

            // Closed while the hall was away: the outcome is written, the report is still pending.
            await services.GetRequiredService<TenantDbContext>().Set<Dispute>().Where(d => d.Id == dispute.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DisputeStatus.Settled)
                .SetProperty(d => d.AgreementTerms, "维修费各担一半。")
                .SetProperty(d => d.ClosedUtc, clock.GetUtcNow().UtcDateTime));
        }

        await host.Services.GetRequiredService<BackgroundTaskRunner>().RunDueAsync();

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var reported = await services.GetRequiredService<TenantDbContext>().Set<Dispute>().AsNoTracking().SingleAsync(d => d.Id == dispute.Id);
            Assert.NotNull(reported.PetitionReportedUtc);
            var petition = await services.GetRequiredService<PetitionWorkflow>().FindAsync(dispute.PetitionId!.Value, default);
            Assert.Equal(PetitionStage.Feedback, petition!.Stage);
            Assert.Equal(DisputeLedger.PublicReply(DisputeStatus.Settled).Chinese, petition.PublicReply);
        }
    }

    [Fact]
    public async Task Another_tenants_job_and_service_never_see_a_tenants_sessions()
    {
        var clock = Clock();
        await using var host = new TestHost().WithMediationTenant("alpha").WithMediationTenant("beta").WithClock(clock);
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var bodies = await MediationTestData.SeedBodiesAsync(services);
            var dispute = await DisputeAsync(services, bodies);
            id = (await ScheduledAsync(services, dispute.Id, new SessionPlan { Mode = SessionMode.Online, StartsUtc = At(11, 23, 20), MeetingUrl = "https://meet.example.cn/a" }, People(bodies))).Id;
        }

        await using (var scope = await host.ScopeAsync("beta"))
        {
            var services = scope.ServiceProvider;
            await MediationTestData.SeedBodiesAsync(services);
            var sessions = services.GetRequiredService<SessionService>();
            Assert.Null(await sessions.FindAsync(id));
            var elder = DisputeActor.Staff(await PrincipalAsync(services, "elder"));
            Assert.Equal(SessionResultStatus.NotFound, (await sessions.CancelAsync(id, "跨租户", elder)).Status);
            var task = services.GetServices<IBackgroundTask>().OfType<SessionReminderTask>().Single();
            await task.RunAsync(services, default);
        }

        Assert.Empty(Texts(host, "13700001111"));
        Assert.Null((await LoadAsync(host, "alpha", id)).RemindedUtc);
        await host.Services.GetRequiredService<BackgroundTaskRunner>().RunDueAsync();
        var text = Assert.Single(Texts(host, "13700001111"));
        Assert.Contains("Tenant alpha", text, StringComparison.Ordinal);
    }
}
