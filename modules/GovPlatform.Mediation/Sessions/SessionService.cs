using System.Globalization;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Mediation.Sessions;

/// <summary>
/// Mediation sessions (调解会): scheduled in person at a body or a place, or online (云调解); held with minutes, cancelled
/// or moved. Every command needs <see cref="MediationPermissions.Mediate"/> on the dispute's handling unit, runs in one
/// transaction with a line on the dispute's timeline (which never names participants) and is audited.
/// </summary>
public sealed partial class SessionService(
    TenantDbContext db,
    IGridDirectory grid,
    DisputeAccess access,
    DisputeLedger ledger,
    MediationSettingsStore settingsStore,
    IWorkingCalendarStore calendars,
    IAuditLog audit,
    TimeProvider clock)
{
    /// <summary>Most participants of one session.</summary>
    public const int MaxParticipants = 30;

    private static readonly BilingualText StaleMessage = new("这次调解会刚被他人修改，请刷新后再操作。", "Someone else changed this session at the same moment; reload it and try again.");
    private static readonly BilingualText ForbiddenMessage = new("您无权安排或处理这条纠纷的调解会。", "You may not schedule or handle sessions of this dispute.");

    /// <summary>A session by id (untracked).</summary>
    public Task<MediationSession?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.Set<MediationSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>A session's participants, in the order entered.</summary>
    public async Task<IReadOnlyList<SessionParticipant>> ParticipantsAsync(long sessionId, CancellationToken cancellationToken = default) =>
        await db.Set<SessionParticipant>().AsNoTracking().Where(p => p.SessionId == sessionId).OrderBy(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>Schedules a session of an open dispute.</summary>
    public async Task<SessionResult> ScheduleAsync(long disputeId, SessionPlan plan, IReadOnlyList<ParticipantInput> participants, DisputeActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(actor);
        var dispute = await ledger.FindAsync(disputeId, cancellationToken);
        if (dispute is null)
        {
            return new SessionResult(SessionResultStatus.NotFound);
        }

        if (actor.User is { } user && !await access.CanAsync(dispute, user, MediationPermissions.Mediate))
        {
            return SessionResult.Refused(SessionResultStatus.Forbidden, ForbiddenMessage);
        }

        if (dispute.IsClosed)
        {
            return SessionResult.Refused(SessionResultStatus.NotAllowed, new("这条纠纷已经结案，不能再安排调解会。", "This dispute is closed; no more sessions can be scheduled."));
        }

        // Everything that reads the grid, the calendar or the settings happens before the write transaction.
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = ValidatePlan(plan, now);
        await ValidateParticipantsAsync(participants, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return SessionResult.Invalid(errors);
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        await grid.GetAncestorsAsync(dispute.HandlingUnitCode, cancellationToken);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var tracked = await db.Set<Dispute>().FirstOrDefaultAsync(d => d.Id == disputeId, ct);
                if (tracked is null || tracked.IsClosed)
                {
                    return tracked is null
                        ? new SessionResult(SessionResultStatus.NotFound)
                        : SessionResult.Refused(SessionResultStatus.NotAllowed, new("这条纠纷已经结案，不能再安排调解会。", "This dispute is closed; no more sessions can be scheduled."));
                }

                var inside = await CheckBodyAsync(plan, calendar, null, ct);
                await CheckMediatorsAsync(participants, inside, ct);
                if (inside.Count > 0)
                {
                    db.ChangeTracker.Clear();
                    return SessionResult.Invalid(inside);
                }

                var session = new MediationSession
                {
                    DisputeId = disputeId,
                    Mode = plan.Mode,
                    Status = SessionStatus.Scheduled,
                    StartsUtc = plan.StartsUtc,
                    DurationMinutes = plan.DurationMinutes,
                    BodyId = plan.BodyId,
                    Place = Blank(plan.Place),
                    MeetingUrl = plan.Mode == SessionMode.Online ? plan.MeetingUrl!.Trim() : null,
                    CreatedBy = actor.Name,
                    CreatedUtc = now,
                    Version = 1,
                };
                db.Add(session);
                await db.SaveChangesAsync(ct);
                foreach (var p in participants)
                {
                    db.Add(new SessionParticipant
                    {
                        SessionId = session.Id,
                        Role = p.Role,
                        Name = p.Name.Trim(),
                        Organisation = Blank(p.Organisation),
                        GridUnitCode = Blank(p.GridUnitCode),
                        Phone = Blank(p.Phone),
                        MediatorId = p.MediatorId,
                    });
                }

                await ledger.AppendEventAsync(tracked, "Session", await DescribeAsync(session, calendar, ct), actor, ct);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(DisputeAccess.AuditCategory, "schedule-session", tracked.Number,
                    $"Session {session.Id}: {session.Mode} at {session.StartsUtc:u}, {session.DurationMinutes} min, {participants.Count} participants"), ct);
                return new SessionResult(SessionResultStatus.Done, session);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The dispute's version or timeline sequence: another change to it landed first.
            db.ChangeTracker.Clear();
            return SessionResult.Refused(SessionResultStatus.Stale, new("这条纠纷刚被他人更新，请刷新后再操作。", "Someone else changed this dispute at the same moment; reload it and try again."));
        }
    }

    /// <summary>Records that a session was held: its minutes (required) and whether it reached the agreement.</summary>
    public Task<SessionResult> RecordAsync(long sessionId, string minutes, bool agreementReached, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(minutes) || minutes.Trim().Length > 8000)
        {
            return Task.FromResult(SessionResult.Invalid("minutes", new("请填写调解笔录（不超过 8000 字）。", "Enter the minutes (at most 8000 characters).")));
        }

        return ChangeAsync(sessionId, actor, expectedVersion, allowClosedDispute: true, async (session, dispute, calendar, ct) =>
        {
            if (session.StartsUtc > clock.GetUtcNow().UtcDateTime)
            {
                return Fail("", new("调解会还没有开始，开始后才能记录笔录。", "The session has not started yet; record its minutes once it has."));
            }

            session.Status = SessionStatus.Held;
            session.Minutes = minutes.Trim();
            session.AgreementReached = agreementReached;
            return await Task.FromResult(new Change("SessionHeld", agreementReached
                ? $"调解会（{Local(session.StartsUtc, calendar)}）已召开，达成调解协议。"
                : $"调解会（{Local(session.StartsUtc, calendar)}）已召开，未达成协议。", "record-session"));
        }, cancellationToken);
    }

    /// <summary>Cancels a scheduled session, with the reason.</summary>
    public Task<SessionResult> CancelAsync(long sessionId, string reason, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Task.FromResult(SessionResult.Invalid("reason", new("请说明取消原因（不超过 500 字）。", "Say why it is cancelled (at most 500 characters).")));
        }

        return ChangeAsync(sessionId, actor, expectedVersion, allowClosedDispute: true, async (session, dispute, calendar, ct) =>
        {
            session.Status = SessionStatus.Cancelled;
            session.CancelReason = reason.Trim();
            return await Task.FromResult(new Change("SessionCancelled", $"调解会（{Local(session.StartsUtc, calendar)}）已取消：{reason.Trim()}", "cancel-session"));
        }, cancellationToken);
    }

    /// <summary>Moves a scheduled session to another time, mode or place (same rules as scheduling); the reminder goes out again.</summary>
    public async Task<SessionResult> RescheduleAsync(long sessionId, SessionPlan plan, DisputeActor actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = ValidatePlan(plan, clock.GetUtcNow().UtcDateTime);
        if (errors.Count > 0)
        {
            return SessionResult.Invalid(errors);
        }

        return await ChangeAsync(sessionId, actor, expectedVersion, allowClosedDispute: false, async (session, dispute, calendar, ct) =>
        {
            var inside = await CheckBodyAsync(plan, calendar, session.Id, ct);
            if (inside.Count > 0)
            {
                return new Change(null, null, null, inside);
            }

            var before = Local(session.StartsUtc, calendar);
            session.Mode = plan.Mode;
            session.StartsUtc = plan.StartsUtc;
            session.DurationMinutes = plan.DurationMinutes;
            session.BodyId = plan.BodyId;
            session.Place = Blank(plan.Place);
            session.MeetingUrl = plan.Mode == SessionMode.Online ? plan.MeetingUrl!.Trim() : null;
            session.RemindedUtc = null;   // a new time deserves a new reminder
            return new Change("SessionMoved", $"调解会由 {before} 改为：{await DescribeAsync(session, calendar, ct)}", "reschedule-session");
        }, cancellationToken);
    }

    /// <summary>Why the time, length, mode and place cannot be used, by field (checks that need no database).</summary>
    private static Dictionary<string, BilingualText> ValidatePlan(SessionPlan plan, DateTime now)
    {
        var errors = new Dictionary<string, BilingualText>();
        if (!Enum.IsDefined(plan.Mode))
        {
            errors["mode"] = new("请选择调解方式。", "Choose how the session is held.");
        }

        if (plan.StartsUtc <= now)
        {
            errors["startsAt"] = new("开始时间须在现在之后。", "The start must be in the future.");
        }

        if (plan.DurationMinutes is < 15 or > 480)
        {
            errors["durationMinutes"] = new("时长应在 15 到 480 分钟之间。", "The length must be between 15 and 480 minutes.");
        }

        if (plan.Mode == SessionMode.InPerson && plan.BodyId is null && string.IsNullOrWhiteSpace(plan.Place))
        {
            errors["bodyId"] = new("现场调解请选择调解组织，或填写地点。", "For a session in person, choose a body or enter the place.");
        }

        if (plan.Place is { } place && place.Trim().Length > 200)
        {
            errors["place"] = new("地点不能超过 200 字。", "The place may have at most 200 characters.");
        }

        if (plan.Mode == SessionMode.Online
            && (string.IsNullOrWhiteSpace(plan.MeetingUrl) || plan.MeetingUrl.Trim().Length > 500
                || !Uri.TryCreate(plan.MeetingUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(url.Host)))
        {
            errors["meetingUrl"] = new("云调解请填写以 https:// 开头的会议链接。", "For cloud mediation, enter the meeting's link starting with https://.");
        }

        return errors;
    }

    private async Task ValidateParticipantsAsync(IReadOnlyList<ParticipantInput> participants, Dictionary<string, BilingualText> errors, CancellationToken cancellationToken)
    {
        if (participants.Count is 0 or > MaxParticipants)
        {
            errors["participants"] = new($"请填写 1 到 {MaxParticipants} 名参加人员。", $"Enter 1 to {MaxParticipants} participants.");
            return;
        }

        var depth = (await settingsStore.GetAsync(cancellationToken)).ReportingDepth;
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            if (!Enum.IsDefined(p.Role))
            {
                errors[$"p{i}.role"] = new("请选择参加身份。", "Choose the participant's role.");
            }

            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length > 50)
            {
                errors[$"p{i}.name"] = new("请填写姓名（不超过 50 字）。", "Enter the name (at most 50 characters).");
            }

            if (p.Organisation is { } organisation && organisation.Trim().Length > 100)
            {
                errors[$"p{i}.organisation"] = new("单位不能超过 100 字。", "The organisation may have at most 100 characters.");
            }

            if (!string.IsNullOrWhiteSpace(p.Phone) && !PhonePattern().IsMatch(p.Phone.Trim()))
            {
                errors[$"p{i}.phone"] = new("电话号码格式不正确。", "The phone number is not valid.");
            }

            // Participants come from a level (社区、街道、区): a grid cell below the community is not a level.
            if (!string.IsNullOrWhiteSpace(p.GridUnitCode)
                && (await grid.FindAsync(p.GridUnitCode.Trim(), cancellationToken) is not { } unit || unit.Depth > depth))
            {
                errors[$"p{i}.unit"] = new("请选择社区及以上的一个层级单位。", "Choose a unit at community level or above.");
            }
        }
    }

    private async Task CheckMediatorsAsync(IReadOnlyList<ParticipantInput> participants, Dictionary<string, BilingualText> errors, CancellationToken cancellationToken)
    {
        for (var i = 0; i < participants.Count; i++)
        {
            if (participants[i].MediatorId is { } id && !await db.Set<Mediator>().AnyAsync(m => m.Id == id && m.Active, cancellationToken))
            {
                errors[$"p{i}.mediatorId"] = new("请选择一名在岗调解员。", "Choose an active mediator.");
            }
        }
    }

    /// <summary>
    /// The body's rules, inside the transaction: active; on a working day of the calendar within its hours; not more
    /// sessions that day than its capacity. The body's row is touched first so that two schedulers of the same body
    /// queue up here instead of both seeing a free slot.
    /// </summary>
    private async Task<Dictionary<string, BilingualText>> CheckBodyAsync(SessionPlan plan, WorkingCalendar calendar, long? sessionId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>();
        if (plan.BodyId is not { } bodyId)
        {
            return errors;
        }

        await db.Set<MediationBody>().Where(b => b.Id == bodyId).ExecuteUpdateAsync(s => s.SetProperty(b => b.UpdatedUtc, b => b.UpdatedUtc), cancellationToken);
        var body = await db.Set<MediationBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId && b.Active, cancellationToken);
        if (body is null)
        {
            errors["bodyId"] = new("请选择一个在用的调解组织。", "Choose an active mediation body.");
            return errors;
        }

        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(plan.StartsUtc, DateTimeKind.Utc), calendar.TimeZone);
        var end = start.AddMinutes(plan.DurationMinutes);
        var day = DateOnly.FromDateTime(start);
        if (!calendar.IsWorkingDay(day))
        {
            errors["startsAt"] = new($"{body.Name} 只在工作日开放，{day:yyyy-MM-dd} 不是工作日。", $"{body.EnglishName} is open on working days only; {day:yyyy-MM-dd} is not one.");
            return errors;
        }

        if ((body.OpensAt is { } opens && TimeOnly.FromDateTime(start) < opens)
            || (body.ClosesAt is { } closes && (end.Date > start.Date || TimeOnly.FromDateTime(end) > closes)))
        {
            var hours = $"{body.OpensAt?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "00:00"}–{body.ClosesAt?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "24:00"}";
            errors["startsAt"] = new($"{body.Name} 的开放时间是 {hours}，调解会须在此时间内开始并结束。", $"{body.EnglishName} is open {hours}; the session must start and end within these hours.");
            return errors;
        }

        if (body.Capacity > 0)
        {
            var from = calendar.ToUtc(day, TimeOnly.MinValue).UtcDateTime;
            var to = calendar.ToUtc(day.AddDays(1), TimeOnly.MinValue).UtcDateTime;
            var taken = await db.Set<MediationSession>().CountAsync(s => s.BodyId == bodyId && s.StartsUtc >= from && s.StartsUtc < to
                && (s.Status == SessionStatus.Scheduled || s.Status == SessionStatus.Held) && (sessionId == null || s.Id != sessionId), cancellationToken);
            if (taken >= body.Capacity)
            {
                errors["startsAt"] = new($"{body.Name} 在 {day:yyyy-MM-dd} 已安排 {taken} 场调解会，已达每天 {body.Capacity} 场的上限，请另选日期或地点。",
                    $"{body.EnglishName} already has {taken} sessions on {day:yyyy-MM-dd}, its limit of {body.Capacity} a day; choose another day or place.");
            }
        }

        return errors;
    }

    private async Task<SessionResult> ChangeAsync(
        long sessionId,
        DisputeActor actor,
        int? expectedVersion,
        bool allowClosedDispute,
        Func<MediationSession, Dispute, WorkingCalendar, CancellationToken, Task<Change>> change,
        CancellationToken cancellationToken)
    {
        var current = await FindAsync(sessionId, cancellationToken);
        var dispute = current is null ? null : await ledger.FindAsync(current.DisputeId, cancellationToken);
        if (current is null || dispute is null)
        {
            return new SessionResult(SessionResultStatus.NotFound);
        }

        if (actor.User is { } user && !await access.CanAsync(dispute, user, MediationPermissions.Mediate))
        {
            return SessionResult.Refused(SessionResultStatus.Forbidden, ForbiddenMessage);
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        await grid.GetAncestorsAsync(dispute.HandlingUnitCode, cancellationToken);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var session = await db.Set<MediationSession>().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
                var tracked = await db.Set<Dispute>().FirstOrDefaultAsync(d => d.Id == current.DisputeId, ct);
                if (session is null || tracked is null)
                {
                    return new SessionResult(SessionResultStatus.NotFound);
                }

                if (expectedVersion is { } expected && expected != session.Version)
                {
                    return SessionResult.Refused(SessionResultStatus.Stale, StaleMessage);
                }

                if (session.Status != SessionStatus.Scheduled)
                {
                    return SessionResult.Refused(SessionResultStatus.NotAllowed, new($"这次调解会{MediationNames.SessionStatus(session.Status).Chinese}，不能再修改。",
                        $"This session is {MediationNames.SessionStatus(session.Status).English.ToLowerInvariant()}; it cannot be changed any more."));
                }

                if (tracked.IsClosed && !allowClosedDispute)
                {
                    return SessionResult.Refused(SessionResultStatus.NotAllowed, new("这条纠纷已经结案。", "This dispute is closed."));
                }

                var step = await change(session, tracked, calendar, ct);
                if (step.Errors is { Count: > 0 } errors)
                {
                    db.ChangeTracker.Clear();
                    return SessionResult.Invalid(errors);
                }

                session.Version++;
                await ledger.AppendEventAsync(tracked, step.Action!, step.Note, actor, ct);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(DisputeAccess.AuditCategory, step.AuditAction!, tracked.Number, $"Session {session.Id}: {session.Status}"), ct);
                return new SessionResult(SessionResultStatus.Done, session);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The session's or the dispute's version: another change landed first.
            db.ChangeTracker.Clear();
            return SessionResult.Refused(SessionResultStatus.Stale, StaleMessage);
        }
    }

    /// <summary>The timeline's words for a session: mode, local time, length and where; never who takes part.</summary>
    private async Task<string> DescribeAsync(MediationSession session, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var where = session.Mode == SessionMode.Online
            ? "线上会议"
            : session.BodyId is { } bodyId
                ? await db.Set<MediationBody>().AsNoTracking().Where(b => b.Id == bodyId).Select(b => b.Name).FirstOrDefaultAsync(cancellationToken) ?? ""
                : session.Place ?? "";
        return $"{MediationNames.SessionMode(session.Mode).Chinese} {Local(session.StartsUtc, calendar)}，{session.DurationMinutes} 分钟，{where}";
    }

    private static string Local(DateTime utc, WorkingCalendar calendar) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), calendar.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static Change Fail(string field, BilingualText message) => new(null, null, null, new Dictionary<string, BilingualText> { [field] = message });

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^(\+?86)?[0-9\-]{7,20}$")]
    private static partial Regex PhonePattern();

    /// <summary>What a change did: the timeline action and note, the audit action, or why it was refused.</summary>
    private sealed record Change(string? Action, string? Note, string? AuditAction, IReadOnlyDictionary<string, BilingualText>? Errors = null);
}
