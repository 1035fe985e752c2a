using System.Globalization;
using System.Security.Claims;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Security;
using GovPlatform.Mediation.Services;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Mediation.Sessions;

/// <summary>
/// The sessions' pages: <c>admin/mediation/sessions</c> (upcoming and recent sessions of the disputes the user sees),
/// <c>admin/mediation/disputes/{id}/sessions</c> (a dispute's sessions and the schedule form) and
/// <c>admin/mediation/sessions/{id}</c> (minutes, cancel, reschedule). Seeing is the gate; acting is the service's
/// check of <see cref="MediationPermissions.Mediate"/> on the dispute. Every read of a dispute's sessions is audited.
/// </summary>
internal static class SessionEndpoints
{
    /// <summary>Participant rows the schedule form offers at least.</summary>
    internal const int FormRows = 6;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/admin/mediation/sessions", ListAsync).RequirePermission(MediationPermissions.View);
        endpoints.MapGetShared("/admin/mediation/sessions/{id:long}", SessionAsync).RequirePermission(MediationPermissions.View);
        endpoints.MapPostShared("/admin/mediation/sessions/{id:long}/{action}", ActAsync).RequirePermission(MediationPermissions.View);
        endpoints.MapGetShared("/admin/mediation/disputes/{id:long}/sessions", DisputeSessionsAsync).RequirePermission(MediationPermissions.View);
        endpoints.MapPostShared("/admin/mediation/disputes/{id:long}/sessions", ScheduleAsync).RequirePermission(MediationPermissions.View);
    }

    private static async Task<IResult> ListAsync(
        string? body, string? mode, string? date, HttpContext context, TenantDbContext db, DisputeAccess access, IWorkingCalendarStore calendars,
        ITenant tenant, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        long? bodyId = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            if (long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                bodyId = b;
            }
            else
            {
                errors["body"] = Text(new("请选择调解组织。", "Choose a body."));
            }
        }

        SessionMode? modeFilter = null;
        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (Enum.TryParse<SessionMode>(mode, out var m) && Enum.IsDefined(m))
            {
                modeFilter = m;
            }
            else
            {
                errors["mode"] = Text(new("请选择调解方式。", "Choose a mode."));
            }
        }

        var calendar = await calendars.GetAsync(ct);
        DateTime? dayFrom = null, dayTo = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                dayFrom = calendar.ToUtc(day, TimeOnly.MinValue).UtcDateTime;
                dayTo = calendar.ToUtc(day.AddDays(1), TimeOnly.MinValue).UtcDateTime;
            }
            else
            {
                errors["date"] = Text(new("日期格式应为 2026-12-01。", "Enter the date as 2026-12-01."));
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        IReadOnlyList<SessionRow> upcoming = [], recent = [];
        if (errors.Count == 0)
        {
            var disputes = await access.ScopeAsync(db.Set<Dispute>().AsNoTracking(), context.User, ct);
            var rows = from s in db.Set<MediationSession>().AsNoTracking()
                       join d in disputes on s.DisputeId equals d.Id
                       select new { s, d.Number, d.Title };
            if (bodyId is { } id)
            {
                rows = rows.Where(r => r.s.BodyId == id);
            }

            if (modeFilter is { } chosen)
            {
                rows = rows.Where(r => r.s.Mode == chosen);
            }

            if (dayFrom is { } from && dayTo is { } to)
            {
                rows = rows.Where(r => r.s.StartsUtc >= from && r.s.StartsUtc < to);
            }

            var recentFrom = dayFrom ?? now.AddDays(-30);
            upcoming = await rows.Where(r => r.s.Status == SessionStatus.Scheduled && r.s.StartsUtc >= now).OrderBy(r => r.s.StartsUtc).Take(200)
                .Select(r => new SessionRow(r.s.Id, r.s.DisputeId, r.Number, r.Title, r.s.Mode, r.s.Status, r.s.StartsUtc, r.s.DurationMinutes, r.s.BodyId, r.s.Place))
                .ToListAsync(ct);
            recent = await rows.Where(r => (r.s.Status != SessionStatus.Scheduled || r.s.StartsUtc < now) && r.s.StartsUtc >= recentFrom).OrderByDescending(r => r.s.StartsUtc).Take(200)
                .Select(r => new SessionRow(r.s.Id, r.s.DisputeId, r.Number, r.Title, r.s.Mode, r.s.Status, r.s.StartsUtc, r.s.DurationMinutes, r.s.BodyId, r.s.Place))
                .ToListAsync(ct);
        }

        var bodies = await db.Set<MediationBody>().AsNoTracking().OrderBy(b => b.GridUnitCode).ThenBy(b => b.Name).ToListAsync(ct);
        return ComponentPage.Render<SessionsPage>(context, new
        {
            Upcoming = upcoming,
            Recent = recent,
            Bodies = bodies.ToDictionary(b => b.Id, b => English ? b.EnglishName : b.Name),
            Body = body ?? "",
            Mode = mode ?? "",
            Date = date ?? "",
            Errors = errors,
            TimeZoneId = tenant.TimeZone,
        }, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> DisputeSessionsAsync(long id, string? done, HttpContext context, DisputeAccess access, DisputeLedger ledger, CancellationToken ct)
    {
        if (await ledger.FindAsync(id, ct) is not { } dispute || !await access.CanViewAsync(dispute, context.User, ct))
        {
            return Results.NotFound();
        }

        return await RenderDisputeAsync(context, dispute, SessionPlanForm.Empty, [.. Enumerable.Repeat(ParticipantRow.Empty, FormRows)], new Dictionary<string, string>(),
            done == "scheduled" ? Text(new("调解会已安排。", "The session is scheduled.")) : null, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> ScheduleAsync(long id, IFormCollection form, HttpContext context, DisputeAccess access, DisputeLedger ledger, SessionService sessions,
        TenantDbContext db, IWorkingCalendarStore calendars, CancellationToken ct)
    {
        if (await ledger.FindAsync(id, ct) is not { } dispute || !await access.CanViewAsync(dispute, context.User, ct))
        {
            return Results.NotFound();
        }

        var planForm = PlanForm(form);
        var rows = new List<ParticipantRow>();
        for (var i = 0; form.ContainsKey($"p{i}.name") || form.ContainsKey($"p{i}.role"); i++)
        {
            rows.Add(new ParticipantRow(form[$"p{i}.role"], form[$"p{i}.name"], form[$"p{i}.organisation"], form[$"p{i}.unit"], form[$"p{i}.phone"], form[$"p{i}.mediatorId"]));
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var plan = await ParsePlanAsync(planForm, calendars, errors, ct);
        var participants = new List<ParticipantInput>();
        var rowOf = new List<int>();
        var mediators = await db.Set<Mediator>().AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsBlank)
            {
                continue;
            }

            if (!Enum.TryParse<ParticipantRole>(row.Role, out var role) || !Enum.IsDefined(role))
            {
                errors[$"p{i}.role"] = new("请选择参加身份。", "Choose the participant's role.");
                continue;
            }

            long? mediatorId = null;
            if (!string.IsNullOrWhiteSpace(row.MediatorId))
            {
                if (!long.TryParse(row.MediatorId, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
                {
                    errors[$"p{i}.mediatorId"] = new("请选择一名在岗调解员。", "Choose an active mediator.");
                    continue;
                }

                mediatorId = m;
            }

            // A mediator chosen from the list needs no name typed.
            var name = string.IsNullOrWhiteSpace(row.Name) && mediatorId is { } chosen ? mediators.GetValueOrDefault(chosen) ?? "" : row.Name ?? "";
            participants.Add(new ParticipantInput(role, name, row.Organisation, row.Unit, row.Phone, mediatorId));
            rowOf.Add(i);
        }

        if (errors.Count == 0 && plan is not null)
        {
            var result = await sessions.ScheduleAsync(id, plan, participants, DisputeActor.Staff(context.User), ct);
            if (result.Succeeded)
            {
                return Results.Redirect(context.TenantPath($"admin/mediation/disputes/{id}/sessions?done=scheduled"));
            }

            foreach (var (field, message) in result.Errors ?? new Dictionary<string, BilingualText>())
            {
                // The service counts entered participants; the form counts its rows, blank ones included.
                errors[RowField(field, rowOf)] = message;
            }

            var status = result.Status switch
            {
                SessionResultStatus.Forbidden => StatusCodes.Status403Forbidden,
                SessionResultStatus.NotFound => StatusCodes.Status404NotFound,
                SessionResultStatus.NotAllowed or SessionResultStatus.Stale => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            return await RenderDisputeAsync(context, dispute, planForm, Padded(rows), Texts(errors), null, status, ct);
        }

        return await RenderDisputeAsync(context, dispute, planForm, Padded(rows), Texts(errors), null, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> SessionAsync(long id, string? done, HttpContext context, DisputeAccess access, DisputeLedger ledger, SessionService sessions, CancellationToken ct)
    {
        if (await sessions.FindAsync(id, ct) is not { } session || await ledger.FindAsync(session.DisputeId, ct) is not { } dispute
            || !await access.CanViewAsync(dispute, context.User, ct))
        {
            return Results.NotFound();
        }

        BilingualText? notice = done switch
        {
            "record" => new BilingualText("调解笔录已保存。", "The minutes are saved."),
            "cancel" => new BilingualText("调解会已取消。", "The session is cancelled."),
            "reschedule" => new BilingualText("调解会已改期。", "The session is rescheduled."),
            _ => null,
        };
        return await RenderSessionAsync(context, session, dispute, null, PlanOf(session, context), new Dictionary<string, string>(), notice is { } shown ? Text(shown) : null, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> ActAsync(long id, string action, IFormCollection form, HttpContext context, DisputeAccess access, DisputeLedger ledger, SessionService sessions,
        IWorkingCalendarStore calendars, CancellationToken ct)
    {
        if (action is not ("record" or "cancel" or "reschedule") || await sessions.FindAsync(id, ct) is not { } session
            || await ledger.FindAsync(session.DisputeId, ct) is not { } dispute || !await access.CanViewAsync(dispute, context.User, ct))
        {
            return Results.NotFound();
        }

        int? version = int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var actor = DisputeActor.Staff(context.User);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var planForm = action == "reschedule" ? PlanForm(form) : PlanOf(session, context);
        SessionResult? result = null;
        switch (action)
        {
            case "record":
                result = await sessions.RecordAsync(id, form["minutes"].ToString(), form["agreementReached"] == "true", actor, version, ct);
                break;
            case "cancel":
                result = await sessions.CancelAsync(id, form["reason"].ToString(), actor, version, ct);
                break;
            default:
                var plan = await ParsePlanAsync(planForm, calendars, errors, ct);
                if (plan is not null && errors.Count == 0)
                {
                    result = await sessions.RescheduleAsync(id, plan, actor, version, ct);
                }

                break;
        }

        if (result is { Succeeded: true })
        {
            return Results.Redirect(context.TenantPath($"admin/mediation/sessions/{id}?done={action}"));
        }

        foreach (var (field, message) in result?.Errors ?? new Dictionary<string, BilingualText>())
        {
            errors[field] = message;
        }

        var status = result?.Status switch
        {
            SessionResultStatus.Forbidden => StatusCodes.Status403Forbidden,
            SessionResultStatus.NotAllowed or SessionResultStatus.Stale => StatusCodes.Status409Conflict,
            SessionResultStatus.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        var current = await sessions.FindAsync(id, ct) ?? session;
        return await RenderSessionAsync(context, current, dispute, action, planForm, Texts(errors), null, status, ct,
            minutes: form["minutes"].ToString(), agreement: form["agreementReached"] == "true", reason: form["reason"].ToString(), postedVersion: form["version"].ToString());
    }

    private static async Task<IResult> RenderDisputeAsync(HttpContext context, Dispute dispute, SessionPlanForm plan, IReadOnlyList<ParticipantRow> rows,
        IReadOnlyDictionary<string, string> errors, string? notice, int status, CancellationToken ct)
    {
        var services = context.RequestServices;
        var db = services.GetRequiredService<TenantDbContext>();
        var access = services.GetRequiredService<DisputeAccess>();
        var canSee = await access.CanSeePartiesAsync(dispute, context.User, ct);
        var sessions = await db.Set<MediationSession>().AsNoTracking().Where(s => s.DisputeId == dispute.Id).OrderByDescending(s => s.StartsUtc).ToListAsync(ct);
        var views = new List<SessionView>();
        foreach (var session in sessions)
        {
            views.Add(await ViewAsync(services, session, canSee, ct));
        }

        await access.AuditReadAsync(dispute, "sessions page", canSee, ct);
        var canSchedule = !dispute.IsClosed && await access.CanAsync(dispute, context.User, MediationPermissions.Mediate);
        return ComponentPage.Render<DisputeSessionsPage>(context, new
        {
            Dispute = dispute,
            Sessions = views,
            CanSchedule = canSchedule,
            Plan = plan,
            Rows = rows,
            Choices = canSchedule ? await ChoicesAsync(services, ct) : new SessionChoices([], [], []),
            Errors = errors,
            Notice = notice,
            TimeZoneId = services.GetRequiredService<ITenant>().TimeZone,
        }, status);
    }

    private static async Task<IResult> RenderSessionAsync(HttpContext context, MediationSession session, Dispute dispute, string? failedAction, SessionPlanForm plan,
        IReadOnlyDictionary<string, string> errors, string? notice, int status, CancellationToken ct,
        string? minutes = null, bool agreement = false, string? reason = null, string? postedVersion = null)
    {
        var services = context.RequestServices;
        var access = services.GetRequiredService<DisputeAccess>();
        var canSee = await access.CanSeePartiesAsync(dispute, context.User, ct);
        var view = await ViewAsync(services, session, canSee, ct);
        await access.AuditReadAsync(dispute, $"session {session.Id}", canSee, ct);
        var canAct = session.Status == SessionStatus.Scheduled && await access.CanAsync(dispute, context.User, MediationPermissions.Mediate);
        return ComponentPage.Render<SessionPage>(context, new
        {
            Dispute = dispute,
            View = view,
            CanAct = canAct,
            CanReschedule = canAct && !dispute.IsClosed,
            FailedAction = failedAction,
            Plan = plan,
            Choices = canAct ? await ChoicesAsync(services, ct) : new SessionChoices([], [], []),
            Minutes = minutes ?? "",
            AgreementReached = agreement,
            Reason = reason ?? "",
            Version = postedVersion is { Length: > 0 } ? postedVersion : session.Version.ToString(CultureInfo.InvariantCulture),
            Errors = errors,
            Notice = notice,
            TimeZoneId = services.GetRequiredService<ITenant>().TimeZone,
        }, status);
    }

    /// <summary>A session as the reader may see it: party participants' names and everyone's phones only for those who may see the parties.</summary>
    private static async Task<SessionView> ViewAsync(IServiceProvider services, MediationSession session, bool canSeeParties, CancellationToken ct)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var grid = services.GetRequiredService<IGridDirectory>();
        var participants = await services.GetRequiredService<SessionService>().ParticipantsAsync(session.Id, ct);
        var views = new List<ParticipantView>();
        foreach (var p in participants)
        {
            var unit = p.GridUnitCode is { } code ? await grid.FindAsync(code, ct) : null;
            var hidden = p.Role == ParticipantRole.Party && !canSeeParties;
            views.Add(new ParticipantView(p.Role, hidden ? null : p.Name, hidden ? null : p.Organisation,
                unit is null ? p.GridUnitCode : English ? unit.EnglishName ?? unit.Name : unit.Name, canSeeParties ? p.Phone : null, hidden));
        }

        var body = session.BodyId is { } bodyId ? await db.Set<MediationBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, ct) : null;
        return new SessionView(session, body is null ? null : English ? body.EnglishName : body.Name, views, canSeeParties);
    }

    private static async Task<SessionChoices> ChoicesAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var grid = services.GetRequiredService<IGridDirectory>();
        var depth = (await services.GetRequiredService<MediationSettingsStore>().GetAsync(ct)).ReportingDepth;
        var bodies = await db.Set<MediationBody>().AsNoTracking().Where(b => b.Active).OrderBy(b => b.GridUnitCode).ThenBy(b => b.Name).ToListAsync(ct);
        var mediators = await (from m in db.Set<Mediator>().AsNoTracking()
                               join b in db.Set<MediationBody>().AsNoTracking() on m.BodyId equals b.Id
                               where m.Active
                               orderby b.Name, m.Name
                               select new { m.Id, m.Name, Body = b.Name, b.EnglishName }).ToListAsync(ct);
        var units = new List<SessionOption>();
        foreach (var root in await grid.GetChildrenAsync(null, ct))
        {
            foreach (var unit in await grid.GetSubtreeAsync(root.Code, ct))
            {
                if (unit.Depth <= depth)
                {
                    units.Add(new SessionOption(unit.Code, $"{new string('　', unit.Depth - 1)}{(English ? unit.EnglishName ?? unit.Name : unit.Name)}"));
                }
            }
        }

        return new SessionChoices(
            [.. bodies.Select(b => new SessionOption(b.Id.ToString(CultureInfo.InvariantCulture), English ? b.EnglishName : b.Name))],
            [.. mediators.Select(m => new SessionOption(m.Id.ToString(CultureInfo.InvariantCulture), $"{m.Name}（{(English ? m.EnglishName : m.Body)}）"))],
            units);
    }

    private static SessionPlanForm PlanForm(IFormCollection form) =>
        new(form["mode"], form["startsAt"], form["durationMinutes"], form["bodyId"], form["place"], form["meetingUrl"]);

    private static SessionPlanForm PlanOf(MediationSession session, HttpContext context)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(context.RequestServices.GetRequiredService<ITenant>().TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(session.StartsUtc, DateTimeKind.Utc), zone);
        return new(session.Mode.ToString(), local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), session.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            session.BodyId?.ToString(CultureInfo.InvariantCulture) ?? "", session.Place ?? "", session.MeetingUrl ?? "");
    }

    /// <summary>The typed plan as a <see cref="SessionPlan"/>, the local time read in the tenant's zone; null (with errors) when it does not parse.</summary>
    private static async Task<SessionPlan?> ParsePlanAsync(SessionPlanForm form, IWorkingCalendarStore calendars, Dictionary<string, BilingualText> errors, CancellationToken ct)
    {
        if (!Enum.TryParse<SessionMode>(form.Mode, out var mode) || !Enum.IsDefined(mode))
        {
            errors["mode"] = new("请选择调解方式。", "Choose how the session is held.");
        }

        DateTime? starts = null;
        if (DateTime.TryParseExact(form.StartsAt?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            starts = (await calendars.GetAsync(ct)).ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)).UtcDateTime;
        }
        else
        {
            errors["startsAt"] = new("请填写开始时间（如 2026-12-01 09:30）。", "Enter the start (e.g. 2026-12-01 09:30).");
        }

        if (!int.TryParse(form.DurationMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var duration))
        {
            errors["durationMinutes"] = new("时长应在 15 到 480 分钟之间。", "The length must be between 15 and 480 minutes.");
        }

        long? bodyId = null;
        if (!string.IsNullOrWhiteSpace(form.BodyId))
        {
            if (long.TryParse(form.BodyId, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                bodyId = b;
            }
            else
            {
                errors["bodyId"] = new("请选择一个在用的调解组织。", "Choose an active mediation body.");
            }
        }

        return starts is { } s && errors.Count == 0
            ? new SessionPlan { Mode = mode, StartsUtc = s, DurationMinutes = duration, BodyId = bodyId, Place = form.Place, MeetingUrl = form.MeetingUrl }
            : null;
    }

    private static string RowField(string field, List<int> rowOf)
    {
        if (field.StartsWith('p') && field.IndexOf('.', StringComparison.Ordinal) is > 1 and var dot
            && int.TryParse(field.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < rowOf.Count)
        {
            return $"p{rowOf[index]}{field[dot..]}";
        }

        return field;
    }

    private static List<ParticipantRow> Padded(List<ParticipantRow> rows)
    {
        while (rows.Count < FormRows)
        {
            rows.Add(ParticipantRow.Empty);
        }

        return rows;
    }

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);

    private static Dictionary<string, string> Texts(IReadOnlyDictionary<string, BilingualText> errors) =>
        errors.ToDictionary(e => e.Key, e => Text(e.Value), StringComparer.Ordinal);
}
