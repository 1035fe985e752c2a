using System.Collections.Frozen;

namespace GovPlatform.Calendars;

/// <summary>
/// A tenant's working time, immutable and thread-safe: which days are working days, which instants fall in working
/// time, and deadline arithmetic in working hours and working days. Every computation is done in the tenant's time
/// zone (daylight saving included) and every instant returned is UTC.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>How many calendar days one computation may scan before it gives up (about ten years).</summary>
    public const int MaxScannedDays = 3660;

    private readonly FrozenSet<DayOfWeek> _workingDays;
    private readonly FrozenDictionary<DateOnly, string?> _holidays;
    private readonly FrozenDictionary<DateOnly, string?> _makeUpDays;
    private readonly WorkingPeriod[] _periods;
    private readonly WorkingCalendarDefinition _definition;

    /// <summary>The calendar of a valid <paramref name="definition"/> in <paramref name="timeZone"/>; throws <see cref="WorkingCalendarException"/> when the definition is not valid.</summary>
    public WorkingCalendar(WorkingCalendarDefinition definition, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(timeZone);
        var errors = definition.Validate();
        if (errors.Count > 0)
        {
            throw new WorkingCalendarException(errors);
        }

        _definition = definition.Normalized();
        TimeZone = timeZone;
        _workingDays = _definition.WorkingDays.ToFrozenSet();
        _periods = [.. _definition.Hours];
        _holidays = _definition.Holidays.ToFrozenDictionary(d => d.Date, d => d.Name);
        _makeUpDays = _definition.MakeUpDays.ToFrozenDictionary(d => d.Date, d => d.Name);
    }

    /// <summary>The default calendar (Monday to Friday, 08:30–12:00 and 13:30–17:30, no holidays) in <paramref name="timeZone"/>.</summary>
    public static WorkingCalendar Default(TimeZoneInfo timeZone) => new(new WorkingCalendarDefinition(), timeZone);

    /// <summary>The tenant's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The working weekdays, Monday first.</summary>
    public IReadOnlyList<DayOfWeek> WorkingDays => _definition.WorkingDays;

    /// <summary>The working periods of a working day, in order.</summary>
    public IReadOnlyList<WorkingPeriod> Hours => _periods;

    /// <summary>The holidays, by date.</summary>
    public IReadOnlyList<CalendarDay> Holidays => _definition.Holidays;

    /// <summary>The make-up working days, by date.</summary>
    public IReadOnlyList<CalendarDay> MakeUpDays => _definition.MakeUpDays;

    /// <summary>A copy of the (normalised) definition the calendar was built from.</summary>
    public WorkingCalendarDefinition ToDefinition() => _definition.Clone();

    /// <summary>Whether <paramref name="date"/> is a working day: a make-up day, or a working weekday that is not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _makeUpDays.ContainsKey(date) || (_workingDays.Contains(date.DayOfWeek) && !_holidays.ContainsKey(date));

    /// <summary>Whether <paramref name="date"/> is an exception to the working week: a holiday on a working weekday, or a make-up day on another.</summary>
    public bool IsException(DateOnly date) => IsWorkingDay(date) != _workingDays.Contains(date.DayOfWeek);

    /// <summary>The name given to <paramref name="date"/> as a holiday or make-up day, or null.</summary>
    public string? NameOf(DateOnly date) =>
        _makeUpDays.TryGetValue(date, out var makeUp) ? makeUp : _holidays.GetValueOrDefault(date);

    /// <summary>The local date of <paramref name="instant"/> in the tenant's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>Whether <paramref name="instant"/> falls inside a working period of a working day (a period's end is outside it).</summary>
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var date = LocalDate(instant);
        if (!IsWorkingDay(date))
        {
            return false;
        }

        foreach (var period in _periods)
        {
            var (start, end) = Interval(date, period);
            if (start <= instant && instant < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="instant"/> itself (as UTC) when it is working time, otherwise the start of the next working period.</summary>
    public DateTimeOffset NextWorkingTime(DateTimeOffset instant)
    {
        var cursor = instant.ToUniversalTime();
        foreach (var (start, end) in IntervalsFrom(cursor))
        {
            if (end > cursor)
            {
                return start > cursor ? start : cursor;
            }
        }

        throw NoResult(instant);
    }

    /// <summary>
    /// The instant at which <paramref name="hours"/> of working time have passed since <paramref name="start"/>: only time
    /// inside working periods of working days counts; a start outside working time counts from the next period. A
    /// deadline that uses up a period exactly is that period's end. Zero hours gives <paramref name="start"/> back.
    /// </summary>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, double hours)
    {
        if (double.IsNaN(hours) || hours < 0 || hours * TimeSpan.TicksPerHour >= long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(hours), hours, "Working hours must be a finite number of hours, zero or more.");
        }

        return Add(start, TimeSpan.FromTicks((long)Math.Round(hours * TimeSpan.TicksPerHour)));
    }

    /// <summary>The instant at which <paramref name="duration"/> of working time has passed since <paramref name="start"/> (see <see cref="AddWorkingHours"/>).</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var cursor = start.ToUniversalTime();
        if (duration == TimeSpan.Zero)
        {
            return cursor;
        }

        var remaining = duration;
        foreach (var (periodStart, periodEnd) in IntervalsFrom(cursor))
        {
            if (periodEnd <= cursor)
            {
                continue;
            }

            var begin = periodStart > cursor ? periodStart : cursor;
            var available = periodEnd - begin;
            if (remaining <= available)
            {
                return begin + remaining;
            }

            remaining -= available;
        }

        throw NoResult(start);
    }

    /// <summary>
    /// The deadline <paramref name="days"/> working days after <paramref name="start"/> (受理次日起算): the day of
    /// <paramref name="start"/> does not count, and the deadline is the end of the last working period of the
    /// <paramref name="days"/>-th working day after it.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var date = LocalDate(start);
        var counted = 0;
        for (var scanned = 0; scanned < MaxScannedDays; scanned++)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date) && ++counted == days)
            {
                return ToUtc(date, _periods[^1].End);
            }
        }

        throw NoResult(start);
    }

    /// <summary>The working time between two instants (working periods of working days only); zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var begin = from.ToUniversalTime();
        var finish = to.ToUniversalTime();
        if (finish <= begin)
        {
            return TimeSpan.Zero;
        }

        // Bounded by the last local day of the range, so that a run of days off up to `to` ends the loop too.
        var last = LocalDate(finish).AddDays(1);
        if (last.DayNumber - LocalDate(begin).DayNumber > MaxScannedDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range is longer than {MaxScannedDays} days.");
        }

        var total = TimeSpan.Zero;
        foreach (var (start, end) in IntervalsFrom(begin, last))
        {
            if (start >= finish)
            {
                break;
            }

            var overlapStart = start > begin ? start : begin;
            var overlapEnd = end < finish ? end : finish;
            if (overlapEnd > overlapStart)
            {
                total += overlapEnd - overlapStart;
            }
        }

        return total;
    }

    /// <summary>The UTC instant of a local date and time in the tenant's zone, DST-safe (see <see cref="ToUtc(DateTime)"/>).</summary>
    public DateTimeOffset ToUtc(DateOnly date, TimeOnly time) => ToUtc(date.ToDateTime(time, DateTimeKind.Unspecified));

    /// <summary>
    /// The UTC instant of a local wall-clock time in the tenant's zone. A time that the clocks skip (spring forward) is the
    /// instant they jump; a time that occurs twice (fall back) is its first occurrence.
    /// </summary>
    public DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            return GapEnd(local);
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    /// <summary>
    /// Working periods of working days as UTC intervals in time order, from the day before the cursor's local date up to
    /// <paramref name="until"/> (included), for at most <see cref="MaxScannedDays"/> days.
    /// </summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> IntervalsFrom(DateTimeOffset cursor, DateOnly? until = null)
    {
        // The day before too: a period's local date and the cursor's can differ around a DST change at midnight.
        var date = LocalDate(cursor).AddDays(-1);
        for (var scanned = 0; scanned < MaxScannedDays && (until is null || date <= until); scanned++, date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var period in _periods)
            {
                var interval = Interval(date, period);
                if (interval.End > interval.Start)
                {
                    yield return interval;
                }
            }
        }
    }

    private (DateTimeOffset Start, DateTimeOffset End) Interval(DateOnly date, WorkingPeriod period) =>
        (ToUtc(date, period.Start), ToUtc(date, period.End));

    /// <summary>The instant the clocks jump over the skipped local time <paramref name="local"/>: found by bisection between the two offsets around it.</summary>
    private DateTimeOffset GapEnd(DateTime local)
    {
        var before = TimeZone.GetUtcOffset(local.AddDays(-1));
        var after = TimeZone.GetUtcOffset(local.AddDays(1));
        long low = local.Ticks - Math.Max(before.Ticks, after.Ticks), high = local.Ticks - Math.Min(before.Ticks, after.Ticks);

        // The wall clock at `low` is before the gap, at `high` after it; find the first instant whose wall clock is past it.
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            var wall = middle + TimeZone.GetUtcOffset(new DateTimeOffset(middle, TimeSpan.Zero)).Ticks;
            if (wall > local.Ticks)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return new DateTimeOffset(high, TimeSpan.Zero);
    }

    private static InvalidOperationException NoResult(DateTimeOffset start) =>
        new($"The working calendar has no answer within {MaxScannedDays} days of {start:O}: too few working days, or too long a duration.");
}
