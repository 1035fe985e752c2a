using GovPlatform.Data;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Appointments;

/// <summary>
/// Reads what the appointment pages and the reminder job show about stations and advisers, and the slots grouped by
/// local day. Writes nothing: every change goes through <see cref="BookingService"/>.
/// </summary>
internal sealed class AppointmentDirectory(TenantDbContext db, BookingService booking, ITenant tenant)
{
    /// <summary>Days shown at once on a booking page; paging moves by a week.</summary>
    public const int WindowDays = 14;

    private readonly Dictionary<(ProviderKind, long), ProviderInfo?> _cache = [];

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);

    /// <summary>The station or adviser, or null when there is none.</summary>
    public async Task<ProviderInfo?> ProviderAsync(ProviderKind kind, long id, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue((kind, id), out var known))
        {
            return known;
        }

        var bookable = await booking.FindAsync(kind, id, cancellationToken);
        ProviderInfo? info = null;
        if (bookable is not null && kind == ProviderKind.Station)
        {
            var station = await db.Set<LegalStation>().AsNoTracking().FirstAsync(s => s.Id == id, cancellationToken);
            info = new ProviderInfo(bookable, station.Address, station.Hours, station.Phone, null, null);
        }
        else if (bookable is not null)
        {
            var found = await (from a in db.Set<AdviserAssignment>().AsNoTracking()
                               join l in db.Set<Lawyer>().AsNoTracking() on a.LawyerId equals l.Id
                               where a.Id == id
                               select new { a.Place, a.Hours, l.Name, l.FirmId }).FirstAsync(cancellationToken);
            var firm = found.FirmId is { } firmId ? await db.Set<LawFirm>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == firmId, cancellationToken) : null;
            info = new ProviderInfo(bookable, found.Place, found.Hours, firm?.Phone, found.Name,
                firm is null ? null : new BilingualText(firm.Name, firm.EnglishName.Length > 0 ? firm.EnglishName : firm.Name));
        }

        _cache[(kind, id)] = info;
        return info;
    }

    /// <summary>The provider's slots of the window starting <paramref name="week"/> weeks from today, grouped by local day.</summary>
    public async Task<SlotWindow> SlotsAsync(Bookable bookable, int week, CancellationToken cancellationToken)
    {
        var today = await booking.TodayAsync(cancellationToken);
        var lastWeek = Math.Max(0, (bookable.Rules.DaysAhead - 1) / 7);
        week = Math.Clamp(week, 0, lastWeek);
        var from = today.AddDays(7 * week);
        var slots = await booking.SlotsAsync(bookable, from, WindowDays, cancellationToken);
        var days = slots.GroupBy(s => LocalDate(s.StartsUtc)).Select(g => new SlotDay(g.Key, [.. g])).ToList();
        return new SlotWindow(days, week, week > 0, week < lastWeek && from.AddDays(WindowDays) <= today.AddDays(bookable.Rules.DaysAhead));
    }

    /// <summary>The local date of a UTC time.</summary>
    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(Local(utc));

    /// <summary>The local time of a UTC time.</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The appointments with their providers.</summary>
    public async Task<List<AppointmentView>> ViewsAsync(IEnumerable<Appointment> appointments, CancellationToken cancellationToken)
    {
        var views = new List<AppointmentView>();
        foreach (var appointment in appointments)
        {
            views.Add(new AppointmentView(appointment, await ProviderAsync(appointment.ProviderKind, appointment.ProviderId, cancellationToken)));
        }

        return views;
    }
}
