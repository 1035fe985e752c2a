using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Petitions;
using GovPlatform.Points.Activities;
using GovPlatform.Points.Models;
using GovPlatform.Points.Services;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Points;

/// <summary>Activities for the tests: created through the service by a user, published, at times around the test clock.</summary>
internal static class ActivityTestSupport
{
    /// <summary>A Monday morning in Shanghai, so that "the same day" is a local day in every test.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    public static Task<ClaimsPrincipal> UserAsync(IServiceProvider services, string name) => PetitionTestData.PrincipalAsync(services, name);

    /// <summary>A published activity starting in <paramref name="startsIn"/>, one hour long, sign-up open from now until the start.</summary>
    public static async Task<Activity> PublishedAsync(
        IServiceProvider services, string organiser, string unit = "D-01-01-01", int capacity = 0, TimeSpan? startsIn = null, int? points = null,
        ActivityType type = ActivityType.Patrol, string title = "河道巡逻")
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        var starts = now + (startsIn ?? TimeSpan.FromHours(2));
        var user = await UserAsync(services, organiser);
        var activities = services.GetRequiredService<ActivityService>();
        var created = await activities.CreateAsync(new ActivityInput(title, type, unit, "庙沟河边", "沿河巡查", starts, starts.AddHours(1), capacity, now.AddMinutes(-1), starts, points), user);
        Assert.True(created.Succeeded, string.Join("; ", created.AllErrors.Select(e => $"{e.Key}: {e.Value.English}")));
        var published = await activities.PublishAsync(created.Activity!.Id, user);
        Assert.Equal(ActivityOutcome.Done, published.Outcome);
        return published.Activity!;
    }

    /// <summary>Stages and saves a rule set for <paramref name="unit"/> (null: the tenant's).</summary>
    public static async Task RulesAsync(IServiceProvider services, string? unit, PointRuleSet rules)
    {
        await services.GetRequiredService<PointRules>().SetAsync(unit, rules, "admin");
        await services.GetRequiredService<TenantDbContext>().SaveChangesAsync();
    }

    /// <summary>Signs volunteers <c>v{i}</c> up.</summary>
    public static async Task SignUpAsync(IServiceProvider services, long activityId, params string[] userNames)
    {
        var activities = services.GetRequiredService<ActivityService>();
        foreach (var name in userNames)
        {
            Assert.Equal(ActivityOutcome.Done, (await activities.SignUpAsync(name, activityId)).Outcome);
        }
    }
}
