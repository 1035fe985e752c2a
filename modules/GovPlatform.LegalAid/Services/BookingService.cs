using System.Security.Cryptography;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Identifiers;
using GovPlatform.LegalAid.Models;
using GovPlatform.Localization;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Services;

/// <summary>How a booking request went.</summary>
public enum BookingStatus
{
    /// <summary>Done (booked, cancelled, moved, marked).</summary>
    Done,

    /// <summary>An earlier request with the same key booked it; nothing changed.</summary>
    Replayed,

    /// <summary>No such station, adviser or appointment (or the code and phone do not match).</summary>
    NotFound,

    /// <summary>Bad input (see the errors).</summary>
    Invalid,

    /// <summary>The slot has no place left.</summary>
    Full,

    /// <summary>Not allowed now (too late to cancel, too many bookings, not booked any more).</summary>
    NotAllowed,

    /// <summary>Someone changed the appointment at the same time; reload and try again.</summary>
    Stale,
}

/// <summary>The outcome of a booking request: the appointment, or why not.</summary>
public sealed record BookingResult(BookingStatus Status, Appointment? Appointment = null, IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status is BookingStatus.Done or BookingStatus.Replayed;

    public static BookingResult Refused(BookingStatus status, string field, BilingualText message) =>
        new(status, Errors: new Dictionary<string, BilingualText> { [field] = message });
}

/// <summary>A citizen's booking.</summary>
/// <param name="Kind">A station or an adviser.</param>
/// <param name="ProviderId">The station's id or the adviser assignment's id.</param>
/// <param name="StartsUtc">The slot's start.</param>
/// <param name="CitizenName">Who comes.</param>
/// <param name="Phone">Their mobile; with the code it lets them cancel.</param>
/// <param name="MatterType">The kind of matter.</param>
/// <param name="Matter">What they want to ask, or null.</param>
/// <param name="IdempotencyKey">The form's key: a repeated submission returns the first booking; null for none.</param>
public sealed record BookingRequest(ProviderKind Kind, long ProviderId, DateTime StartsUtc, string CitizenName, string Phone, MatterType MatterType, string? Matter, string? IdempotencyKey);

/// <summary>Something citizens can book: a station, or a community's adviser for the term of the assignment.</summary>
/// <param name="Kind">Which.</param>
/// <param name="Id">The station's or the assignment's id.</param>
/// <param name="ProviderKey">The key of its slots' counts (<c>station:3</c>, <c>lawyer:8</c>).</param>
/// <param name="GridUnitCode">The station's unit or the adviser's community.</param>
/// <param name="LawyerId">The adviser, or null for a station.</param>
/// <param name="Name">As citizens read it (the station; the adviser and the community).</param>
/// <param name="Place">Where to go.</param>
/// <param name="Rules">When it takes appointments.</param>
/// <param name="From">First local date it can be booked for (the term's start), or null.</param>
/// <param name="To">Last local date (the term's end), or null.</param>
/// <param name="Active">Whether it takes bookings now (an inactive station, an ended term do not).</param>
public sealed record Bookable(ProviderKind Kind, long Id, string ProviderKey, string GridUnitCode, long? LawyerId, BilingualText Name, string? Place, IOpeningRules Rules, DateOnly? From, DateOnly? To, bool Active);

/// <summary>
/// Appointments with stations and community advisers (预约). A slot's places are counted in a row of
/// <c>gp_legal_slots</c> moved only by conditional updates in the booking's transaction
/// (<c>booked = booked + 1 WHERE booked &lt; capacity</c>), so two citizens can never take the same last place, even at
/// the same instant, on either provider. Cancelling gives the place back; rescheduling takes the new place before it
/// gives back the old one. Citizens act with the confirmation code and their phone; staff by their permission (checked
/// by the pages). Every change is audited (category <c>legalaid</c>).
/// </summary>
public sealed class BookingService(
    TenantDbContext db,
    IWorkingCalendarStore calendars,
    IGridDirectory grid,
    LegalAidSettingsStore settingsStore,
    IAuditLog audit,
    TimeProvider clock)
{
    /// <summary>The audit category of the module.</summary>
    public const string AuditCategory = "legalaid";

    /// <summary>Who acts when the citizen does (with the code and phone).</summary>
    public const string CitizenActor = "citizen";

    private const string CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static readonly BilingualText FullMessage = new("这个时段已约满，请选择其他时段。", "This slot is fully booked; choose another.");
    private static readonly BilingualText StaleMessage = new("这条预约刚被他人修改，请刷新后再试。", "Someone changed this appointment meanwhile; reload and try again.");

    /// <summary>The station or the adviser assignment, as something to book; null when there is none.</summary>
    public async Task<Bookable?> FindAsync(ProviderKind kind, long id, CancellationToken cancellationToken = default)
    {
        if (kind == ProviderKind.Station)
        {
            var station = await db.Set<LegalStation>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            return station is null ? null : new Bookable(ProviderKind.Station, station.Id, $"station:{station.Id}", station.GridUnitCode, null,
                new(station.Name, station.EnglishName.Length > 0 ? station.EnglishName : station.Name), station.Address, station, null, null, station.Active);
        }

        var found = await (from a in db.Set<AdviserAssignment>().AsNoTracking()
                           join l in db.Set<Lawyer>().AsNoTracking() on a.LawyerId equals l.Id
                           where a.Id == id
                           select new { Assignment = a, Lawyer = l }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var unit = await grid.FindAsync(found.Assignment.GridUnitCode, cancellationToken);
        var community = unit?.Name ?? found.Assignment.GridUnitCode;
        var englishCommunity = unit?.EnglishName is { Length: > 0 } english ? english : community;
        var today = await TodayAsync(cancellationToken);
        return new Bookable(ProviderKind.Adviser, found.Assignment.Id, $"lawyer:{found.Lawyer.Id}", found.Assignment.GridUnitCode, found.Lawyer.Id,
            new($"{community}法律顾问 {found.Lawyer.Name}", $"{englishCommunity} legal adviser {found.Lawyer.Name}"), found.Assignment.Place,
            found.Assignment, found.Assignment.StartsOn, found.Assignment.EndsOn, found.Lawyer.Active && found.Assignment.EndsOn >= today);
    }

    /// <summary>The community's adviser in force today, as something to book; null when the community has none.</summary>
    public async Task<Bookable?> FindAdviserAsync(string communityCode, CancellationToken cancellationToken = default)
    {
        var today = await TodayAsync(cancellationToken);
        var id = await db.Set<AdviserAssignment>().AsNoTracking()
            .Where(a => a.GridUnitCode == communityCode)
            .OrderByDescending(a => a.StartsOn)
            .Select(a => new { a.Id, a.StartsOn, a.EndsOn })
            .ToListAsync(cancellationToken);
        var current = id.FirstOrDefault(a => a.StartsOn <= today && a.EndsOn >= today);
        return current is null ? null : await FindAsync(ProviderKind.Adviser, current.Id, cancellationToken);
    }

    /// <summary>
    /// The slots of <paramref name="days"/> days from <paramref name="from"/> (local dates) that can still be booked or
    /// are full: not before the earliest allowed start, not beyond the rules' days ahead, within the term.
    /// </summary>
    public async Task<IReadOnlyList<SlotView>> SlotsAsync(Bookable bookable, DateOnly from, int days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bookable);
        if (!bookable.Active || days <= 0)
        {
            return [];
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var earliest = now.UtcDateTime.AddMinutes(settings.MinLeadMinutes);
        var today = calendar.LocalDate(now);
        var last = today.AddDays(bookable.Rules.DaysAhead);
        var planned = new List<(DateTime StartsUtc, DateTime EndsUtc)>();
        for (var date = from; date < from.AddDays(Math.Min(days, 92)) && date <= last; date = date.AddDays(1))
        {
            if ((bookable.From is { } start && date < start) || (bookable.To is { } end && date > end))
            {
                continue;
            }

            planned.AddRange(SlotPlanner.SlotsOn(bookable.Rules, calendar, date).Where(s => s.StartsUtc >= earliest));
        }

        if (planned.Count == 0)
        {
            return [];
        }

        var first = planned[0].StartsUtc;
        var final = planned[^1].StartsUtc;
        var counts = await db.Set<BookedSlot>().AsNoTracking()
            .Where(s => s.ProviderKey == bookable.ProviderKey && s.StartsUtc >= first && s.StartsUtc <= final)
            .ToDictionaryAsync(s => s.StartsUtc, s => s.Booked, cancellationToken);
        return [.. planned.Select(s => new SlotView(s.StartsUtc, s.EndsUtc, bookable.Rules.SlotCapacity, counts.GetValueOrDefault(s.StartsUtc)))];
    }

    /// <summary>Books a place for a citizen (signed in as <paramref name="userName"/>, or anonymous).</summary>
    public async Task<BookingResult> BookAsync(BookingRequest request, string? userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        if (key is { Length: > 100 })
        {
            return BookingResult.Refused(BookingStatus.Invalid, "idempotencyKey", new("幂等键不能超过 100 个字符。", "An idempotency key has at most 100 characters."));
        }

        if (key is not null && await ReplayAsync(key, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var bookable = await FindAsync(request.Kind, request.ProviderId, cancellationToken);
        if (bookable is null)
        {
            return new BookingResult(BookingStatus.NotFound);
        }

        var errors = new Dictionary<string, BilingualText>();
        var name = request.CitizenName?.Trim() ?? "";
        if (name.Length is < 1 or > 50)
        {
            errors["citizenName"] = new("请填写姓名（不超过 50 个字）。", "Enter your name (at most 50 characters).");
        }

        var phone = MobileNumber.Normalise(request.Phone);
        if (!MobileNumber.IsValid(phone))
        {
            errors["phone"] = new("请填写 11 位手机号码。", "Enter an 11-digit mobile number.");
        }

        var matter = string.IsNullOrWhiteSpace(request.Matter) ? null : request.Matter.Trim();
        if (matter is { Length: > 500 })
        {
            errors["matter"] = new("咨询事项不能超过 500 个字。", "The matter has at most 500 characters.");
        }

        if (!Enum.IsDefined(request.MatterType))
        {
            errors["matterType"] = new("请选择事项类别。", "Choose the kind of matter.");
        }

        var slot = await CheckSlotAsync(bookable, request.StartsUtc, cancellationToken);
        if (slot.Error is { } slotError)
        {
            errors["startsUtc"] = slotError;
        }

        if (errors.Count > 0)
        {
            return new BookingResult(BookingStatus.Invalid, Errors: errors);
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        await EnsureSlotRowAsync(bookable.ProviderKey, request.StartsUtc, cancellationToken);
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                if (await db.Set<Appointment>().AnyAsync(a => a.ProviderKind == bookable.Kind && a.ProviderId == bookable.Id
                    && a.StartsUtc == request.StartsUtc && a.Phone == phone && a.Status == AppointmentStatus.Booked, ct))
                {
                    return BookingResult.Refused(BookingStatus.NotAllowed, "startsUtc", new("这个手机号已预约了这个时段。", "This phone has already booked this slot."));
                }

                var active = await db.Set<Appointment>().CountAsync(a => a.Phone == phone && a.Status == AppointmentStatus.Booked && a.StartsUtc > now, ct);
                if (active >= settings.MaxActivePerPhone)
                {
                    return BookingResult.Refused(BookingStatus.NotAllowed, "phone", new(
                        $"一个手机号最多同时保留 {settings.MaxActivePerPhone} 个预约，请先取消不需要的预约。",
                        $"One phone can hold at most {settings.MaxActivePerPhone} coming appointments; cancel one you no longer need first."));
                }

                if (!await TakePlaceAsync(bookable.ProviderKey, request.StartsUtc, bookable.Rules.SlotCapacity, ct))
                {
                    return BookingResult.Refused(BookingStatus.Full, "startsUtc", FullMessage);
                }

                var appointment = new Appointment
                {
                    Code = NewCode(),
                    ProviderKind = bookable.Kind,
                    ProviderId = bookable.Id,
                    GridUnitCode = bookable.GridUnitCode,
                    LawyerId = bookable.LawyerId,
                    StartsUtc = request.StartsUtc,
                    EndsUtc = slot.EndsUtc,
                    CitizenName = name,
                    Phone = phone,
                    UserName = string.IsNullOrWhiteSpace(userName) ? null : userName,
                    MatterType = request.MatterType,
                    Matter = matter,
                    Status = AppointmentStatus.Booked,
                    IdempotencyKey = key,
                    CreatedUtc = now,
                    UpdatedUtc = now,
                    Version = 1,
                };
                db.Add(appointment);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync(new AuditEvent(AuditCategory, "book", $"appointment:{appointment.Code}",
                    $"{bookable.ProviderKey} at {appointment.StartsUtc:yyyy-MM-dd HH:mm}Z"), ct);
                return new BookingResult(BookingStatus.Done, appointment);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A unique index: the same request (its key) or the same phone in the same slot landed first at the same instant.
            db.ChangeTracker.Clear();
            if (key is not null && await ReplayAsync(key, cancellationToken) is { } twin)
            {
                return twin;
            }

            return BookingResult.Refused(BookingStatus.NotAllowed, "startsUtc", new("这个手机号已预约了这个时段。", "This phone has already booked this slot."));
        }
    }

    /// <summary>The appointment with this confirmation code and phone (both must match), or null.</summary>
    public async Task<Appointment?> FindByCodeAsync(string? code, string? phone, CancellationToken cancellationToken = default)
    {
        var normalisedCode = (code ?? "").Trim().ToUpperInvariant();
        var normalisedPhone = MobileNumber.Normalise(phone);
        if (normalisedCode.Length is < 4 or > 12 || normalisedPhone.Length == 0)
        {
            return null;
        }

        return await db.Set<Appointment>().AsNoTracking()
            .FirstOrDefaultAsync(a => a.Code == normalisedCode && a.Phone == normalisedPhone, cancellationToken);
    }

    /// <summary>
    /// Cancels a coming appointment and gives its place back. A citizen (<paramref name="byCitizen"/>) may cancel until
    /// the rules' hours before the start; staff at any time before it.
    /// </summary>
    public async Task<BookingResult> CancelAsync(long appointmentId, string? reason, string actor, bool byCitizen, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var note = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (note is { Length: > 500 })
        {
            return BookingResult.Refused(BookingStatus.Invalid, "reason", new("原因不能超过 500 个字。", "The reason has at most 500 characters."));
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        return await ChangeAsync(appointmentId, async (appointment, now, ct) =>
        {
            if (appointment.Status != AppointmentStatus.Booked || appointment.StartsUtc <= now)
            {
                return BookingResult.Refused(BookingStatus.NotAllowed, "form", new("只能取消尚未开始的有效预约。", "Only a coming appointment can be cancelled."));
            }

            if (byCitizen && appointment.StartsUtc < now.AddHours(settings.CancelUntilHours))
            {
                return BookingResult.Refused(BookingStatus.NotAllowed, "form", new(
                    $"开始前 {settings.CancelUntilHours} 小时内不能在网上取消，请致电服务站点。",
                    $"Within {settings.CancelUntilHours} hours of the start it cannot be cancelled online; call the station."));
            }

            await GiveBackAsync(ProviderKeyOf(appointment), appointment.StartsUtc, ct);
            appointment.Status = AppointmentStatus.Cancelled;
            appointment.CancelReason = note;
            appointment.ChangedBy = actor;
            await SaveAsync(appointment, now, "cancel", note, ct);
            return new BookingResult(BookingStatus.Done, appointment);
        }, cancellationToken);
    }

    /// <summary>
    /// Moves a coming appointment to another slot of the same station or adviser: the new place is taken before the old
    /// one is given back, in one transaction, so a full slot leaves the booking as it was.
    /// </summary>
    public async Task<BookingResult> RescheduleAsync(long appointmentId, DateTime newStartsUtc, string actor, bool byCitizen, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var current = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (current is null)
        {
            return new BookingResult(BookingStatus.NotFound);
        }

        var bookable = await FindAsync(current.ProviderKind, current.ProviderId, cancellationToken);
        if (bookable is null)
        {
            return new BookingResult(BookingStatus.NotFound);
        }

        var slot = await CheckSlotAsync(bookable, newStartsUtc, cancellationToken);
        if (slot.Error is { } slotError)
        {
            return BookingResult.Refused(BookingStatus.Invalid, "startsUtc", slotError);
        }

        if (newStartsUtc == current.StartsUtc)
        {
            return BookingResult.Refused(BookingStatus.Invalid, "startsUtc", new("请选择另一个时段。", "Choose a different slot."));
        }

        var settings = await settingsStore.GetAsync(cancellationToken);
        await EnsureSlotRowAsync(bookable.ProviderKey, newStartsUtc, cancellationToken);
        return await ChangeAsync(appointmentId, async (appointment, now, ct) =>
        {
            if (appointment.Status != AppointmentStatus.Booked || appointment.StartsUtc <= now)
            {
                return BookingResult.Refused(BookingStatus.NotAllowed, "form", new("只能改约尚未开始的有效预约。", "Only a coming appointment can be moved."));
            }

            if (byCitizen && appointment.StartsUtc < now.AddHours(settings.CancelUntilHours))
            {
                return BookingResult.Refused(BookingStatus.NotAllowed, "form", new(
                    $"开始前 {settings.CancelUntilHours} 小时内不能在网上改约，请致电服务站点。",
                    $"Within {settings.CancelUntilHours} hours of the start it cannot be moved online; call the station."));
            }

            if (!await TakePlaceAsync(bookable.ProviderKey, newStartsUtc, bookable.Rules.SlotCapacity, ct))
            {
                return BookingResult.Refused(BookingStatus.Full, "startsUtc", FullMessage);
            }

            await GiveBackAsync(ProviderKeyOf(appointment), appointment.StartsUtc, ct);
            var from = appointment.StartsUtc;
            appointment.StartsUtc = newStartsUtc;
            appointment.EndsUtc = slot.EndsUtc;
            appointment.Reschedules++;
            appointment.ReminderSentUtc = null;
            appointment.ChangedBy = actor;
            await SaveAsync(appointment, now, "reschedule", $"{from:yyyy-MM-dd HH:mm}Z → {newStartsUtc:yyyy-MM-dd HH:mm}Z", ct);
            return new BookingResult(BookingStatus.Done, appointment);
        }, cancellationToken);
    }

    /// <summary>Records whether the citizen came (staff, once the slot has begun); a mistaken mark can be corrected.</summary>
    public async Task<BookingResult> MarkAsync(long appointmentId, bool kept, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return await ChangeAsync(appointmentId, async (appointment, now, ct) =>
        {
            if (appointment.Status == AppointmentStatus.Cancelled)
            {
                return BookingResult.Refused(BookingStatus.NotAllowed, "form", new("已取消的预约不能登记到场情况。", "A cancelled appointment cannot be marked."));
            }

            if (appointment.StartsUtc > now)
            {
                return BookingResult.Refused(BookingStatus.NotAllowed, "form", new("预约时段开始后才能登记到场情况。", "An appointment can be marked once its slot has begun."));
            }

            if (!kept && appointment.ConsultationId is not null)
            {
                return BookingResult.Refused(BookingStatus.NotAllowed, "form", new("已登记咨询的预约不能标为未到场。", "An appointment with a consultation recorded cannot be marked missed."));
            }

            var status = kept ? AppointmentStatus.Kept : AppointmentStatus.Missed;
            if (appointment.Status == status)
            {
                return new BookingResult(BookingStatus.Done, appointment);
            }

            appointment.Status = status;
            appointment.ChangedBy = actor;
            await SaveAsync(appointment, now, kept ? "kept" : "missed", null, ct);
            return new BookingResult(BookingStatus.Done, appointment);
        }, cancellationToken);
    }

    /// <summary>The slot-count key of an appointment's provider.</summary>
    public static string ProviderKeyOf(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return appointment.ProviderKind == ProviderKind.Station ? $"station:{appointment.ProviderId}" : $"lawyer:{appointment.LawyerId}";
    }

    /// <summary>Today's local date in the tenant's zone.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken = default) =>
        (await calendars.GetAsync(cancellationToken)).LocalDate(clock.GetUtcNow());

    private async Task<(DateTime EndsUtc, BilingualText? Error)> CheckSlotAsync(Bookable bookable, DateTime startsUtc, CancellationToken cancellationToken)
    {
        if (!bookable.Active)
        {
            return (default, new("这里目前不接受预约。", "It does not take appointments at present."));
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var start = DateTime.SpecifyKind(startsUtc, DateTimeKind.Utc);
        if (SlotPlanner.FindSlot(bookable.Rules, calendar, start) is not { } slot)
        {
            return (default, new("请选择列出的预约时段。", "Choose one of the slots listed."));
        }

        var now = clock.GetUtcNow();
        var date = calendar.LocalDate(new DateTimeOffset(start));
        if (start < now.UtcDateTime.AddMinutes(settings.MinLeadMinutes))
        {
            return (default, new($"请预约 {settings.MinLeadMinutes} 分钟以后开始的时段。", $"Book a slot starting at least {settings.MinLeadMinutes} minutes from now."));
        }

        if (date > calendar.LocalDate(now).AddDays(bookable.Rules.DaysAhead)
            || (bookable.From is { } from && date < from) || (bookable.To is { } to && date > to))
        {
            return (default, new($"只能预约 {bookable.Rules.DaysAhead} 天以内的时段。", $"Slots can be booked up to {bookable.Rules.DaysAhead} days ahead."));
        }

        return (slot.EndsUtc, null);
    }

    // The row a slot's places are counted in, created outside the booking's transaction: two first bookings of a slot
    // at the same instant both find it (the loser of the insert finds the winner's row).
    private async Task EnsureSlotRowAsync(string providerKey, DateTime startsUtc, CancellationToken cancellationToken)
    {
        if (await db.Set<BookedSlot>().AnyAsync(s => s.ProviderKey == providerKey && s.StartsUtc == startsUtc, cancellationToken))
        {
            return;
        }

        db.Add(new BookedSlot { ProviderKey = providerKey, StartsUtc = startsUtc, Booked = 0 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The other request created it.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> TakePlaceAsync(string providerKey, DateTime startsUtc, int capacity, CancellationToken cancellationToken) =>
        await db.Set<BookedSlot>()
            .Where(s => s.ProviderKey == providerKey && s.StartsUtc == startsUtc && s.Booked < capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), cancellationToken) == 1;

    private async Task GiveBackAsync(string providerKey, DateTime startsUtc, CancellationToken cancellationToken) =>
        await db.Set<BookedSlot>()
            .Where(s => s.ProviderKey == providerKey && s.StartsUtc == startsUtc && s.Booked > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), cancellationToken);

    // Loads the appointment for change in a transaction; a refusal rolls back what the change did to the slots.
    private async Task<BookingResult> ChangeAsync(long appointmentId, Func<Appointment, DateTime, CancellationToken, Task<BookingResult>> change, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var appointment = await db.Set<Appointment>().FirstOrDefaultAsync(a => a.Id == appointmentId, ct);
                if (appointment is null)
                {
                    return new BookingResult(BookingStatus.NotFound);
                }

                var result = await change(appointment, clock.GetUtcNow().UtcDateTime, ct);
                return result.Succeeded ? result : throw new BookingRollback(result);
            }, cancellationToken);
        }
        catch (BookingRollback refusal)
        {
            db.ChangeTracker.Clear();
            return refusal.Result;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return BookingResult.Refused(BookingStatus.Stale, "form", StaleMessage);
        }
    }

    private async Task SaveAsync(Appointment appointment, DateTime now, string action, string? note, CancellationToken cancellationToken)
    {
        appointment.UpdatedUtc = now;
        appointment.Version++;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditCategory, action, $"appointment:{appointment.Code}", note), cancellationToken);
    }

    private async Task<BookingResult?> ReplayAsync(string key, CancellationToken cancellationToken)
    {
        var earlier = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.IdempotencyKey == key, cancellationToken);
        return earlier is null ? null : new BookingResult(BookingStatus.Replayed, earlier);
    }

    private static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);

    /// <summary>Carries a refusal out of the transaction so that it rolls back.</summary>
    private sealed class BookingRollback(BookingResult result) : Exception("The booking change was refused.")
    {
        public BookingResult Result { get; } = result;
    }
}
