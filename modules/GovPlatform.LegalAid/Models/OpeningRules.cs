namespace GovPlatform.LegalAid.Models;

/// <summary>
/// When a station or an adviser takes appointments: on which weekdays, between which local times, in slots of how many
/// minutes with how many places each, up to how many days ahead. Holidays of the tenant's working calendar are always
/// closed; a schedule of every weekday (Monday to Friday) also opens on the calendar's make-up working days, a weekly
/// one (say, Wednesday afternoons) does not.
/// </summary>
public interface IOpeningRules
{
    /// <summary>The weekdays open, as a bit mask (bit 0 Sunday … bit 6 Saturday, as <see cref="DayOfWeek"/>); 0: no appointments.</summary>
    int OpenDays { get; }

    /// <summary>Local time the first slot starts.</summary>
    TimeOnly? OpensAt { get; }

    /// <summary>Local time the last slot must end by.</summary>
    TimeOnly? ClosesAt { get; }

    /// <summary>Minutes per slot (10–240).</summary>
    int SlotMinutes { get; }

    /// <summary>Places per slot (how many citizens can be received at once; 0: no appointments).</summary>
    int SlotCapacity { get; }

    /// <summary>How many days ahead a slot can be booked (1–90).</summary>
    int DaysAhead { get; }
}

/// <summary>Helpers for <see cref="IOpeningRules.OpenDays"/>.</summary>
public static class OpenDays
{
    /// <summary>Monday to Friday.</summary>
    public const int Weekdays = 0b0111110;

    /// <summary>The mask of these days.</summary>
    public static int Of(params DayOfWeek[] days) => days.Aggregate(0, (mask, day) => mask | (1 << (int)day));

    /// <summary>Whether the mask has this day.</summary>
    public static bool Has(int mask, DayOfWeek day) => (mask & (1 << (int)day)) != 0;

    /// <summary>The days of the mask, Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> Days(int mask) =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }.Where(d => Has(mask, d))];
}
