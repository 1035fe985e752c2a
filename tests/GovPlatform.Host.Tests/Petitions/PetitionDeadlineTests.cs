using GovPlatform.Core.Jobs;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>
/// Due times from the duty list on the tenant's working-time calendar (Mon–Fri 09–12 and 13–17 in Asia/Shanghai,
/// National Day off, Sunday 27 September worked), and the deadline job: due soon, overdue, supervision to the level
/// above, unrated feedback closed — also in a tenant that has had no request since the host started.
/// </summary>
public sealed class PetitionDeadlineTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, China);

    [Theory]
    [InlineData("0101", "2026-11-27T16:00", "2026-11-30T10:00")] // 2 working hours: Friday's last hour, then Monday's first
    [InlineData("0102", "2026-11-27T11:30", "2026-11-27T16:30")] // 4 working hours across the lunch break
    [InlineData("0201", "2026-11-27T16:00", "2026-12-02T17:00")] // 3 working days: the receipt day does not count
    [InlineData("0201", "2026-09-25T10:00", "2026-09-29T17:00")] // the make-up Sunday counts as a working day
    [InlineData("0201", "2026-09-30T10:00", "2026-10-12T17:00")] // National Day week and the weekend after it are skipped
    [InlineData("0202", "2026-11-28T10:00", "2026-12-04T17:00")] // received on a Saturday: five working days from Monday
    public async Task A_petition_is_due_by_its_category_on_the_working_calendar(string category, string received, string due)
    {
        var clock = new ManualClock(DateTimeOffset.Parse(received + "+08:00", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = new TestHost().WithPetitionTenant("alpha").WithClock(clock);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");

        var filed = await scope.ServiceProvider.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online() with { CategoryCode = category }, null, default);

        Assert.True(filed.Succeeded);
        Assert.Equal(DateTimeOffset.Parse(due + "+08:00", System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, filed.Petition!.DueUtc);
    }

    [Fact]
    public async Task A_new_category_on_assessment_moves_the_due_time_and_a_reopened_case_is_timed_from_its_reopening()
    {
        var clock = new ManualClock(Local(2026, 11, 23, 9));
        await using var host = new TestHost().WithPetitionTenant("alpha").WithClock(clock);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var workflow = services.GetRequiredService<PetitionWorkflow>();
        var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));
        var id = (await services.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online(), null, default)).Petition!.Id;

        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Confirm), staff, default));
        var assessed = await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Assess) { CategoryCode = "0101" }, staff, default));
        Assert.Equal(Local(2026, 11, 23, 11).UtcDateTime, assessed.Petition!.DueUtc);
        Assert.Equal(Local(2026, 11, 23, 9).UtcDateTime, assessed.Petition.WarnAtUtc);

        var unknown = await workflow.ExecuteAsync(id, new(PetitionTrigger.Assess) { CategoryCode = "01" }, staff, default);
        Assert.Equal(PetitionCommandStatus.Invalid, unknown.Status);
        Assert.Contains("categoryCode", unknown.Errors!.Keys);

        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.AssignUnit) { UnitCode = "D-01-01-01" }, staff, default));
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Accept), staff, default));
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Complete) { PublicReply = "已处理" }, staff, default));
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Evaluate) { Satisfaction = 2, Resolved = false }, staff, default));

        clock.Advance(TimeSpan.FromDays(3)); // Thursday 09:00
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Reopen) { Note = "问题又出现了" }, PetitionActor.Citizen, default));
        var reassessed = await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Assess), staff, default));
        Assert.Equal(Local(2026, 11, 26, 11).UtcDateTime, reassessed.Petition!.DueUtc);
        Assert.Null(reassessed.Petition.Satisfaction);
        Assert.Equal(1, reassessed.Petition.ReopenCount);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_job_warns_before_the_due_time_then_marks_it_overdue_and_the_street_supervises(string provider)
    {
        var clock = new ManualClock(Local(2026, 11, 23, 9, 30)); // Monday
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            id = (await scope.ServiceProvider.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online(), null, default)).Petition!.Id;
        }

        var runner = host.Services.GetRequiredService<BackgroundTaskRunner>();
        await runner.RunDueAsync();
        Assert.Null((await LoadAsync(host, id)).WarnedUtc);

        clock.Advance(new DateTime(2026, 11, 26, 15, 30, 0) - new DateTime(2026, 11, 23, 9, 30, 0)); // Thursday 15:30, due 17:00, warn at 15:00
        await runner.RunDueAsync();
        var warned = await LoadAsync(host, id);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, warned.WarnedUtc);
        Assert.Null(warned.OverdueUtc);
        Assert.Equal(PetitionStage.Collect, warned.Stage);

        clock.Advance(TimeSpan.FromHours(2)); // 17:30
        await runner.RunDueAsync();
        var overdue = await LoadAsync(host, id);
        Assert.NotNull(overdue.OverdueUtc);
        Assert.Equal(PetitionStage.Supervise, overdue.Stage);
        Assert.Equal("D-01", overdue.SupervisingUnitCode);
        Assert.Equal(
            [PetitionNames.SubmitAction, PetitionNames.WarnAction, PetitionNames.OverdueAction, nameof(PetitionTrigger.Supervise)],
            await ActionsAsync(host, id));

        // Nothing is flagged twice.
        clock.Advance(TimeSpan.FromHours(1));
        await runner.RunDueAsync();
        Assert.Equal(4, (await ActionsAsync(host, id)).Count);

        // The community answers the supervision and the case goes back to where it was.
        await using var answer = await host.ScopeAsync("alpha");
        var staff = PetitionActor.Staff(await PrincipalAsync(answer.ServiceProvider, "staff"));
        var answered = await Ok(answer.ServiceProvider.GetRequiredService<PetitionWorkflow>()
            .ExecuteAsync(id, new(PetitionTrigger.RespondSupervision) { Note = "已联系当事人，明日上门" }, staff, default));
        Assert.Equal(PetitionStage.Collect, answered.Petition!.Stage);
        Assert.Null(answered.Petition.SupervisingUnitCode);
    }

    [Fact]
    public async Task The_first_responder_gets_a_text_when_the_case_is_due_soon_and_when_overdue_and_the_citizen_when_it_is_done()
    {
        var clock = new ManualClock(Local(2026, 11, 23, 9, 30));
        await using var host = new TestHost().WithPetitionTenant("alpha").WithPhoneUser("alpha", "phoned", "CommunityStaff", "D-01-01", "13600002222").WithClock(clock);
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            id = (await services.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online(), null, default)).Petition!.Id;
            await Ok(services.GetRequiredService<PetitionWorkflow>().ExecuteAsync(id, new(PetitionTrigger.Confirm),
                PetitionActor.Staff(await PrincipalAsync(services, "phoned")), default));
        }

        var runner = host.Services.GetRequiredService<BackgroundTaskRunner>();
        await runner.RunDueAsync();
        Assert.Empty(Texts(host, "13600002222"));

        clock.Advance(new DateTime(2026, 11, 26, 15, 30, 0) - new DateTime(2026, 11, 23, 9, 30, 0)); // due Thursday 17:00
        await runner.RunDueAsync();
        var soon = Assert.Single(Texts(host, "13600002222"));
        Assert.Contains("2026-11-26 17:00", soon, StringComparison.Ordinal);
        Assert.Contains("临期", soon, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(2));
        await runner.RunDueAsync();
        Assert.Contains(Texts(host, "13600002222"), t => t.Contains("已超期", StringComparison.Ordinal));

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var phoned = PetitionActor.Staff(await PrincipalAsync(services, "phoned"));
            var workflow = services.GetRequiredService<PetitionWorkflow>();
            await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.RespondSupervision) { Note = "马上处理" }, phoned, default));
            await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.SolveOnTheSpot) { PublicReply = "已协调停止夜间装修。" }, phoned, default));
        }

        var result = Assert.Single(Texts(host, "13912345678"));
        Assert.Contains("已协调停止夜间装修。", result, StringComparison.Ordinal);
    }

    private static List<string> Texts(TestHost host, string phone) =>
        [.. host.Logs.Where(l => l.Contains($"sms message to {phone}", StringComparison.Ordinal))];

    [Fact]
    public async Task Feedback_not_rated_within_the_period_is_closed_unrated_by_the_job()
    {
        var clock = new ManualClock(Local(2026, 11, 23, 9));
        await using var host = new TestHost().WithPetitionTenant("alpha").WithClock(clock);
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var workflow = services.GetRequiredService<PetitionWorkflow>();
            var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));
            id = (await services.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online() with { CategoryCode = "0102" }, null, default)).Petition!.Id;
            await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.SolveOnTheSpot) { PublicReply = "已清理消防通道" }, staff, default));
        }

        var runner = host.Services.GetRequiredService<BackgroundTaskRunner>();
        clock.Advance(TimeSpan.FromDays(6));
        await runner.RunDueAsync();
        Assert.Equal(PetitionStage.Feedback, (await LoadAsync(host, id)).Stage);

        clock.Advance(TimeSpan.FromDays(1.5));
        await runner.RunDueAsync();
        var closed = await LoadAsync(host, id);
        Assert.Equal(PetitionStage.Evaluate, closed.Stage);
        Assert.Null(closed.Satisfaction);
        Assert.NotNull(closed.ClosedUtc);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tenant_with_no_request_since_the_host_started_still_gets_its_overdue_cases_supervised(string provider)
    {
        var clock = new ManualClock(Local(2026, 11, 23, 9, 30));
        await using var first = await new TestHost().WithPetitionTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        first.Start();
        long id;
        await using (var scope = await first.ScopeAsync("alpha"))
        {
            id = (await scope.ServiceProvider.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online() with { CategoryCode = "0101" }, null, default)).Petition!.Id;
        }

        await using var host = await first.RestartAsync();
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(host.Shells.Peek("alpha"));

        await host.Services.GetRequiredService<BackgroundTaskRunner>().RunDueAsync();

        Assert.True(host.Shells.Peek("alpha")!.IsWokenForBackground);
        var petition = await LoadAsync(host, id);
        Assert.Empty(host.Logs.Where(l => l.Contains("could not move", StringComparison.Ordinal) || l.Contains("failed", StringComparison.Ordinal)).Select(l => l.Length > 3000 ? l[..3000] : l));
        Assert.NotNull(petition.OverdueUtc);
        Assert.Equal(PetitionStage.Supervise, petition.Stage);
    }

    private static async Task<PetitionCommandResult> Ok(Task<PetitionCommandResult> command)
    {
        var result = await command;
        Assert.True(result.Succeeded, $"{result.Status}: {string.Join("; ", (result.Errors ?? new Dictionary<string, GovPlatform.Localization.BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}"))}");
        return result;
    }

    private static async Task<Petition> LoadAsync(TestHost host, long id)
    {
        await using var scope = await host.ScopeAsync("alpha");
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private static async Task<List<string>> ActionsAsync(TestHost host, long id)
    {
        await using var scope = await host.ScopeAsync("alpha");
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PetitionEvent>().AsNoTracking()
            .Where(e => e.PetitionId == id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }
}
