using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Points.Models;
using GovPlatform.Points.Security;
using GovPlatform.Points.Services;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Points.Activities;

/// <summary>
/// Volunteer activities: organisers create and publish them, approved volunteers sign up within the window and under the
/// capacity, check in from the organiser's list or with the activity's code on the day, and the organiser confirms
/// attendance: each checked-in volunteer earns the activity's points through <see cref="PointsLedger"/>, trimmed by the
/// caps of the rules in force at the activity's unit, and the rest are recorded as no-shows. Where the rules ask for it,
/// a second member of staff approves the awards before they are written.
/// </summary>
public sealed class ActivityService(
    TenantDbContext db, IGridDirectory grid, IAuthorizationService authorization, PointRules rules, PointsLedger ledger, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Wrong check-in codes a volunteer may enter for one activity.</summary>
    public const int MaxWrongCodes = 5;

    /// <summary>How long before the start the code check-in opens.</summary>
    public static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromMinutes(30);

    private static readonly BilingualText NoPermission = new("您没有组织这个网格单位活动的权限。", "You may not organise activities of this grid unit.");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates a draft activity.</summary>
    public async Task<ActivityResult> CreateAsync(ActivityInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = await ValidateAsync(input, user, cancellationToken);
        if (errors.Count > 0)
        {
            return new ActivityResult(ActivityOutcome.Invalid, Errors: errors);
        }

        var points = input.Points ?? PointRules.PointsFor(await rules.InForceAsync(input.GridUnitCode, cancellationToken), input.Type);
        var activity = new Activity
        {
            Status = ActivityStatus.Draft,
            CheckInCode = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            Organiser = Name(user),
            CreatedUtc = Now,
            Version = 1,
        };
        Apply(activity, input, points);
        await db.InTransactionAsync(async ct =>
        {
            db.Add(activity);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "create-activity", Subject(activity.Id), $"{activity.Title} ({activity.GridUnitCode}, {activity.Points} points)"), ct);
            return true;
        }, cancellationToken);
        return new ActivityResult(ActivityOutcome.Done, activity);
    }

    /// <summary>Edits an activity not yet confirmed or cancelled; <paramref name="version"/> is the version the form was opened at.</summary>
    public async Task<ActivityResult> EditAsync(long id, ActivityInput input, int? version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return new ActivityResult(ActivityOutcome.NotFound);
        }

        if (!await authorization.HasPermissionAsync(user, PointsPermissions.Organise, activity))
        {
            return ActivityResult.Refused(ActivityOutcome.Forbidden, "permission", NoPermission);
        }

        if (activity.Status is ActivityStatus.Cancelled or ActivityStatus.Completed || activity.ConfirmedUtc is not null)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "status", new("已取消或已确认的活动不能再修改。", "A cancelled or confirmed activity cannot be edited."));
        }

        var errors = await ValidateAsync(input, user, cancellationToken);
        if (errors.Count > 0)
        {
            return new ActivityResult(ActivityOutcome.Invalid, Errors: errors);
        }

        var points = input.Points ?? PointRules.PointsFor(await rules.InForceAsync(input.GridUnitCode, cancellationToken), input.Type);
        try
        {
            var saved = await db.InTransactionAsync(async ct =>
            {
                var tracked = await db.Set<Activity>().FirstAsync(a => a.Id == id, ct);
                if (version is { } v && tracked.Version != v)
                {
                    return null;
                }

                var taken = await db.Set<SignUp>().CountAsync(s => s.ActivityId == id && (s.Status == SignUpStatus.SignedUp || s.Status == SignUpStatus.CheckedIn), ct);
                if (input.Capacity > 0 && input.Capacity < taken)
                {
                    throw new Refusal(ActivityResult.Refused(ActivityOutcome.Invalid, "capacity",
                        new($"已有 {taken} 人报名，名额不能少于 {taken}。", $"{taken} have signed up: the capacity cannot be below {taken}.")));
                }

                Apply(tracked, input, points);
                tracked.Version++;
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "edit-activity", Subject(id), $"{tracked.Title} ({tracked.GridUnitCode}, {tracked.Points} points)"), ct);
                return tracked;
            }, cancellationToken);
            return saved is null ? StaleResult() : new ActivityResult(ActivityOutcome.Done, saved);
        }
        catch (Refusal refusal)
        {
            db.ChangeTracker.Clear();
            return refusal.Result;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return StaleResult();
        }
    }

    /// <summary>Publishes a draft: volunteers see it and sign up within its window.</summary>
    public Task<ActivityResult> PublishAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(id, user, ActivityStatus.Draft, ActivityStatus.Published, null, "publish-activity",
            new("只有草稿可以发布。", "Only a draft can be published."), cancellationToken);

    /// <summary>Cancels an activity not yet confirmed, with the reason; its sign-ups are cancelled with it.</summary>
    public async Task<ActivityResult> CancelAsync(long id, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 200)
        {
            return ActivityResult.Refused(ActivityOutcome.Invalid, "reason", new("请说明取消的原因（不超过 200 字）。", "Say why the activity is cancelled (at most 200 characters)."));
        }

        return await ChangeStatusAsync(id, user, null, ActivityStatus.Cancelled, reason.Trim(), "cancel-activity",
            new("已确认或已取消的活动不能取消。", "A confirmed or cancelled activity cannot be cancelled."), cancellationToken);
    }

    /// <summary>
    /// Signs an approved volunteer up, within the window and under the capacity. Race-safe: the activity's row is touched
    /// first, so that simultaneous sign-ups queue on it (PostgreSQL) or on the database (SQLite) and count the places in turn.
    /// </summary>
    public async Task<ActivityResult> SignUpAsync(string userName, long activityId, CancellationToken cancellationToken = default)
    {
        var (volunteer, activity, refused) = await VolunteerAndActivityAsync(userName, activityId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (volunteer!.Status != VolunteerStatus.Approved)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "volunteer", new("只有审核通过的志愿者才能报名。", "Only approved volunteers can sign up."));
        }

        var now = Now;
        if (activity!.Status != ActivityStatus.Published || activity.ConfirmedUtc is not null)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "status", new("这个活动不接受报名。", "This activity does not take sign-ups."));
        }

        if (now < activity.SignUpOpensUtc || now > activity.SignUpClosesUtc)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "window", new("不在报名时间内。", "Sign-up is not open now."));
        }

        try
        {
            var outcome = await db.InTransactionAsync(async ct =>
            {
                // Locks the activity's row until commit: the next sign-up counts after this one.
                var touched = await db.Set<Activity>().Where(a => a.Id == activityId && a.Status == ActivityStatus.Published && a.ConfirmedUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Capacity, a => a.Capacity), ct);
                if (touched == 0)
                {
                    return ActivityOutcome.NotAllowed;
                }

                var existing = await db.Set<SignUp>().FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == volunteer.Id, ct);
                if (existing is { Status: not SignUpStatus.Cancelled })
                {
                    return ActivityOutcome.Unchanged;
                }

                var taken = await db.Set<SignUp>().CountAsync(s => s.ActivityId == activityId && (s.Status == SignUpStatus.SignedUp || s.Status == SignUpStatus.CheckedIn), ct);
                if (activity.Capacity > 0 && taken >= activity.Capacity)
                {
                    return ActivityOutcome.Full;
                }

                if (existing is null)
                {
                    db.Add(new SignUp { ActivityId = activityId, VolunteerId = volunteer.Id, Status = SignUpStatus.SignedUp, SignedUpUtc = now });
                }
                else
                {
                    // The pair is unique: a cancelled sign-up is signed up again in place.
                    existing.Status = SignUpStatus.SignedUp;
                    existing.SignedUpUtc = now;
                    existing.CheckedInUtc = null;
                    existing.CheckedInBy = null;
                }

                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "sign-up", Subject(activityId), $"{volunteer.RealName} (volunteer:{volunteer.Id}) signed up"), ct);
                return ActivityOutcome.Done;
            }, cancellationToken);
            return outcome switch
            {
                ActivityOutcome.Full => ActivityResult.Refused(ActivityOutcome.Full, "capacity", new("名额已满。", "There are no places left.")),
                ActivityOutcome.NotAllowed => ActivityResult.Refused(ActivityOutcome.NotAllowed, "status", new("这个活动不接受报名。", "This activity does not take sign-ups.")),
                _ => new ActivityResult(outcome, activity),
            };
        }
        catch (DbUpdateException)
        {
            // The same volunteer's twin request inserted the pair first.
            db.ChangeTracker.Clear();
            return new ActivityResult(ActivityOutcome.Unchanged, activity);
        }
    }

    /// <summary>Cancels the volunteer's own sign-up, before the activity starts.</summary>
    public async Task<ActivityResult> CancelSignUpAsync(string userName, long activityId, CancellationToken cancellationToken = default)
    {
        var (volunteer, activity, refused) = await VolunteerAndActivityAsync(userName, activityId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (Now >= activity!.StartsUtc)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "window", new("活动开始后不能取消报名。", "A sign-up cannot be cancelled once the activity has started."));
        }

        var changed = await db.InTransactionAsync(async ct =>
        {
            var n = await db.Set<SignUp>().Where(s => s.ActivityId == activityId && s.VolunteerId == volunteer!.Id && s.Status == SignUpStatus.SignedUp)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignUpStatus.Cancelled), ct);
            if (n > 0)
            {
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "cancel-sign-up", Subject(activityId), $"{volunteer!.RealName} (volunteer:{volunteer.Id}) cancelled"), ct);
            }

            return n;
        }, cancellationToken);
        return changed > 0 ? new ActivityResult(ActivityOutcome.Done, activity)
            : ActivityResult.Refused(ActivityOutcome.NotFound, "signUp", new("您没有报名这个活动。", "You have not signed up for this activity."));
    }

    /// <summary>Checks volunteers in from the organiser's list (from half an hour before the start until confirmation).</summary>
    public async Task<ActivityResult> CheckInAsync(long activityId, IReadOnlyCollection<long> volunteerIds, ClaimsPrincipal organiser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volunteerIds);
        var (activity, refused) = await OrganisedAsync(activityId, organiser, PointsPermissions.Organise, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (activity!.Status != ActivityStatus.Published || activity.ConfirmedUtc is not null)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "status", new("只有已发布、未确认的活动可以签到。", "Only a published activity not yet confirmed takes check-ins."));
        }

        var now = Now;
        if (now < activity.StartsUtc - CheckInOpensBefore)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "window", new("活动开始前半小时才能签到。", "Check-in opens half an hour before the start."));
        }

        var ids = volunteerIds.Distinct().ToList();
        var by = Name(organiser);
        var changed = await db.InTransactionAsync(async ct =>
        {
            var n = await db.Set<SignUp>().Where(s => s.ActivityId == activityId && ids.Contains(s.VolunteerId) && s.Status == SignUpStatus.SignedUp)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignUpStatus.CheckedIn).SetProperty(x => x.CheckedInUtc, now).SetProperty(x => x.CheckedInBy, by), ct);
            if (n > 0)
            {
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "check-in", Subject(activityId), $"{n} checked in from the list by {by}"), ct);
            }

            return n;
        }, cancellationToken);
        return new ActivityResult(changed > 0 ? ActivityOutcome.Done : ActivityOutcome.Unchanged, activity, Awarded: changed);
    }

    /// <summary>
    /// A volunteer checks in on their phone with the code the organiser shows, from half an hour before the start until
    /// the end. A wrong code is refused and counted: after <see cref="MaxWrongCodes"/> the volunteer asks the organiser.
    /// </summary>
    public async Task<ActivityResult> CheckInWithCodeAsync(string userName, long activityId, string? code, CancellationToken cancellationToken = default)
    {
        var (volunteer, activity, refused) = await VolunteerAndActivityAsync(userName, activityId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var signUp = await db.Set<SignUp>().AsNoTracking().FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == volunteer!.Id, cancellationToken);
        if (signUp is null || signUp.Status is SignUpStatus.Cancelled)
        {
            return ActivityResult.Refused(ActivityOutcome.NotFound, "signUp", new("您没有报名这个活动。", "You have not signed up for this activity."));
        }

        if (signUp.Status != SignUpStatus.SignedUp)
        {
            return new ActivityResult(ActivityOutcome.Unchanged, activity);
        }

        var now = Now;
        if (activity!.Status != ActivityStatus.Published || activity.ConfirmedUtc is not null || now < activity.StartsUtc - CheckInOpensBefore || now > activity.EndsUtc)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "code", new("签到时间为活动开始前半小时至活动结束。", "Check-in is open from half an hour before the start until the end."));
        }

        var tag = WrongCodeTag(activityId, volunteer!.Id);
        var wrong = (await audit.QueryAsync(new AuditQuery(PointsLedger.AuditCategory, "check-in-code-wrong", Text: tag, PageSize: 1), cancellationToken)).Total;
        if (wrong >= MaxWrongCodes)
        {
            return ActivityResult.Refused(ActivityOutcome.TooManyTries, "code", new("签到码输错次数过多，请找组织者签到。", "Too many wrong codes: ask the organiser to check you in."));
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes((code ?? "").Trim()), Encoding.UTF8.GetBytes(activity.CheckInCode)))
        {
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "check-in-code-wrong", Subject(activityId), $"Wrong check-in code {tag}"), cancellationToken);
            var left = MaxWrongCodes - wrong - 1;
            return ActivityResult.Refused(left > 0 ? ActivityOutcome.Invalid : ActivityOutcome.TooManyTries, "code",
                left > 0 ? new($"签到码不正确，还可以再试 {left} 次。", $"The code is wrong; {left} tries left.")
                    : new("签到码输错次数过多，请找组织者签到。", "Too many wrong codes: ask the organiser to check you in."));
        }

        var changed = await db.InTransactionAsync(async ct =>
        {
            var n = await db.Set<SignUp>().Where(s => s.Id == signUp.Id && s.Status == SignUpStatus.SignedUp)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignUpStatus.CheckedIn).SetProperty(x => x.CheckedInUtc, now).SetProperty(x => x.CheckedInBy, "code"), ct);
            if (n > 0)
            {
                await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "check-in", Subject(activityId), $"{volunteer.RealName} (volunteer:{volunteer.Id}) checked in with the code"), ct);
            }

            return n;
        }, cancellationToken);
        return new ActivityResult(changed > 0 ? ActivityOutcome.Done : ActivityOutcome.Unchanged, activity);
    }

    /// <summary>
    /// Confirms attendance once the activity has started: sign-ups never checked in become no-shows; the checked-in earn
    /// the activity's points (within the caps of the rules in force), or — where the rules ask for approval — wait for
    /// <see cref="ApproveAwardsAsync"/>. Confirming again awards nothing again (each award's ledger key is the pair).
    /// </summary>
    public async Task<ActivityResult> ConfirmAsync(long activityId, ClaimsPrincipal organiser, CancellationToken cancellationToken = default)
    {
        var (activity, refused) = await OrganisedAsync(activityId, organiser, PointsPermissions.Organise, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (activity!.Status == ActivityStatus.Completed || activity.ConfirmedUtc is not null)
        {
            return new ActivityResult(ActivityOutcome.Unchanged, activity);
        }

        if (activity.Status != ActivityStatus.Published)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "status", new("只有已发布的活动可以确认。", "Only a published activity can be confirmed."));
        }

        var now = Now;
        if (now < activity.StartsUtc)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "window", new("活动开始后才能确认到场情况。", "Attendance can be confirmed once the activity has started."));
        }

        // The grid before the transaction (its first load opens its own).
        var inForce = await rules.InForceAsync(activity.GridUnitCode, cancellationToken);
        var by = Name(organiser);
        var noShows = await db.InTransactionAsync(async ct =>
        {
            var confirmed = await db.Set<Activity>().Where(a => a.Id == activityId && a.Status == ActivityStatus.Published && a.ConfirmedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ConfirmedUtc, now).SetProperty(a => a.Version, a => a.Version + 1), ct);
            if (confirmed == 0)
            {
                return -1;
            }

            var n = await db.Set<SignUp>().Where(s => s.ActivityId == activityId && s.Status == SignUpStatus.SignedUp)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignUpStatus.NoShow), ct);
            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "confirm-activity", Subject(activityId),
                $"Confirmed by {by}: {n} no-shows{(inForce.AwardsNeedApproval ? "; awards await approval" : "")}"), ct);
            return n;
        }, cancellationToken);
        if (noShows < 0)
        {
            return new ActivityResult(ActivityOutcome.Unchanged, activity);
        }

        if (inForce.AwardsNeedApproval)
        {
            return new ActivityResult(ActivityOutcome.Done, await ReloadAsync(activityId, cancellationToken), NoShows: noShows);
        }

        var awarded = await AwardAsync(activity, inForce, by, cancellationToken);
        return new ActivityResult(ActivityOutcome.Done, await ReloadAsync(activityId, cancellationToken), Awarded: awarded, NoShows: noShows);
    }

    /// <summary>Approves the awards of a confirmed activity (where the rules ask for it): a second user, not the organiser.</summary>
    public async Task<ActivityResult> ApproveAwardsAsync(long activityId, ClaimsPrincipal approver, CancellationToken cancellationToken = default)
    {
        var (activity, refused) = await OrganisedAsync(activityId, approver, PointsPermissions.Approve, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (activity!.Status == ActivityStatus.Completed)
        {
            return new ActivityResult(ActivityOutcome.Unchanged, activity);
        }

        if (activity.Status != ActivityStatus.Published || activity.ConfirmedUtc is null)
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "status", new("活动尚未确认到场情况。", "The activity's attendance is not confirmed yet."));
        }

        var by = Name(approver);
        if (string.Equals(by, activity.Organiser, StringComparison.OrdinalIgnoreCase))
        {
            return ActivityResult.Refused(ActivityOutcome.NotAllowed, "approver", new("组织者不能审核自己活动的积分，请由另一位工作人员审核。", "The organiser cannot approve their own activity's awards: another member of staff does."));
        }

        var inForce = await rules.InForceAsync(activity.GridUnitCode, cancellationToken);
        await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "approve-awards", Subject(activityId), $"Awards approved by {by}"), cancellationToken);
        var awarded = await AwardAsync(activity, inForce, by, cancellationToken);
        return new ActivityResult(ActivityOutcome.Done, await ReloadAsync(activityId, cancellationToken), Awarded: awarded);
    }

    /// <summary>The code check-in tag of a volunteer's wrong tries (bracketed so that volunteer 2 never matches 23).</summary>
    internal static string WrongCodeTag(long activityId, long volunteerId) => $"[activity:{activityId} volunteer:{volunteerId}]";

    /// <summary>Writes each checked-in volunteer's earn (outside any transaction: the ledger runs its own), then completes the activity.</summary>
    private async Task<int> AwardAsync(Activity activity, PointRuleSet inForce, string actor, CancellationToken cancellationToken)
    {
        var checkedIn = await db.Set<SignUp>().AsNoTracking().Where(s => s.ActivityId == activity.Id && s.Status == SignUpStatus.CheckedIn).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var total = 0;
        foreach (var signUp in checkedIn)
        {
            var key = $"activity:{activity.Id}:volunteer:{signUp.VolunteerId}";
            var now = Now;
            // An award already written (a confirmation interrupted half-way) is kept as it is, whatever the caps say now.
            var earlier = await db.Set<PointEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == key, cancellationToken);
            long? entryId = earlier?.Id;
            if (earlier is null)
            {
                var allowed = activity.Points <= 0 ? 0 : await rules.AllowedAsync(inForce, signUp.VolunteerId, activity.Points, now, cancellationToken);
                if (allowed > 0)
                {
                    var result = await ledger.EarnAsync(new EarnRequest(signUp.VolunteerId, allowed, $"活动：{activity.Title}", "activity", activity.Id, activity.GridUnitCode,
                        PointRules.ExpiresAt(inForce, now), key), actor, cancellationToken);
                    entryId = result.Entry?.Id;
                    if (result.Status == LedgerStatus.Done)
                    {
                        total += (int)allowed;
                    }
                }
                else
                {
                    await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, "award-capped", Subject(activity.Id),
                        $"volunteer:{signUp.VolunteerId} earned nothing: the caps of the rules in force allow no more ({activity.Points} points)"), cancellationToken);
                }
            }

            await db.Set<SignUp>().Where(s => s.Id == signUp.Id && s.Status == SignUpStatus.CheckedIn)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignUpStatus.Awarded).SetProperty(x => x.EntryId, entryId), cancellationToken);
        }

        await db.Set<Activity>().Where(a => a.Id == activity.Id && a.Status == ActivityStatus.Published)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ActivityStatus.Completed).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
        return total;
    }

    private async Task<ActivityResult> ChangeStatusAsync(
        long id, ClaimsPrincipal user, ActivityStatus? from, ActivityStatus to, string? reason, string action, BilingualText notNow, CancellationToken cancellationToken)
    {
        var (activity, refused) = await OrganisedAsync(id, user, PointsPermissions.Organise, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var changed = await db.InTransactionAsync(async ct =>
        {
            var query = db.Set<Activity>().Where(a => a.Id == id && a.ConfirmedUtc == null);
            query = from is { } f ? query.Where(a => a.Status == f) : query.Where(a => a.Status == ActivityStatus.Draft || a.Status == ActivityStatus.Published);
            var n = await query.ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, to).SetProperty(a => a.CancelReason, a => reason ?? a.CancelReason)
                .SetProperty(a => a.Version, a => a.Version + 1), ct);
            if (n == 0)
            {
                return false;
            }

            if (to == ActivityStatus.Cancelled)
            {
                await db.Set<SignUp>().Where(s => s.ActivityId == id && (s.Status == SignUpStatus.SignedUp || s.Status == SignUpStatus.CheckedIn))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignUpStatus.Cancelled), ct);
            }

            await audit.RecordAsync(new AuditEvent(PointsLedger.AuditCategory, action, Subject(id), reason ?? activity!.Title), ct);
            return true;
        }, cancellationToken);
        return changed ? new ActivityResult(ActivityOutcome.Done, await ReloadAsync(id, cancellationToken))
            : ActivityResult.Refused(ActivityOutcome.NotAllowed, "status", notNow);
    }

    private async Task<(Activity? Activity, ActivityResult? Refused)> OrganisedAsync(long id, ClaimsPrincipal user, Permission permission, CancellationToken cancellationToken)
    {
        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return (null, new ActivityResult(ActivityOutcome.NotFound));
        }

        if (!await authorization.HasPermissionAsync(user, permission, activity))
        {
            return (activity, ActivityResult.Refused(ActivityOutcome.Forbidden, "permission", permission == PointsPermissions.Approve
                ? new("您没有审核这个网格单位积分的权限。", "You may not approve awards of this grid unit.") : NoPermission));
        }

        return (activity, null);
    }

    private async Task<(Volunteer? Volunteer, Activity? Activity, ActivityResult? Refused)> VolunteerAndActivityAsync(string userName, long activityId, CancellationToken cancellationToken)
    {
        var activity = await db.Set<Activity>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId && a.Status != ActivityStatus.Draft, cancellationToken);
        if (activity is null)
        {
            return (null, null, new ActivityResult(ActivityOutcome.NotFound));
        }

        var volunteer = string.IsNullOrWhiteSpace(userName) ? null
            : await db.Set<Volunteer>().AsNoTracking().FirstOrDefaultAsync(v => v.UserName == userName, cancellationToken);
        if (volunteer is null)
        {
            return (null, activity, ActivityResult.Refused(ActivityOutcome.NotAllowed, "volunteer", new("请先登记成为志愿者。", "Register as a volunteer first.")));
        }

        return (volunteer, activity, null);
    }

    private async Task<Dictionary<string, BilingualText>> ValidateAsync(ActivityInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var title = input.Title?.Trim() ?? "";
        if (title.Length is < 2 or > 100)
        {
            errors["title"] = new("标题应为 2 到 100 个字。", "The title is 2 to 100 characters.");
        }

        if (!Enum.IsDefined(input.Type))
        {
            errors["type"] = new("请选择活动类型。", "Choose the type of activity.");
        }

        if (string.IsNullOrWhiteSpace(input.GridUnitCode) || await grid.FindAsync(input.GridUnitCode.Trim(), cancellationToken) is null)
        {
            errors["gridUnitCode"] = new("请选择网格中的一个单位。", "Choose a unit of the grid.");
        }
        else if (!await authorization.HasPermissionAsync(user, PointsPermissions.Organise, new Activity { GridUnitCode = input.GridUnitCode.Trim() }))
        {
            errors["gridUnitCode"] = NoPermission;
        }

        if (input.Place?.Trim().Length > 200)
        {
            errors["place"] = new("地点不超过 200 字。", "The place is at most 200 characters.");
        }

        if (input.Description?.Trim().Length > 2000)
        {
            errors["description"] = new("说明不超过 2000 字。", "The description is at most 2,000 characters.");
        }

        if (input.EndsUtc <= input.StartsUtc)
        {
            errors["ends"] = new("结束时间应晚于开始时间。", "The end must be after the start.");
        }

        if (input.Capacity is < 0 or > 1000)
        {
            errors["capacity"] = new("名额应在 0 到 1000 之间（0 表示不限）。", "The capacity is 0 to 1,000 (0: no limit).");
        }

        if (input.SignUpClosesUtc <= input.SignUpOpensUtc)
        {
            errors["signUpCloses"] = new("报名截止应晚于报名开始。", "Sign-up must close after it opens.");
        }
        else if (input.SignUpClosesUtc > input.StartsUtc)
        {
            errors["signUpCloses"] = new("报名最晚在活动开始时截止。", "Sign-up closes at the latest when the activity starts.");
        }

        if (input.Points is < 0 or > 10_000)
        {
            errors["points"] = new("积分应在 0 到 10000 之间。", "Points are 0 to 10,000.");
        }

        return errors;
    }

    private static void Apply(Activity activity, ActivityInput input, int points)
    {
        activity.Title = input.Title.Trim();
        activity.Type = input.Type;
        activity.GridUnitCode = input.GridUnitCode.Trim();
        activity.Place = string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim();
        activity.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        activity.StartsUtc = input.StartsUtc;
        activity.EndsUtc = input.EndsUtc;
        activity.Capacity = input.Capacity;
        activity.SignUpOpensUtc = input.SignUpOpensUtc;
        activity.SignUpClosesUtc = input.SignUpClosesUtc;
        activity.Points = points;
    }

    private Task<Activity> ReloadAsync(long id, CancellationToken cancellationToken) =>
        db.Set<Activity>().AsNoTracking().FirstAsync(a => a.Id == id, cancellationToken);

    private static ActivityResult StaleResult() =>
        ActivityResult.Refused(ActivityOutcome.Stale, "stale", new("这个活动刚被他人修改过，请刷新后重新填写。", "Someone changed this activity meanwhile: reload the page and edit again."));

    private static string Name(ClaimsPrincipal user) => user?.Identity?.Name ?? "system";

    private static string Subject(long id) => $"activity:{id}";

    /// <summary>Rolls the transaction back and answers with <see cref="Result"/>.</summary>
    private sealed class Refusal(ActivityResult result) : Exception("The activity change was refused.")
    {
        public ActivityResult Result { get; } = result;
    }
}
