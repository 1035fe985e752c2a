using GovPlatform.Localization;
using GovPlatform.Points.Models;

namespace GovPlatform.Points.Activities;

/// <summary>How an activity request went.</summary>
public enum ActivityOutcome
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>Nothing changed: it had already been done (a repeated sign-up, check-in or confirmation).</summary>
    Unchanged,

    /// <summary>No such activity, volunteer or sign-up (or not in the caller's reach).</summary>
    NotFound,

    /// <summary>The caller lacks the permission over the activity's unit.</summary>
    Forbidden,

    /// <summary>Bad input (see the errors).</summary>
    Invalid,

    /// <summary>Not allowed now (the status, the window, the volunteer's standing).</summary>
    NotAllowed,

    /// <summary>No place left.</summary>
    Full,

    /// <summary>Too many wrong check-in codes.</summary>
    TooManyTries,

    /// <summary>Someone changed the activity since the form was opened.</summary>
    Stale,
}

/// <summary>The outcome of an activity request, with the activity and, for a confirmation, the points awarded.</summary>
public sealed record ActivityResult(ActivityOutcome Outcome, Activity? Activity = null, IReadOnlyDictionary<string, BilingualText>? Errors = null, int Awarded = 0, int NoShows = 0)
{
    public bool Succeeded => Outcome is ActivityOutcome.Done or ActivityOutcome.Unchanged;

    /// <summary>The errors, never null.</summary>
    public IReadOnlyDictionary<string, BilingualText> AllErrors => Errors ?? new Dictionary<string, BilingualText>();

    /// <summary>A refusal with one message for <paramref name="field"/>.</summary>
    public static ActivityResult Refused(ActivityOutcome outcome, string field, BilingualText message) =>
        new(outcome, Errors: new Dictionary<string, BilingualText>(StringComparer.Ordinal) { [field] = message });
}

/// <summary>What an organiser enters for an activity (times in UTC; the form converts from the tenant's zone).</summary>
/// <param name="Title">The title.</param>
/// <param name="Type">The kind of activity.</param>
/// <param name="GridUnitCode">The unit it belongs to (its rules apply).</param>
/// <param name="Place">Where.</param>
/// <param name="Description">What volunteers do.</param>
/// <param name="StartsUtc">When it starts.</param>
/// <param name="EndsUtc">When it ends (after the start).</param>
/// <param name="Capacity">Places, 0–1000 (0: no limit).</param>
/// <param name="SignUpOpensUtc">When sign-up opens.</param>
/// <param name="SignUpClosesUtc">When sign-up closes (at the latest the start).</param>
/// <param name="Points">Points per attendee, or null for the rules' points for the type.</param>
public sealed record ActivityInput(
    string Title, ActivityType Type, string GridUnitCode, string? Place, string? Description, DateTime StartsUtc, DateTime EndsUtc,
    int Capacity, DateTime SignUpOpensUtc, DateTime SignUpClosesUtc, int? Points);

/// <summary>Names of the enums in both languages.</summary>
public static class ActivityNames
{
    /// <summary>An activity type's name.</summary>
    public static BilingualText Type(ActivityType type) => type switch
    {
        ActivityType.PublicWelfare => new("公益服务", "Public welfare"),
        ActivityType.Patrol => new("治安巡逻", "Patrol"),
        ActivityType.HomeVisit => new("入户走访", "Home visits"),
        ActivityType.DisputeResolution => new("矛盾调解", "Dispute resolution"),
        ActivityType.Emergency => new("应急救援", "Emergency relief"),
        ActivityType.CultureSports => new("文体活动", "Culture and sports"),
        ActivityType.Environment => new("环境整治", "Environment"),
        _ => new("其他", "Other"),
    };

    /// <summary>An activity status's name.</summary>
    public static BilingualText Status(Activity activity) => activity.Status switch
    {
        ActivityStatus.Draft => new("草稿", "Draft"),
        ActivityStatus.Published when activity.ConfirmedUtc is not null => new("待审核积分", "Awards awaiting approval"),
        ActivityStatus.Published => new("已发布", "Published"),
        ActivityStatus.Cancelled => new("已取消", "Cancelled"),
        _ => new("已完成", "Completed"),
    };

    /// <summary>A sign-up status's name.</summary>
    public static BilingualText SignUp(SignUpStatus status) => status switch
    {
        SignUpStatus.SignedUp => new("已报名", "Signed up"),
        SignUpStatus.Cancelled => new("已取消", "Cancelled"),
        SignUpStatus.CheckedIn => new("已签到", "Checked in"),
        SignUpStatus.NoShow => new("未到场", "No-show"),
        _ => new("已记积分", "Points awarded"),
    };
}
