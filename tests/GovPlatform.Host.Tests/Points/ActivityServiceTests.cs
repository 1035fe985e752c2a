using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Points.Activities;
using GovPlatform.Points.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Points.ActivityTestSupport;

namespace GovPlatform.Host.Tests.Points;

/// <summary>
/// Activities on both providers: the last place goes to exactly one of twenty; the sign-up window and the volunteer's
/// standing; the code check-in's window and wrong-code limit; confirmation awarding once, with the rules in force up
/// the grid and their daily cap; second-person approval; no-shows.
/// </summary>
public sealed class ActivityServiceTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Twenty_volunteers_taking_the_last_place_at_once_make_exactly_one_sign_up(string provider)
    {
        var clock = new ManualClock(Morning);
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        long activityId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await PointsTestData.VolunteersAsync(scope.ServiceProvider, 23);
            activityId = (await PublishedAsync(scope.ServiceProvider, "staff", capacity: 4)).Id;
            await SignUpAsync(scope.ServiceProvider, activityId, "v1", "v2", "v3");
        }

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(4, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = await host.ScopeAsync("alpha");
            return await scope.ServiceProvider.GetRequiredService<ActivityService>().SignUpAsync($"v{i}", activityId);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Outcome == ActivityOutcome.Done);
        Assert.All(results.Where(r => r.Outcome != ActivityOutcome.Done), r => Assert.Equal(ActivityOutcome.Full, r.Outcome));
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(4, await db.Set<SignUp>().CountAsync(s => s.ActivityId == activityId && s.Status == SignUpStatus.SignedUp));

            // A volunteer who cancels frees the place, and signs up again in the same row.
            var activities = scope.ServiceProvider.GetRequiredService<ActivityService>();
            Assert.Equal(ActivityOutcome.Done, (await activities.CancelSignUpAsync("v1", activityId)).Outcome);
            Assert.Equal(ActivityOutcome.Done, (await activities.SignUpAsync("v1", activityId)).Outcome);
            var late = Enumerable.Range(4, 20).Where(i => results[i - 4].Outcome == ActivityOutcome.Full).Select(i => $"v{i}").First();
            Assert.Equal(ActivityOutcome.Full, (await activities.SignUpAsync(late, activityId)).Outcome);
            var v1 = await db.Set<Volunteer>().Where(v => v.UserName == "v1").Select(v => v.Id).SingleAsync();
            Assert.Equal(1, await db.Set<SignUp>().CountAsync(s => s.ActivityId == activityId && s.VolunteerId == v1));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_approved_volunteers_sign_up_and_only_within_the_window(string provider)
    {
        var clock = new ManualClock(Morning);
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        var ids = await PointsTestData.VolunteersAsync(services, 3);
        await db.Set<Volunteer>().Where(v => v.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VolunteerStatus.Pending));
        await db.Set<Volunteer>().Where(v => v.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VolunteerStatus.Suspended));
        var activities = services.GetRequiredService<ActivityService>();
        var staff = await UserAsync(services, "staff");

        // A draft is invisible to volunteers.
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await activities.CreateAsync(new ActivityInput("入户走访", ActivityType.HomeVisit, "D-01-01-01", null, null, now.AddDays(2), now.AddDays(2).AddHours(2), 0, now.AddDays(1), now.AddDays(2), null), staff);
        Assert.Equal(ActivityOutcome.NotFound, (await activities.SignUpAsync("v1", draft.Activity!.Id)).Outcome);
        Assert.Equal(ActivityOutcome.Done, (await activities.PublishAsync(draft.Activity.Id, staff)).Outcome);
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.SignUpAsync("v1", draft.Activity.Id)).Outcome);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ActivityOutcome.Done, (await activities.SignUpAsync("v1", draft.Activity.Id)).Outcome);
        Assert.Equal(ActivityOutcome.Unchanged, (await activities.SignUpAsync("v1", draft.Activity.Id)).Outcome);
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.SignUpAsync("v2", draft.Activity.Id)).Outcome);
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.SignUpAsync("v3", draft.Activity.Id)).Outcome);
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.SignUpAsync("nobody", draft.Activity.Id)).Outcome);

        // After the start: sign-up closed, a sign-up can no longer be cancelled.
        clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.CancelSignUpAsync("v1", draft.Activity.Id)).Outcome);
        await db.Set<Volunteer>().Where(v => v.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VolunteerStatus.Approved));
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.SignUpAsync("v2", draft.Activity.Id)).Outcome);

        // The form's rules: the end after the start, sign-up closing by the start, the capacity, the unit in the organiser's reach.
        var bad = await activities.CreateAsync(new ActivityInput("x", (ActivityType)99, "D-02-01", null, null, now.AddDays(3), now.AddDays(3), 1001, now.AddDays(2), now.AddDays(4), -1), staff);
        Assert.Equal(ActivityOutcome.Invalid, bad.Outcome);
        Assert.Equal(["capacity", "ends", "gridUnitCode", "points", "signUpCloses", "title", "type"], bad.AllErrors.Keys.Order(StringComparer.Ordinal));

        // Cancelling the activity cancels its sign-ups.
        var other = await PublishedAsync(services, "staff", startsIn: TimeSpan.FromDays(1));
        await SignUpAsync(services, other.Id, "v1", "v2");
        Assert.Equal(ActivityOutcome.Invalid, (await activities.CancelAsync(other.Id, " ", staff)).Outcome);
        Assert.Equal(ActivityOutcome.Done, (await activities.CancelAsync(other.Id, "暴雨", staff)).Outcome);
        Assert.All(await db.Set<SignUp>().AsNoTracking().Where(s => s.ActivityId == other.Id).ToListAsync(), s => Assert.Equal(SignUpStatus.Cancelled, s.Status));
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.SignUpAsync("v3", other.Id)).Outcome);
        Assert.Contains(await host.AuditAsync("alpha", "points", "cancel-activity"), e => e.Summary == "暴雨");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_code_checks_in_from_half_an_hour_before_the_start_to_the_end_and_five_wrong_codes_lock_it(string provider)
    {
        var clock = new ManualClock(Morning);
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        await PointsTestData.VolunteersAsync(services, 3);
        var activity = await PublishedAsync(services, "worker", startsIn: TimeSpan.FromHours(1));
        Assert.Matches("^[0-9]{6}$", activity.CheckInCode);
        var wrongCode = activity.CheckInCode == "000000" ? "111111" : "000000";
        await SignUpAsync(services, activity.Id, "v1", "v2", "v3");
        var activities = services.GetRequiredService<ActivityService>();

        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.CheckInWithCodeAsync("v1", activity.Id, activity.CheckInCode)).Outcome);
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(ActivityOutcome.Done, (await activities.CheckInWithCodeAsync("v1", activity.Id, activity.CheckInCode)).Outcome);
        Assert.Equal(ActivityOutcome.Unchanged, (await activities.CheckInWithCodeAsync("v1", activity.Id, activity.CheckInCode)).Outcome);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ActivityOutcome.Invalid, (await activities.CheckInWithCodeAsync("v2", activity.Id, wrongCode)).Outcome);
        }

        Assert.Equal(ActivityOutcome.TooManyTries, (await activities.CheckInWithCodeAsync("v2", activity.Id, wrongCode)).Outcome);
        Assert.Equal(ActivityOutcome.TooManyTries, (await activities.CheckInWithCodeAsync("v2", activity.Id, activity.CheckInCode)).Outcome);

        // The organiser's list still checks the locked-out volunteer in; after the end the code is refused.
        var v2 = await db.Set<Volunteer>().Where(v => v.UserName == "v2").Select(v => v.Id).SingleAsync();
        Assert.Equal(ActivityOutcome.Done, (await activities.CheckInAsync(activity.Id, [v2], await UserAsync(services, "worker"))).Outcome);
        Assert.Equal(ActivityOutcome.Forbidden, (await activities.CheckInAsync(activity.Id, [v2], await UserAsync(services, "street"))).Outcome);
        clock.Advance(TimeSpan.FromMinutes(91));
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.CheckInWithCodeAsync("v3", activity.Id, activity.CheckInCode)).Outcome);

        var signUps = await db.Set<SignUp>().AsNoTracking().Where(s => s.ActivityId == activity.Id).OrderBy(s => s.VolunteerId).ToListAsync();
        Assert.Equal([SignUpStatus.CheckedIn, SignUpStatus.CheckedIn, SignUpStatus.SignedUp], signUps.Select(s => s.Status));
        Assert.Equal(["code", "worker", null], signUps.Select(s => s.CheckedInBy));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Confirming_awards_the_rules_in_force_up_the_grid_once_within_the_daily_cap_and_records_no_shows(string provider)
    {
        var clock = new ManualClock(Morning);
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        await RulesAsync(services, null, new PointRuleSet { DefaultPoints = 10, ExpiryMonths = 12 });
        await RulesAsync(services, "D-01", new PointRuleSet { DefaultPoints = 10, PointsPerType = new() { ["Patrol"] = 20 } });
        await RulesAsync(services, "D-01-01", new PointRuleSet { DefaultPoints = 10, PointsPerType = new() { ["Patrol"] = 30 }, DailyCap = 40, ExpiryMonths = 12 });
        var ids = await PointsTestData.VolunteersAsync(services, 3);

        var community = await PublishedAsync(services, "admin", "D-01-01-01", startsIn: TimeSpan.FromMinutes(10));
        var street2 = await PublishedAsync(services, "admin", "D-02-01", startsIn: TimeSpan.FromMinutes(10));
        var second = await PublishedAsync(services, "admin", "D-01-01-01", startsIn: TimeSpan.FromMinutes(20), title: "夜间巡逻");
        Assert.Equal([30, 10, 30], new[] { community.Points, street2.Points, second.Points });
        await SignUpAsync(services, community.Id, "v1", "v2");
        await SignUpAsync(services, street2.Id, "v3");
        await SignUpAsync(services, second.Id, "v1");

        var admin = await UserAsync(services, "admin");
        var activities = services.GetRequiredService<ActivityService>();
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.ConfirmAsync(community.Id, admin)).Outcome);
        clock.Advance(TimeSpan.FromMinutes(25));
        await activities.CheckInAsync(community.Id, [ids[0]], admin);
        await activities.CheckInAsync(street2.Id, [ids[2]], admin);
        await activities.CheckInAsync(second.Id, [ids[0]], admin);

        var confirmed = await activities.ConfirmAsync(community.Id, admin);
        Assert.Equal(ActivityOutcome.Done, confirmed.Outcome);
        Assert.Equal((30, 1, ActivityStatus.Completed), (confirmed.Awarded, confirmed.NoShows, confirmed.Activity!.Status));
        Assert.Equal(ActivityOutcome.Unchanged, (await activities.ConfirmAsync(community.Id, admin)).Outcome);
        Assert.Equal(10, (await activities.ConfirmAsync(street2.Id, admin)).Awarded);
        Assert.Equal(10, (await activities.ConfirmAsync(second.Id, admin)).Awarded);

        var balances = await db.Set<Volunteer>().AsNoTracking().OrderBy(v => v.Id).Select(v => v.Balance).ToListAsync();
        Assert.Equal([40L, 0L, 10L], balances);
        var entries = await db.Set<PointEntry>().AsNoTracking().Where(e => e.VolunteerId == ids[0]).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([$"activity:{community.Id}:volunteer:{ids[0]}", $"activity:{second.Id}:volunteer:{ids[0]}"], entries.Select(e => e.IdempotencyKey));
        Assert.All(entries, e => Assert.Equal("D-01-01-01", e.GridUnitCode));
        Assert.All(entries, e => Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMonths(12), e.ExpiresUtc));
        var signUps = await db.Set<SignUp>().AsNoTracking().Where(s => s.ActivityId == community.Id).OrderBy(s => s.VolunteerId).ToListAsync();
        Assert.Equal([SignUpStatus.Awarded, SignUpStatus.NoShow], signUps.Select(s => s.Status));
        Assert.Equal(entries[0].Id, signUps[0].EntryId);

        // A third patrol that day: the cap allows nothing more; it is recorded, not written.
        var third = await PublishedAsync(services, "admin", "D-01-01-01", startsIn: TimeSpan.FromMinutes(5), title: "傍晚巡逻");
        await SignUpAsync(services, third.Id, "v1");
        clock.Advance(TimeSpan.FromMinutes(10));
        await activities.CheckInAsync(third.Id, [ids[0]], admin);
        Assert.Equal(0, (await activities.ConfirmAsync(third.Id, admin)).Awarded);
        Assert.Equal(2, await db.Set<PointEntry>().CountAsync(e => e.VolunteerId == ids[0]));
        Assert.Single(await host.AuditAsync("alpha", "points", "award-capped"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Awards_that_need_approval_wait_for_a_second_user_who_is_not_the_organiser(string provider)
    {
        var clock = new ManualClock(Morning);
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        await RulesAsync(services, "D-01", new PointRuleSet { DefaultPoints = 15, AwardsNeedApproval = true });
        var ids = await PointsTestData.VolunteersAsync(services, 2);
        var activity = await PublishedAsync(services, "street1", "D-01-01-01", startsIn: TimeSpan.FromMinutes(10));
        await SignUpAsync(services, activity.Id, "v1", "v2");
        clock.Advance(TimeSpan.FromMinutes(15));
        var activities = services.GetRequiredService<ActivityService>();
        var street1 = await UserAsync(services, "street1");
        await activities.CheckInAsync(activity.Id, [ids[0]], street1);

        var confirmed = await activities.ConfirmAsync(activity.Id, street1);
        Assert.Equal((ActivityOutcome.Done, 0, 1), (confirmed.Outcome, confirmed.Awarded, confirmed.NoShows));
        Assert.Equal(ActivityStatus.Published, confirmed.Activity!.Status);
        Assert.NotNull(confirmed.Activity.ConfirmedUtc);
        Assert.Empty(await db.Set<PointEntry>().ToListAsync());
        Assert.Equal(SignUpStatus.CheckedIn, (await db.Set<SignUp>().AsNoTracking().SingleAsync(s => s.VolunteerId == ids[0])).Status);
        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.CheckInAsync(activity.Id, [ids[1]], street1)).Outcome);

        Assert.Equal(ActivityOutcome.NotAllowed, (await activities.ApproveAwardsAsync(activity.Id, street1)).Outcome);
        Assert.Equal(ActivityOutcome.Forbidden, (await activities.ApproveAwardsAsync(activity.Id, await UserAsync(services, "staff"))).Outcome);
        Assert.Equal(ActivityOutcome.Forbidden, (await activities.ApproveAwardsAsync(activity.Id, await UserAsync(services, "street"))).Outcome);
        var admin = await UserAsync(services, "admin");
        var approved = await activities.ApproveAwardsAsync(activity.Id, admin);
        Assert.Equal((ActivityOutcome.Done, 15, ActivityStatus.Completed), (approved.Outcome, approved.Awarded, approved.Activity!.Status));
        Assert.Equal(ActivityOutcome.Unchanged, (await activities.ApproveAwardsAsync(activity.Id, admin)).Outcome);
        var entry = await db.Set<PointEntry>().AsNoTracking().SingleAsync();
        Assert.Equal((ids[0], 15L, "admin"), (entry.VolunteerId, entry.Amount, entry.CreatedBy));
        Assert.Single(await host.AuditAsync("alpha", "points", "approve-awards"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_organisers_confirming_at_once_award_each_volunteer_once(string provider)
    {
        var clock = new ManualClock(Morning);
        await using var host = await new TestHost().WithPointsTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        long activityId;
        List<long> ids;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            ids = await PointsTestData.VolunteersAsync(scope.ServiceProvider, 5);
            activityId = (await PublishedAsync(scope.ServiceProvider, "staff", startsIn: TimeSpan.FromMinutes(10), points: 12)).Id;
            await SignUpAsync(scope.ServiceProvider, activityId, "v1", "v2", "v3", "v4", "v5");
            clock.Advance(TimeSpan.FromMinutes(15));
            await scope.ServiceProvider.GetRequiredService<ActivityService>().CheckInAsync(activityId, ids, await UserAsync(scope.ServiceProvider, "staff"));
        }

        using var start = new ManualResetEventSlim();
        var attempts = new[] { "staff", "worker", "street1", "admin" }.Select(name => Task.Run(async () =>
        {
            await using var scope = await host.ScopeAsync("alpha");
            var user = await UserAsync(scope.ServiceProvider, name);
            start.Wait();
            return await scope.ServiceProvider.GetRequiredService<ActivityService>().ConfirmAsync(activityId, user);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Outcome == ActivityOutcome.Done);
        Assert.Equal(60, results.Sum(r => r.Awarded));
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(5, await db.Set<PointEntry>().CountAsync());
            Assert.All(await db.Set<Volunteer>().AsNoTracking().ToListAsync(), v => Assert.Equal(12, v.Balance));
        }
    }
}
