using GovPlatform.Calendars;
using GovPlatform.LegalAid.Models;

namespace GovPlatform.LegalAid.Services;

/// <summary>A bookable slot: its start and end, how many places it has and how many are taken.</summary>
public sealed record SlotView(DateTime StartsUtc, DateTime EndsUtc, int Capacity, int Booked)
{
    /// <summary>Places still free.</summary>
    public int Free => Math.Max(0, Capacity - Booked);
}

/// <summary>
/// Turns opening rules into slots on the tenant's working calendar. A holiday is closed whatever the weekday; a make-up
/// working day (调休) opens for a schedule of every weekday (Monday to Friday) and not for a weekly one (a Wednesday
/// afternoon adviser); otherwise a day is open when its weekday is in the rules.
/// </summary>
public static class SlotPlanner
{
    /// <summary>Whether the rules take appointments at all (days, hours, a slot length and places).</summary>
    public static bool TakesAppointments(IOpeningRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.OpenDays != 0 && rules.SlotCapacity > 0 && rules.SlotMinutes > 0
            && rules.OpensAt is { } opens && rules.ClosesAt is { } closes && opens.AddMinutes(rules.SlotMinutes) <= closes
            && opens < closes;
    }

    /// <summary>Whether <paramref name="date"/> is open under the rules and the calendar.</summary>
    public static bool IsOpenDay(IOpeningRules rules, WorkingCalendar calendar, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar.Holidays.Any(h => h.Date == date))
        {
            return false;
        }

        if (calendar.MakeUpDays.Any(m => m.Date == date))
        {
            return (rules.OpenDays & OpenDays.Weekdays) == OpenDays.Weekdays;
        }

        return OpenDays.Has(rules.OpenDays, date.DayOfWeek);
    }

    /// <summary>The slots of <paramref name="date"/> (local), start and end in UTC, in order; empty when closed.</summary>
    public static IReadOnlyList<(DateTime StartsUtc, DateTime EndsUtc)> SlotsOn(IOpeningRules rules, WorkingCalendar calendar, DateOnly date)
    {
        if (!TakesAppointments(rules) || !IsOpenDay(rules, calendar, date))
        {
            return [];
        }

        var slots = new List<(DateTime, DateTime)>();
        var opens = rules.OpensAt!.Value.ToTimeSpan();
        var closes = rules.ClosesAt!.Value.ToTimeSpan();
        var length = TimeSpan.FromMinutes(rules.SlotMinutes);
        for (var start = opens; start + length <= closes; start += length)
        {
            var local = date.ToDateTime(TimeOnly.FromTimeSpan(start), DateTimeKind.Unspecified);
            var startsUtc = calendar.ToUtc(local).UtcDateTime;
            slots.Add((startsUtc, startsUtc + length));
        }

        return slots;
    }

    /// <summary>Whether <paramref name="startsUtc"/> is the start of one of the rules' slots (on its local date).</summary>
    public static (DateTime StartsUtc, DateTime EndsUtc)? FindSlot(IOpeningRules rules, WorkingCalendar calendar, DateTime startsUtc)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var date = calendar.LocalDate(new DateTimeOffset(DateTime.SpecifyKind(startsUtc, DateTimeKind.Utc)));
        foreach (var slot in SlotsOn(rules, calendar, date))
        {
            if (slot.StartsUtc == startsUtc)
            {
                return slot;
            }
        }

        return null;
    }
}
