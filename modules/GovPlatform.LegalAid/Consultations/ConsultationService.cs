using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Identifiers;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Petitions;
using GovPlatform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.LegalAid.Consultations;

/// <summary>What a consultation form carries.</summary>
public sealed record ConsultationInput
{
    public ConsultationChannel Channel { get; init; } = ConsultationChannel.WalkIn;

    /// <summary>The station, or null when the adviser received in the community (then <see cref="GridUnitCode"/>).</summary>
    public long? StationId { get; init; }

    /// <summary>The community (without a station).</summary>
    public string? GridUnitCode { get; init; }

    public long? LawyerId { get; init; }

    public string CitizenName { get; init; } = "";

    public string? Phone { get; init; }

    public MatterType MatterType { get; init; } = MatterType.Other;

    public string Matter { get; init; } = "";

    public string Advice { get; init; } = "";

    public ConsultationOutcome Outcome { get; init; }

    public string? FollowUp { get; init; }

    public DateOnly? FollowUpOn { get; init; }

    /// <summary>The kept appointment it is recorded at, or null.</summary>
    public long? AppointmentId { get; init; }
}

/// <summary>The list's filters.</summary>
public sealed record ConsultationFilter(string? Unit = null, long? StationId = null, long? LawyerId = null, MatterType? MatterType = null,
    ConsultationChannel? Channel = null, ConsultationOutcome? Outcome = null, DateOnly? From = null, DateOnly? To = null, string? Text = null,
    bool PendingOnly = false, bool FollowUpsDue = false, int Page = 1);

/// <summary>One page of consultations.</summary>
public sealed record ConsultationPage(IReadOnlyList<Consultation> Items, int Total, int Page, int Pages);

/// <summary>
/// Consultations (法律咨询登记): recorded at a station, by a community's adviser, from a kept appointment or from a
/// petition the hall sent to the legal counselling room (then "pending" — 待接待 — until advice is recorded). Staff
/// with View over the unit, and the consultation's own lawyer, see it; Consult over the unit (or being its lawyer)
/// lets one record and edit it. Every change is audited (category <c>legalaid</c>). A petition's consultation is
/// reported back to the hall once advice is given, after the commit; one that could not be reported is retried on
/// the next save and by <see cref="LegalRoomReportTask"/>.
/// </summary>
public sealed class ConsultationService(
    TenantDbContext db,
    IGridDirectory grid,
    IGridScopeFilter scopeFilter,
    IAuthorizationService authorization,
    IWorkingCalendarStore calendars,
    BookingService booking,
    LegalAidNumbers numbers,
    IAuditLog audit,
    IServiceProvider services,
    ILogger<ConsultationService> logger,
    TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>Whether a consultation still waits for its advice (a petition sent to the room): shown as 待接待.</summary>
    public static bool IsPending(Consultation consultation) => string.IsNullOrWhiteSpace(consultation?.Advice);

    /// <summary>The lawyer ids whose account is <paramref name="user"/>.</summary>
    public async Task<long[]> MyLawyerIdsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        user.Identity?.Name is { Length: > 0 } name
            ? await db.Set<Lawyer>().AsNoTracking().Where(l => l.UserName == name).Select(l => l.Id).ToArrayAsync(cancellationToken)
            : [];

    /// <summary>Whether <paramref name="user"/> may see the consultation: View over its unit, or its lawyer.</summary>
    public async Task<bool> CanViewAsync(Consultation consultation, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        return await authorization.HasPermissionAsync(user, LegalAidPermissions.View, consultation)
            || (consultation.LawyerId is { } lawyer && (await MyLawyerIdsAsync(user, cancellationToken)).Contains(lawyer));
    }

    /// <summary>Whether <paramref name="user"/> may change the consultation: Consult over its unit, or its lawyer.</summary>
    public async Task<bool> CanEditAsync(Consultation consultation, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        return await authorization.HasPermissionAsync(user, LegalAidPermissions.Consult, consultation)
            || (consultation.LawyerId is { } lawyer && (await MyLawyerIdsAsync(user, cancellationToken)).Contains(lawyer));
    }

    /// <summary>The consultation when <paramref name="user"/> may see it.</summary>
    public async Task<Consultation?> FindVisibleAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } found
            && await CanViewAsync(found, user, cancellationToken)
            ? found
            : null;

    /// <summary>The consultations <paramref name="user"/> may see: unit in scope, or their own as lawyer.</summary>
    public async Task<IQueryable<Consultation>> ScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var query = db.Set<Consultation>().AsNoTracking();
        var mine = await MyLawyerIdsAsync(user, cancellationToken);
        if (!await authorization.HasPermissionAsync(user, LegalAidPermissions.View))
        {
            return query.Where(c => c.LawyerId != null && mine.Contains(c.LawyerId.Value));
        }

        if (await scopeFilter.GetScopeCodesAsync(user, cancellationToken) is not { } codes)
        {
            return query;
        }

        var list = codes.Order(StringComparer.Ordinal).ToArray();
        return query.Where(c => list.Contains(c.GridUnitCode) || (c.LawyerId != null && mine.Contains(c.LawyerId.Value)));
    }

    /// <summary>A page of the consultations <paramref name="user"/> may see, newest first.</summary>
    public async Task<ConsultationPage> ListAsync(ConsultationFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = await ScopeAsync(user, cancellationToken);
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            var subtree = (await grid.GetSubtreeAsync(filter.Unit, cancellationToken)).Select(u => u.Code).Append(filter.Unit).Distinct().ToArray();
            query = query.Where(c => subtree.Contains(c.GridUnitCode));
        }

        if (filter.StationId is { } station)
        {
            query = query.Where(c => c.StationId == station);
        }

        if (filter.LawyerId is { } lawyer)
        {
            query = query.Where(c => c.LawyerId == lawyer);
        }

        if (filter.MatterType is { } type)
        {
            query = query.Where(c => c.MatterType == type);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(c => c.Channel == channel);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(c => c.Outcome == outcome && c.Advice != "");
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        if (filter.From is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), calendar.TimeZone);
            query = query.Where(c => c.HeldUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), calendar.TimeZone);
            query = query.Where(c => c.HeldUtc < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(c => c.Number == text || c.CitizenName.Contains(text) || c.Matter.Contains(text) || c.PetitionNumber == text);
        }

        if (filter.PendingOnly)
        {
            query = query.Where(c => c.Advice == "");
        }

        if (filter.FollowUpsDue)
        {
            var today = calendar.LocalDate(clock.GetUtcNow());
            var due = await query.Where(c => c.FollowUpOn != null && c.FollowUpDoneUtc == null).ToListAsync(cancellationToken);
            var dueItems = due.Where(c => c.FollowUpOn <= today).OrderBy(c => c.FollowUpOn).ThenBy(c => c.Id).ToList();
            return Paged(dueItems, filter.Page);
        }

        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var items = await query.OrderByDescending(c => c.HeldUtc).ThenByDescending(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new ConsultationPage(items, total, page, pages);
    }

    /// <summary>What the form from an appointment starts with; null when the appointment is not there or not visible.</summary>
    public async Task<ConsultationInput?> FromAppointmentAsync(long appointmentId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var appointment = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null || !(await authorization.HasPermissionAsync(user, LegalAidPermissions.View, appointment)
            || (appointment.LawyerId is { } l && (await MyLawyerIdsAsync(user, cancellationToken)).Contains(l))))
        {
            return null;
        }

        return new ConsultationInput
        {
            Channel = ConsultationChannel.Appointment,
            StationId = appointment.ProviderKind == ProviderKind.Station ? appointment.ProviderId : null,
            GridUnitCode = appointment.GridUnitCode,
            LawyerId = appointment.LawyerId,
            CitizenName = appointment.CitizenName,
            Phone = appointment.Phone,
            MatterType = appointment.MatterType,
            Matter = appointment.Matter ?? "",
            AppointmentId = appointment.Id,
        };
    }

    /// <summary>Records a consultation; from an appointment, marks it kept and links both.</summary>
    public async Task<LegalResult<Consultation>> RecordAsync(ConsultationInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = user.Identity?.Name ?? "";
        var (unit, errors) = await ValidateAsync(input, requireAdvice: true, cancellationToken);
        Appointment? appointment = null;
        if (input.AppointmentId is { } appointmentId)
        {
            appointment = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is null)
            {
                errors["appointmentId"] = new("找不到这条预约。", "No such appointment.");
            }
            else if (appointment.ConsultationId is not null)
            {
                errors[""] = AlreadyRecorded;
            }
            else
            {
                unit = appointment.GridUnitCode;
            }
        }

        if (errors.Count > 0)
        {
            return LegalResult<Consultation>.Invalid(errors);
        }

        var probe = new Consultation { GridUnitCode = unit!, LawyerId = input.LawyerId ?? appointment?.LawyerId };
        if (!await CanEditAsync(probe, user, cancellationToken))
        {
            return LegalResult<Consultation>.Refused(LegalStatus.Forbidden, LegalResult<Consultation>.ForbiddenText);
        }

        if (appointment is not null && appointment.Status != AppointmentStatus.Kept)
        {
            var marked = await booking.MarkAsync(appointment.Id, kept: true, actor, cancellationToken);
            if (!marked.Succeeded)
            {
                return new LegalResult<Consultation>(marked.Status == BookingStatus.Stale ? LegalStatus.Stale : LegalStatus.NotAllowed, Errors: marked.Errors);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var consultation = new Consultation
        {
            Number = numbers.Consultation(now),
            HeldUtc = appointment?.StartsUtc ?? now,
            RecordedBy = actor,
            CreatedUtc = now,
            AppointmentId = appointment?.Id,
        };
        Apply(consultation, input, unit!);
        consultation.Channel = appointment is null ? input.Channel : ConsultationChannel.Appointment;
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                consultation.Id = 0;
                consultation.UpdatedUtc = now;
                consultation.Version = 1;
                db.Add(consultation);
                await db.SaveChangesAsync(ct);
                if (appointment is not null)
                {
                    // Conditional: a second record of the same appointment (two tabs) changes nothing here and fails on the index.
                    await db.Set<Appointment>().Where(a => a.Id == appointment.Id && a.ConsultationId == null)
                        .ExecuteUpdateAsync(a => a.SetProperty(x => x.ConsultationId, consultation.Id).SetProperty(x => x.UpdatedUtc, now).SetProperty(x => x.Version, x => x.Version + 1), ct);
                }

                await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "consultation-record", $"consultation:{consultation.Number}",
                    appointment is null ? null : $"At appointment {appointment.Code}"), ct);
                return consultation;
            }, cancellationToken);
        }
        catch (DbUpdateException) when (appointment is not null)
        {
            db.ChangeTracker.Clear();
            return LegalResult<Consultation>.Refused(LegalStatus.NotAllowed, AlreadyRecorded);
        }

        await ReportPendingAsync(cancellationToken);
        return LegalResult<Consultation>.Ok(consultation);
    }

    /// <summary>Changes a consultation (its advice, outcome, follow-up…); a petition's one is reported back once advised.</summary>
    public async Task<LegalResult<Consultation>> EditAsync(long id, ConsultationInput input, int? expectedVersion, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (current is null || !await CanViewAsync(current, user, cancellationToken))
        {
            return LegalResult<Consultation>.Refused(LegalStatus.NotFound, LegalResult<Consultation>.NotFoundText);
        }

        if (!await CanEditAsync(current, user, cancellationToken))
        {
            return LegalResult<Consultation>.Refused(LegalStatus.Forbidden, LegalResult<Consultation>.ForbiddenText);
        }

        // The channel, the appointment and the petition stay as they were recorded.
        input = input with { Channel = current.Channel, AppointmentId = current.AppointmentId };
        var (unit, errors) = await ValidateAsync(input, requireAdvice: true, cancellationToken);
        if (errors.Count > 0)
        {
            return LegalResult<Consultation>.Invalid(errors);
        }

        if (current.AppointmentId is not null || current.PetitionId is not null)
        {
            unit = current.GridUnitCode;
        }

        if (!await CanEditAsync(new Consultation { GridUnitCode = unit!, LawyerId = input.LawyerId }, user, cancellationToken))
        {
            return LegalResult<Consultation>.Refused(LegalStatus.Forbidden, LegalResult<Consultation>.ForbiddenText);
        }

        var result = await ChangeAsync(id, expectedVersion, "consultation-edit", null, c =>
        {
            Apply(c, input, unit!);
            return null;
        }, cancellationToken);
        if (result.Succeeded)
        {
            await ReportPendingAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Records that the promised follow-up was done.</summary>
    public async Task<LegalResult<Consultation>> FollowUpDoneAsync(long id, string? note, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var current = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (current is null || !await CanViewAsync(current, user, cancellationToken))
        {
            return LegalResult<Consultation>.Refused(LegalStatus.NotFound, LegalResult<Consultation>.NotFoundText);
        }

        if (!await CanEditAsync(current, user, cancellationToken))
        {
            return LegalResult<Consultation>.Refused(LegalStatus.Forbidden, LegalResult<Consultation>.ForbiddenText);
        }

        if (note is { Length: > 1000 })
        {
            return LegalResult<Consultation>.Refused(LegalStatus.Invalid, new("回访情况不能超过 1000 个字。", "The follow-up note has at most 1,000 characters."), "followUpNote");
        }

        return await ChangeAsync(id, null, "consultation-follow-up", note, c =>
        {
            if (c.FollowUpOn is null || c.FollowUpDoneUtc is not null)
            {
                return new("这条咨询没有待办的回访。", "This consultation has no follow-up to do.");
            }

            c.FollowUpDoneUtc = clock.GetUtcNow().UtcDateTime;
            c.FollowUpNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            return null;
        }, cancellationToken);
    }

    /// <summary>Marks the consultation as the origin of legal aid application <paramref name="applicationId"/> (stages only).</summary>
    internal async Task LinkApplicationAsync(long consultationId, long applicationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Set<Consultation>().FirstAsync(c => c.Id == consultationId, cancellationToken);
        consultation.ApplicationId = applicationId;
        consultation.Outcome = ConsultationOutcome.AidApplication;
        consultation.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        consultation.Version++;
    }

    /// <summary>
    /// Reports to the petitions hall the advised consultations that came from a petition and were not reported yet;
    /// returns how many the hall took. Nothing when the hall is off.
    /// </summary>
    public async Task<int> ReportPendingAsync(CancellationToken cancellationToken = default)
    {
        if (services.GetService<IPetitionLoop>() is not { } loop)
        {
            return 0;
        }

        var pending = await db.Set<Consultation>().AsNoTracking()
            .Where(c => c.PetitionId != null && c.PetitionReportedUtc == null && c.Advice != "")
            .OrderBy(c => c.UpdatedUtc).Take(100).ToListAsync(cancellationToken);
        var reported = 0;
        foreach (var consultation in pending)
        {
            var resolved = consultation.Outcome is ConsultationOutcome.Advised or ConsultationOutcome.Litigation or ConsultationOutcome.AidApplication;
            var note = Clip($"法律咨询 {consultation.Number}（{LegalAidNames.Outcome(consultation.Outcome).Chinese}）：{consultation.Advice}", 2000);
            var reply = resolved ? $"您反映的问题已由法律咨询室接待并给予法律意见：{Clip(consultation.Advice, 1000)}" : null;
            try
            {
                await loop.ReportRoomOutcomeAsync(consultation.PetitionId!.Value, PetitionRooms.Legal, resolved, note, reply, cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or ArgumentException or InvalidOperationException)
            {
                // Left pending: the next save or the background task tries again.
                db.ChangeTracker.Clear();
                logger.LogWarning(e, "Could not report consultation {Number} to petition {PetitionId}.", consultation.Number, consultation.PetitionId);
                continue;
            }

            // Reported (or the petition is no longer with the room): either way nothing more to say to the hall.
            await db.Set<Consultation>().Where(c => c.Id == consultation.Id && c.PetitionReportedUtc == null)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.PetitionReportedUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
            reported++;
        }

        return reported;
    }

    private static ConsultationPage Paged(List<Consultation> all, int requested)
    {
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(requested, 1, pages);
        return new ConsultationPage([.. all.Skip((page - 1) * PageSize).Take(PageSize)], all.Count, page, pages);
    }

    private static readonly BilingualText AlreadyRecorded = new("这次预约已登记过咨询。", "A consultation was already recorded for this appointment.");

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static void Apply(Consultation c, ConsultationInput input, string unit)
    {
        c.StationId = input.StationId;
        c.GridUnitCode = unit;
        c.LawyerId = input.LawyerId;
        c.CitizenName = input.CitizenName.Trim();
        c.Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : MobileNumber.IsValid(input.Phone) ? MobileNumber.Normalise(input.Phone) : input.Phone.Trim();
        c.MatterType = input.MatterType;
        c.Matter = input.Matter.Trim();
        c.Advice = input.Advice.Trim();
        c.Outcome = input.Outcome;
        c.FollowUp = string.IsNullOrWhiteSpace(input.FollowUp) ? null : input.FollowUp.Trim();
        c.FollowUpOn = c.FollowUp is null ? null : input.FollowUpOn;
    }

    // Loads, changes and saves with the version check; a non-null message refuses the change.
    private async Task<LegalResult<Consultation>> ChangeAsync(long id, int? expectedVersion, string action, string? note, Func<Consultation, BilingualText?> change, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var consultation = await db.Set<Consultation>().FirstAsync(c => c.Id == id, ct);
                if (expectedVersion is { } expected && expected != consultation.Version)
                {
                    throw new Refusal(LegalResult<Consultation>.Refused(LegalStatus.Stale, LegalResult<Consultation>.StaleText));
                }

                if (change(consultation) is { } refusal)
                {
                    throw new Refusal(LegalResult<Consultation>.Refused(LegalStatus.NotAllowed, refusal));
                }

                consultation.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
                consultation.Version++;
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, action, $"consultation:{consultation.Number}", note), ct);
                return LegalResult<Consultation>.Ok(consultation);
            }, cancellationToken);
        }
        catch (Refusal refusal)
        {
            db.ChangeTracker.Clear();
            return refusal.Result;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return LegalResult<Consultation>.Refused(LegalStatus.Stale, LegalResult<Consultation>.StaleText);
        }
    }

    private async Task<(string? Unit, Dictionary<string, BilingualText> Errors)> ValidateAsync(ConsultationInput input, bool requireAdvice, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>();
        string? unit = null;
        if (!Enum.IsDefined(input.Channel))
        {
            errors["channel"] = new("请选择咨询方式。", "Choose how the consultation came about.");
        }

        if (!Enum.IsDefined(input.MatterType))
        {
            errors["matterType"] = new("请选择事项类型。", "Choose the kind of matter.");
        }

        if (!Enum.IsDefined(input.Outcome))
        {
            errors["outcome"] = new("请选择处理结果。", "Choose the outcome.");
        }

        if (input.StationId is { } stationId)
        {
            unit = await db.Set<LegalStation>().AsNoTracking().Where(s => s.Id == stationId).Select(s => s.GridUnitCode).FirstOrDefaultAsync(cancellationToken);
            if (unit is null)
            {
                errors["stationId"] = new("找不到这个站点。", "No such station.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(input.GridUnitCode) && await grid.FindAsync(input.GridUnitCode.Trim(), cancellationToken) is { } found)
        {
            unit = found.Code;
        }
        else if (input.AppointmentId is null)
        {
            errors["stationId"] = new("请选择站点或顾问所在社区。", "Choose the station or the adviser's community.");
        }

        if (input.LawyerId is { } lawyerId && !await db.Set<Lawyer>().AnyAsync(l => l.Id == lawyerId, cancellationToken))
        {
            errors["lawyerId"] = new("找不到这位律师。", "No such lawyer.");
        }

        if (string.IsNullOrWhiteSpace(input.CitizenName) || input.CitizenName.Trim().Length > 50)
        {
            errors["citizenName"] = new("请填写咨询人姓名（不超过 50 个字）。", "Enter the citizen's name (at most 50 characters).");
        }

        if (!string.IsNullOrWhiteSpace(input.Phone) && !MobileNumber.IsValid(input.Phone) && (input.Phone.Trim().Length > 20 || !input.Phone.Trim().All(ch => char.IsAsciiDigit(ch) || ch is '-' or ' ' or '+')))
        {
            errors["phone"] = new("电话号码不正确。", "The phone number is not valid.");
        }

        if (string.IsNullOrWhiteSpace(input.Matter) || input.Matter.Length > 4000)
        {
            errors["matter"] = new("请填写咨询事项（不超过 4000 个字）。", "Enter the matter (at most 4,000 characters).");
        }

        if ((requireAdvice && string.IsNullOrWhiteSpace(input.Advice)) || input.Advice.Length > 4000)
        {
            errors["advice"] = new("请填写解答意见（不超过 4000 个字）。", "Enter the advice given (at most 4,000 characters).");
        }

        if (input.FollowUp is { Length: > 500 })
        {
            errors["followUp"] = new("回访事项不能超过 500 个字。", "The follow-up has at most 500 characters.");
        }

        if (!string.IsNullOrWhiteSpace(input.FollowUp) && input.FollowUpOn is null)
        {
            errors["followUpOn"] = new("请填写回访日期。", "Enter the follow-up date.");
        }

        return (unit, errors);
    }

    private sealed class Refusal(LegalResult<Consultation> result) : Exception("The change was refused.")
    {
        public LegalResult<Consultation> Result { get; } = result;
    }
}
