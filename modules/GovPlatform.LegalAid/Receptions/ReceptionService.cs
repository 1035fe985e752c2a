using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Identifiers;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Messaging;
using GovPlatform.Petitions;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.LegalAid.Receptions;

/// <summary>
/// Evening receptions (两代表一委员夜间接访): staff plan them over a street or community, residents sign up with a code,
/// and on the night each matter's outcome is recorded — a petition filed in the petitions hall, a consultation recorded.
/// Places are counted in a <see cref="BookedSlot"/> row keyed <c>reception:{id}</c> (at the Unix epoch, so that moving
/// the evening keeps the count) and moved only by the conditional update the appointments use
/// (<c>booked = booked + 1 WHERE booked &lt; capacity</c>): two residents can never take the last place, on either provider.
/// Staff act by <see cref="LegalAidPermissions.Receptions"/> over the reception's unit. Every change is audited.
/// </summary>
public sealed class ReceptionService(
    TenantDbContext db,
    IGridDirectory grid,
    IAuthorizationService authorization,
    LegalAidSettingsStore settingsStore,
    LegalAidNumbers numbers,
    IMessageSender sender,
    IAuditLog audit,
    ITenant tenant,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<ReceptionService> logger)
{
    /// <summary>The most deputies one reception lists.</summary>
    public const int MaxDeputies = 10;

    /// <summary>The earliest local start of an evening reception.</summary>
    public static readonly TimeOnly EveningFrom = new(17, 0);

    /// <summary>The instant the places' row is keyed at (any fixed instant: the key is the reception).</summary>
    internal static readonly DateTime CounterInstant = DateTime.UnixEpoch;

    private static readonly BilingualText StaleMessage = new("这场接访刚被他人修改，请刷新后再试。", "Someone changed this reception meanwhile; reload and try again.");
    private static readonly BilingualText ForbiddenMessage = new("您无权组织这个网格单元的夜间接访。", "You may not organise evening receptions of this unit.");

    /// <summary>The slot-count key of a reception's places.</summary>
    public static string CounterKey(long receptionId) => $"reception:{receptionId}";

    /// <summary>Plans a reception.</summary>
    public async Task<ReceptionResult> PlanAsync(ReceptionInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var (checkedInput, errors, forbidden) = await CheckAsync(input, user, true, cancellationToken);
        if (forbidden)
        {
            return ReceptionResult.Refused(ReceptionResultStatus.Forbidden, "gridUnitCode", ForbiddenMessage);
        }

        if (errors.Count > 0)
        {
            return new ReceptionResult(ReceptionResultStatus.Invalid, Errors: errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reception = await db.InTransactionAsync(async ct =>
        {
            var made = new EveningReception
            {
                Status = ReceptionStatus.Planned,
                CreatedBy = user.Identity?.Name ?? "",
                CreatedUtc = now,
                Version = 1,
            };
            Apply(made, checkedInput!, now);
            db.Add(made);
            await db.SaveChangesAsync(ct);
            db.AddRange(checkedInput!.Deputies.Select(d => new ReceptionDeputy { ReceptionId = made.Id, Name = d.Name, Role = d.Role, Title = d.Title }));
            db.Add(new BookedSlot { ProviderKey = CounterKey(made.Id), StartsUtc = CounterInstant, Booked = 0 });
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "reception-plan", $"reception:{made.Id}", $"{made.Title} @ {made.GridUnitCode}"), ct);
            return made;
        }, cancellationToken);
        return new ReceptionResult(ReceptionResultStatus.Done, reception);
    }

    /// <summary>Changes a planned reception (its deputies are replaced); <paramref name="version"/> is the one the form showed.</summary>
    public async Task<ReceptionResult> EditAsync(long id, ReceptionInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var current = await db.Set<EveningReception>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (current is null)
        {
            return new ReceptionResult(ReceptionResultStatus.NotFound);
        }

        if (!await MayAsync(user, current))
        {
            return ReceptionResult.Refused(ReceptionResultStatus.Forbidden, "form", ForbiddenMessage);
        }

        var (checkedInput, errors, forbidden) = await CheckAsync(input, user, false, cancellationToken);
        if (forbidden)
        {
            return ReceptionResult.Refused(ReceptionResultStatus.Forbidden, "gridUnitCode", ForbiddenMessage);
        }

        if (errors.Count > 0)
        {
            return new ReceptionResult(ReceptionResultStatus.Invalid, current, Errors: errors);
        }

        return await ChangeAsync(id, version, async (reception, now, ct) =>
        {
            if (reception.Status != ReceptionStatus.Planned)
            {
                return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "form", new("只有报名中的接访可以修改。", "Only a planned reception can be changed."));
            }

            var taken = await PlacesTakenAsync(reception.Id, ct);
            if (checkedInput!.Capacity > 0 && checkedInput.Capacity < taken)
            {
                return ReceptionResult.Refused(ReceptionResultStatus.Invalid, "capacity", new(
                    $"已有 {taken} 人报名，名额不能少于报名人数。", $"{taken} residents have signed up; the capacity cannot be lower."));
            }

            Apply(reception, checkedInput, now);
            await db.Set<ReceptionDeputy>().Where(d => d.ReceptionId == reception.Id && !db.Set<ReceptionMatter>().Any(m => m.DeputyId == d.Id)).ExecuteDeleteAsync(ct);
            var kept = await db.Set<ReceptionDeputy>().Where(d => d.ReceptionId == reception.Id).ToListAsync(ct);
            foreach (var deputy in checkedInput.Deputies.Where(d => !kept.Any(k => k.Name == d.Name && k.Role == d.Role)))
            {
                db.Add(new ReceptionDeputy { ReceptionId = reception.Id, Name = deputy.Name, Role = deputy.Role, Title = deputy.Title });
            }

            reception.Version++;
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "reception-edit", $"reception:{reception.Id}", reception.Title), ct);
            return new ReceptionResult(ReceptionResultStatus.Done, reception);
        }, cancellationToken);
    }

    /// <summary>Calls off a planned reception; the residents signed up are texted the reason.</summary>
    public async Task<ReceptionResult> CancelAsync(long id, string? reason, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var note = reason?.Trim() ?? "";
        if (note.Length is < 2 or > 500)
        {
            return ReceptionResult.Refused(ReceptionResultStatus.Invalid, "reason", new("请填写取消原因（2 至 500 个字）。", "Give the reason (2 to 500 characters)."));
        }

        if (await db.Set<EveningReception>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } current)
        {
            return new ReceptionResult(ReceptionResultStatus.NotFound);
        }

        if (!await MayAsync(user, current))
        {
            return ReceptionResult.Refused(ReceptionResultStatus.Forbidden, "form", ForbiddenMessage);
        }

        var result = await ChangeAsync(id, version, async (reception, now, ct) =>
        {
            if (reception.Status != ReceptionStatus.Planned)
            {
                return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "form", new("只有报名中的接访可以取消。", "Only a planned reception can be cancelled."));
            }

            reception.Status = ReceptionStatus.Cancelled;
            reception.CancelReason = note;
            reception.UpdatedUtc = now;
            reception.Version++;
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "reception-cancel", $"reception:{reception.Id}", note), ct);
            return new ReceptionResult(ReceptionResultStatus.Done, reception);
        }, cancellationToken);
        if (result.Succeeded)
        {
            await TextCancellationAsync(result.Reception!, note, cancellationToken);
        }

        return result;
    }

    /// <summary>A resident signs up for a planned reception that has not begun; the matter carries the code to withdraw with.</summary>
    public Task<ReceptionResult> SignUpAsync(SignUpRequest request, string? userName, CancellationToken cancellationToken = default) =>
        AddMatterAsync(request, userName, null, cancellationToken);

    /// <summary>Staff add a walk-in on the night (no place is taken: the resident is already there).</summary>
    public async Task<ReceptionResult> AddWalkInAsync(SignUpRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        if (await db.Set<EveningReception>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.ReceptionId, cancellationToken) is not { } reception)
        {
            return new ReceptionResult(ReceptionResultStatus.NotFound);
        }

        return await MayAsync(user, reception)
            ? await AddMatterAsync(request, null, user.Identity?.Name ?? "", cancellationToken)
            : ReceptionResult.Refused(ReceptionResultStatus.Forbidden, "form", ForbiddenMessage);
    }

    /// <summary>The matter with this code and phone (both must match), or null.</summary>
    public async Task<ReceptionMatter?> FindByCodeAsync(string? code, string? phone, CancellationToken cancellationToken = default)
    {
        var normalisedCode = (code ?? "").Trim().ToUpperInvariant();
        var normalisedPhone = MobileNumber.Normalise(phone);
        if (normalisedCode.Length is < 4 or > 12 || normalisedPhone.Length == 0)
        {
            return null;
        }

        return await db.Set<ReceptionMatter>().AsNoTracking().FirstOrDefaultAsync(m => m.Code == normalisedCode && m.Phone == normalisedPhone, cancellationToken);
    }

    /// <summary>The resident withdraws a sign-up (code and phone) before the reception begins; the place is given back.</summary>
    public async Task<ReceptionResult> WithdrawAsync(string? code, string? phone, CancellationToken cancellationToken = default)
    {
        if (await FindByCodeAsync(code, phone, cancellationToken) is not { } found)
        {
            return ReceptionResult.Refused(ReceptionResultStatus.NotFound, "code", new("报名码与手机号不匹配。", "The code and the mobile number do not match."));
        }

        return await InTransactionAsync(async (now, ct) =>
        {
            var matter = await db.Set<ReceptionMatter>().FirstAsync(m => m.Id == found.Id, ct);
            var reception = await db.Set<EveningReception>().AsNoTracking().FirstAsync(r => r.Id == matter.ReceptionId, ct);
            if (matter.Status != ReceptionMatterStatus.Registered || reception.Status != ReceptionStatus.Planned || reception.StartsUtc <= now)
            {
                return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "code", new("接访开始前才能撤回报名。", "A sign-up can be withdrawn only before the reception begins."));
            }

            matter.Status = ReceptionMatterStatus.Withdrawn;
            if (matter.RecordedBy is null)
            {
                await db.Set<BookedSlot>()
                    .Where(s => s.ProviderKey == CounterKey(reception.Id) && s.StartsUtc == CounterInstant && s.Booked > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), ct);
            }

            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "reception-withdraw", $"reception-matter:{matter.Code}", null), ct);
            return new ReceptionResult(ReceptionResultStatus.Done, reception, matter);
        }, cancellationToken);
    }

    /// <summary>
    /// Records what happened to a matter, once the evening has begun (again to correct it). A petition is filed in the
    /// petitions hall once (the idempotency key is the matter's); legal advice makes one consultation.
    /// </summary>
    public async Task<ReceptionResult> RecordAsync(long matterId, MatterRecord record, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(user);
        var matter = await db.Set<ReceptionMatter>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == matterId, cancellationToken);
        var reception = matter is null ? null : await db.Set<EveningReception>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == matter.ReceptionId, cancellationToken);
        if (matter is null || reception is null)
        {
            return new ReceptionResult(ReceptionResultStatus.NotFound);
        }

        if (!await MayAsync(user, reception))
        {
            return ReceptionResult.Refused(ReceptionResultStatus.Forbidden, "form", ForbiddenMessage);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (reception.Status == ReceptionStatus.Cancelled || reception.StartsUtc > now || matter.Status == ReceptionMatterStatus.Withdrawn)
        {
            return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "form", new("接访开始后才能登记接访情况（已取消的接访、已撤回的报名不能登记）。",
                "Outcomes are recorded once the reception has begun (not for a cancelled reception or a withdrawn sign-up)."));
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var note = string.IsNullOrWhiteSpace(record.Note) ? null : record.Note.Trim();
        if (note is { Length: > 2000 })
        {
            errors["note"] = new("记录不能超过 2000 个字。", "The note has at most 2000 characters.");
        }

        if (record.Heard)
        {
            if (record.DeputyId is not { } deputyId || !await db.Set<ReceptionDeputy>().AnyAsync(d => d.Id == deputyId && d.ReceptionId == reception.Id, cancellationToken))
            {
                errors["deputyId"] = new("请选择接待的代表或委员。", "Choose the deputy who heard it.");
            }

            if (record.Outcome is not { } outcome || !Enum.IsDefined(outcome))
            {
                errors["outcome"] = new("请选择接访结果。", "Choose the outcome.");
            }
            else if (outcome == ReceptionOutcome.LegalAdvice && note is null)
            {
                errors["note"] = new("请填写提供的法律意见。", "Write down the advice given.");
            }
        }

        if (errors.Count > 0)
        {
            return new ReceptionResult(ReceptionResultStatus.Invalid, reception, matter, errors);
        }

        // The petition is filed before the matter is saved (the hall has its own transaction); a second recording finds
        // the first petition by the matter's key.
        long? petitionId = matter.PetitionId;
        string? petitionNumber = matter.PetitionNumber;
        if (record.Heard && record.Outcome == ReceptionOutcome.Petition && petitionId is null)
        {
            var filed = await FilePetitionAsync(reception, matter, note, cancellationToken);
            if (filed.Error is { } error)
            {
                return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "outcome", error);
            }

            (petitionId, petitionNumber) = (filed.Receipt!.PetitionId, filed.Receipt.TrackingNumber);
        }

        var actor = user.Identity?.Name ?? "";
        return await InTransactionAsync(async (at, ct) =>
        {
            var tracked = await db.Set<ReceptionMatter>().FirstAsync(m => m.Id == matterId, ct);
            tracked.Status = record.Heard ? ReceptionMatterStatus.Heard : ReceptionMatterStatus.Absent;
            tracked.DeputyId = record.Heard ? record.DeputyId : null;
            tracked.Outcome = record.Heard ? record.Outcome : null;
            tracked.OutcomeNote = note;
            tracked.HeardUtc = record.Heard ? tracked.HeardUtc ?? at : null;
            tracked.RecordedBy = actor;
            tracked.PetitionId = petitionId;
            tracked.PetitionNumber = petitionNumber;
            if (record.Heard && record.Outcome == ReceptionOutcome.LegalAdvice && tracked.ConsultationId is null)
            {
                var consultation = new Consultation
                {
                    Number = numbers.Consultation(at),
                    Channel = ConsultationChannel.EveningReception,
                    GridUnitCode = tracked.GridUnitCode ?? reception.GridUnitCode,
                    CitizenName = tracked.ResidentName,
                    Phone = tracked.Phone,
                    MatterType = tracked.MatterType,
                    Matter = tracked.Matter,
                    Advice = note!,
                    Outcome = ConsultationOutcome.Advised,
                    ReceptionMatterId = tracked.Id,
                    HeldUtc = tracked.HeardUtc ?? at,
                    RecordedBy = actor,
                    CreatedUtc = at,
                    UpdatedUtc = at,
                    Version = 1,
                };
                db.Add(consultation);
                await db.SaveChangesAsync(ct);
                tracked.ConsultationId = consultation.Id;
                await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "consultation-record", $"consultation:{consultation.Number}", $"evening reception matter {tracked.Code}"), ct);
            }

            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "reception-record", $"reception-matter:{tracked.Code}",
                record.Heard ? $"heard: {record.Outcome}{(petitionNumber is null ? "" : $" (petition {petitionNumber})")}" : "absent"), ct);
            return new ReceptionResult(ReceptionResultStatus.Done, reception, tracked);
        }, cancellationToken);
    }

    /// <summary>Marks a reception held with its summary, once it has begun.</summary>
    public async Task<ReceptionResult> MarkHeldAsync(long id, string? summary, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var text = summary?.Trim() ?? "";
        if (text.Length is < 2 or > 4000)
        {
            return ReceptionResult.Refused(ReceptionResultStatus.Invalid, "summary", new("请填写接访总结（2 至 4000 个字）。", "Write a summary (2 to 4000 characters)."));
        }

        if (await db.Set<EveningReception>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } current)
        {
            return new ReceptionResult(ReceptionResultStatus.NotFound);
        }

        if (!await MayAsync(user, current))
        {
            return ReceptionResult.Refused(ReceptionResultStatus.Forbidden, "form", ForbiddenMessage);
        }

        return await ChangeAsync(id, version, async (reception, now, ct) =>
        {
            if (reception.Status == ReceptionStatus.Cancelled || reception.StartsUtc > now)
            {
                return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "summary", new("接访开始后才能标记为已举行。", "A reception can be marked held once it has begun."));
            }

            reception.Status = ReceptionStatus.Held;
            reception.Summary = text;
            reception.UpdatedUtc = now;
            reception.Version++;
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "reception-held", $"reception:{reception.Id}", null), ct);
            return new ReceptionResult(ReceptionResultStatus.Done, reception);
        }, cancellationToken);
    }

    /// <summary>The places taken (sign-ups not withdrawn).</summary>
    public async Task<int> PlacesTakenAsync(long receptionId, CancellationToken cancellationToken = default) =>
        await db.Set<BookedSlot>().Where(s => s.ProviderKey == CounterKey(receptionId) && s.StartsUtc == CounterInstant).Select(s => s.Booked).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Counts of each reception's matters, for the public page: signed up, heard, filed as petitions.</summary>
    public async Task<Dictionary<long, ReceptionCounts>> CountsAsync(IReadOnlyCollection<long> receptionIds, CancellationToken cancellationToken = default)
    {
        var ids = receptionIds.ToArray();
        const ReceptionMatterStatus withdrawn = ReceptionMatterStatus.Withdrawn;
        const ReceptionMatterStatus heard = ReceptionMatterStatus.Heard;
        var rows = await db.Set<ReceptionMatter>().AsNoTracking().Where(m => ids.Contains(m.ReceptionId)).GroupBy(m => m.ReceptionId)
            .Select(g => new { g.Key, SignedUp = g.Count(m => m.Status != withdrawn), Heard = g.Count(m => m.Status == heard), Petitions = g.Count(m => m.PetitionId != null) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => new ReceptionCounts(r.SignedUp, r.Heard, r.Petitions));
    }

    /// <summary>Whether the user may organise receptions over the record's unit.</summary>
    public Task<bool> MayAsync(ClaimsPrincipal user, IGridScopedResource resource) =>
        authorization.HasPermissionAsync(user, LegalAidPermissions.Receptions, resource);

    /// <summary>A local time in the tenant's zone as UTC.</summary>
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));

    /// <summary>A UTC time as the tenant's local time.</summary>
    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));

    private async Task<ReceptionResult> AddMatterAsync(SignUpRequest request, string? userName, string? staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var name = request.ResidentName?.Trim() ?? "";
        if (name.Length is < 1 or > 50)
        {
            errors["residentName"] = new("请填写姓名（不超过 50 个字）。", "Enter your name (at most 50 characters).");
        }

        var phone = MobileNumber.Normalise(request.Phone);
        if (!MobileNumber.IsValid(phone))
        {
            errors["phone"] = new("请填写 11 位手机号码。", "Enter an 11-digit mobile number.");
        }

        if (!Enum.IsDefined(request.MatterType))
        {
            errors["matterType"] = new("请选择事项类别。", "Choose the kind of matter.");
        }

        var matterText = request.Matter?.Trim() ?? "";
        if (matterText.Length is < 5 or > 2000)
        {
            errors["matter"] = new("请说明反映的事项（5 至 2000 个字）。", "Describe the matter (5 to 2000 characters).");
        }

        string? unit = null;
        if (!string.IsNullOrWhiteSpace(request.GridUnitCode))
        {
            unit = (await grid.FindAsync(request.GridUnitCode.Trim(), cancellationToken))?.Code;
            if (unit is null)
            {
                errors["gridUnitCode"] = new("没有这个社区，请重新选择。", "There is no such community; choose again.");
            }
        }

        if (errors.Count > 0)
        {
            return new ReceptionResult(ReceptionResultStatus.Invalid, Errors: errors);
        }

        if (staff is null)
        {
            // The places' row, made at planning; made here too for a reception planned another way (a recipe, an import).
            await EnsureCounterAsync(request.ReceptionId, cancellationToken);
        }

        return await InTransactionAsync(async (now, ct) =>
        {
            var reception = await db.Set<EveningReception>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.ReceptionId, ct);
            if (reception is null)
            {
                return new ReceptionResult(ReceptionResultStatus.NotFound);
            }

            if (staff is null && (reception.Status != ReceptionStatus.Planned || reception.StartsUtc <= now))
            {
                return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "form", new("这场接访已不接受报名。", "This reception no longer takes sign-ups."));
            }

            if (staff is not null && (reception.Status == ReceptionStatus.Cancelled || reception.StartsUtc > now))
            {
                return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "form", new("接访开始后才能登记现场来访。", "Walk-ins are added once the reception has begun."));
            }

            if (staff is null && await db.Set<ReceptionMatter>().AnyAsync(m => m.ReceptionId == reception.Id && m.Phone == phone && m.Status == ReceptionMatterStatus.Registered, ct))
            {
                return ReceptionResult.Refused(ReceptionResultStatus.NotAllowed, "phone", new("这个手机号已报名这场接访。", "This mobile number has already signed up for this reception."));
            }

            if (staff is null && reception.Capacity > 0 && await db.Set<BookedSlot>()
                .Where(s => s.ProviderKey == CounterKey(reception.Id) && s.StartsUtc == CounterInstant && s.Booked < reception.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), ct) != 1)
            {
                return ReceptionResult.Refused(ReceptionResultStatus.Full, "form", new("这场接访的名额已满。", "This reception is fully booked."));
            }

            if (staff is null && reception.Capacity == 0)
            {
                // No limit: still counted, so that the page shows how many signed up.
                await db.Set<BookedSlot>().Where(s => s.ProviderKey == CounterKey(reception.Id) && s.StartsUtc == CounterInstant)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), ct);
            }

            var matter = new ReceptionMatter
            {
                ReceptionId = reception.Id,
                Code = LegalAidNumbers.SignUpCode(),
                ResidentName = name,
                Phone = phone,
                UserName = string.IsNullOrWhiteSpace(userName) ? null : userName,
                GridUnitCode = unit,
                MatterType = request.MatterType,
                Matter = matterText,
                Status = ReceptionMatterStatus.Registered,
                SignedUpUtc = now,
                RecordedBy = staff,
            };
            db.Add(matter);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, staff is null ? "reception-signup" : "reception-walk-in",
                $"reception-matter:{matter.Code}", $"reception:{reception.Id}"), ct);
            return new ReceptionResult(ReceptionResultStatus.Done, reception, matter);
        }, cancellationToken);
    }

    private async Task EnsureCounterAsync(long receptionId, CancellationToken cancellationToken)
    {
        var key = CounterKey(receptionId);
        if (await db.Set<BookedSlot>().AnyAsync(s => s.ProviderKey == key && s.StartsUtc == CounterInstant, cancellationToken))
        {
            return;
        }

        db.Add(new BookedSlot { ProviderKey = key, StartsUtc = CounterInstant, Booked = 0 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another sign-up made it at the same instant.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<(PetitionReceipt? Receipt, BilingualText? Error)> FilePetitionAsync(EveningReception reception, ReceptionMatter matter, string? note, CancellationToken cancellationToken)
    {
        if (services.GetService<IPetitionIntake>() is not { } intake)
        {
            return (null, new("诉求大厅未开通，不能转为诉求办理；请选择其他结果，或请管理员开通诉求大厅。",
                "The petitions hall is off, so the matter cannot be filed as a petition; choose another outcome or ask the administrator to turn the hall on."));
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        var category = string.IsNullOrWhiteSpace(settings.ReceptionPetitionCategory) ? await FirstCategoryAsync(cancellationToken) : settings.ReceptionPetitionCategory.Trim();
        if (category is null)
        {
            return (null, new("诉求目录为空，请先在诉求大厅设置诉求类别。", "The petitions catalogue is empty; set up its categories first."));
        }

        var description = $"【夜间接访：{reception.Title}】{matter.Matter}" + (note is null ? "" : $"\n接访意见：{note}");
        try
        {
            var receipt = await intake.FileReferralAsync(new PetitionReferralRequest(
                category, description.Length > 4000 ? description[..4000] : description, matter.Phone, matter.ResidentName,
                matter.GridUnitCode ?? reception.GridUnitCode, $"evening-reception:{matter.Id}", $"evening-reception:{matter.Id}"), cancellationToken);
            return (receipt, null);
        }
        catch (ArgumentException e)
        {
            logger.LogWarning(e, "Evening reception matter {Code} could not be filed as a petition.", matter.Code);
            return (null, new($"诉求大厅未受理：{e.Message}", $"The petitions hall refused it: {e.Message}"));
        }
    }

    // The hall's first selectable item, when the rules name none (the catalogue belongs to the petitions module).
    private async Task<string?> FirstCategoryAsync(CancellationToken cancellationToken) =>
        services.GetService<IPetitionCategories>() is { } categories && await categories.GetSelectableAsync(cancellationToken) is { Count: > 0 } items
            ? items[0].Code
            : null;

    private async Task TextCancellationAsync(EveningReception reception, string reason, CancellationToken cancellationToken)
    {
        var phones = await db.Set<ReceptionMatter>().AsNoTracking()
            .Where(m => m.ReceptionId == reception.Id && m.Status == ReceptionMatterStatus.Registered)
            .Select(m => m.Phone).Distinct().ToListAsync(cancellationToken);
        var when = ToLocal(reception.StartsUtc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var phone in phones)
        {
            try
            {
                await sender.SendAsync(new OutgoingMessage("sms", phone, "夜间接访取消 / Evening reception cancelled",
                    $"【夜间接访】您报名的“{reception.Title}”（{when}）已取消：{reason}\nThe evening reception you signed up for ({when}) is cancelled: {reason}"), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Evening reception {Id}: the cancellation could not be texted to {Phone}.", reception.Id, MobileNumber.Mask(phone));
            }
        }
    }

    private async Task<(CheckedInput? Input, Dictionary<string, BilingualText> Errors, bool Forbidden)> CheckAsync(
        ReceptionInput input, ClaimsPrincipal user, bool isNew, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var title = input.Title?.Trim() ?? "";
        if (title.Length is < 2 or > 100)
        {
            errors["title"] = new("请填写标题（2 至 100 个字）。", "Enter a title (2 to 100 characters).");
        }

        var place = input.Place?.Trim() ?? "";
        if (place.Length is < 2 or > 200)
        {
            errors["place"] = new("请填写地点（2 至 200 个字）。", "Enter the place (2 to 200 characters).");
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        GridUnitInfo? unit = null;
        if (string.IsNullOrWhiteSpace(input.GridUnitCode) || (unit = await grid.FindAsync(input.GridUnitCode.Trim(), cancellationToken)) is null)
        {
            errors["gridUnitCode"] = new("请选择举办的街道或社区。", "Choose the street or community holding it.");
        }
        else if (unit.Depth < 2 || unit.Depth > settings.CommunityDepth)
        {
            errors["gridUnitCode"] = new("夜间接访由街道或社区举办，请选择街道或社区。", "Evening receptions are held by a street or a community; choose one.");
        }
        else if (!await MayAsync(user, new UnitResource(unit.Code)))
        {
            return (null, errors, true);
        }

        if (input.StartsLocal == default || input.EndsLocal == default)
        {
            errors["startsLocal"] = new("请填写开始和结束时间。", "Enter the start and the end.");
        }
        else if (TimeOnly.FromDateTime(input.StartsLocal) < EveningFrom)
        {
            errors["startsLocal"] = new("夜间接访应在 17:00 以后开始。", "An evening reception starts at 17:00 or later.");
        }
        else if (input.EndsLocal <= input.StartsLocal)
        {
            errors["endsLocal"] = new("结束时间应晚于开始时间。", "The end must be after the start.");
        }
        else if (input.EndsLocal.Date != input.StartsLocal.Date && input.EndsLocal > input.StartsLocal.Date.AddDays(1))
        {
            errors["endsLocal"] = new("接访应在当晚结束（不超过次日零点）。", "A reception ends the same evening (by midnight).");
        }
        else if (isNew && ToUtc(input.StartsLocal) <= clock.GetUtcNow().UtcDateTime)
        {
            errors["startsLocal"] = new("开始时间应在现在以后。", "The start must be in the future.");
        }

        if (input.Capacity is < 0 or > 200)
        {
            errors["capacity"] = new("名额应为 0 至 200（0 为不限）。", "The capacity is 0 to 200 (0: no limit).");
        }

        var deputies = new List<CheckedDeputy>();
        foreach (var deputy in input.Deputies.Where(d => !string.IsNullOrWhiteSpace(d.Name) || !string.IsNullOrWhiteSpace(d.Title)))
        {
            var name = deputy.Name?.Trim() ?? "";
            var deputyTitle = string.IsNullOrWhiteSpace(deputy.Title) ? null : deputy.Title.Trim();
            if (name.Length is < 1 or > 50 || deputyTitle is { Length: > 100 } || !Enum.IsDefined(deputy.Role))
            {
                errors["deputies"] = new("每位代表委员请填写姓名（不超过 50 个字）、身份和职务（不超过 100 个字）。", "Give each deputy a name (at most 50 characters), a role and a title (at most 100 characters).");
                break;
            }

            deputies.Add(new CheckedDeputy(name, deputy.Role, deputyTitle));
        }

        if (deputies.Count == 0 && !errors.ContainsKey("deputies"))
        {
            errors["deputies"] = new("请至少填写一位接访的代表或委员。", "Name at least one deputy who receives.");
        }
        else if (deputies.Count > MaxDeputies)
        {
            errors["deputies"] = new($"最多 {MaxDeputies} 位代表委员。", $"At most {MaxDeputies} deputies.");
        }

        return errors.Count > 0
            ? (null, errors, false)
            : (new CheckedInput(title, unit!.Code, place, ToUtc(input.StartsLocal), ToUtc(input.EndsLocal), input.Capacity, deputies), errors, false);
    }

    private static void Apply(EveningReception reception, CheckedInput input, DateTime now)
    {
        reception.Title = input.Title;
        reception.GridUnitCode = input.GridUnitCode;
        reception.Place = input.Place;
        reception.StartsUtc = input.StartsUtc;
        reception.EndsUtc = input.EndsUtc;
        reception.Capacity = input.Capacity;
        reception.UpdatedUtc = now;
    }

    private async Task<ReceptionResult> ChangeAsync(long id, int version, Func<EveningReception, DateTime, CancellationToken, Task<ReceptionResult>> change, CancellationToken cancellationToken)
    {
        try
        {
            return await InTransactionAsync(async (now, ct) =>
            {
                var reception = await db.Set<EveningReception>().FirstOrDefaultAsync(r => r.Id == id, ct);
                if (reception is null)
                {
                    return new ReceptionResult(ReceptionResultStatus.NotFound);
                }

                return reception.Version != version ? ReceptionResult.Refused(ReceptionResultStatus.Stale, "form", StaleMessage) with { Reception = reception }
                    : await change(reception, now, ct);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ReceptionResult.Refused(ReceptionResultStatus.Stale, "form", StaleMessage);
        }
    }

    // A refusal rolls back what the change did (a place taken, deputies replaced).
    private async Task<ReceptionResult> InTransactionAsync(Func<DateTime, CancellationToken, Task<ReceptionResult>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var result = await work(clock.GetUtcNow().UtcDateTime, ct);
                return result.Succeeded ? result : throw new Rollback(result);
            }, cancellationToken);
        }
        catch (Rollback refusal)
        {
            db.ChangeTracker.Clear();
            return refusal.Result;
        }
    }

    private sealed record CheckedDeputy(string Name, DeputyRole Role, string? Title);

    private sealed record CheckedInput(string Title, string GridUnitCode, string Place, DateTime StartsUtc, DateTime EndsUtc, int Capacity, IReadOnlyList<CheckedDeputy> Deputies);

    /// <summary>A unit as the resource of the grid-scoped permission.</summary>
    private sealed record UnitResource(string? GridUnitCode) : IGridScopedResource;

    private sealed class Rollback(ReceptionResult result) : Exception("The reception change was refused.")
    {
        public ReceptionResult Result { get; } = result;
    }
}
