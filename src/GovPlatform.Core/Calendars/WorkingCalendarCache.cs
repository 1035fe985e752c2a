using GovPlatform.Calendars;

namespace GovPlatform.Core.Calendars;

/// <summary>
/// The tenant's working calendar, kept by its shell (a singleton of the shell): deadlines are computed on many requests
/// and the calendar changes a few times a year. A save on this node invalidates it at once; an entry also expires after
/// <see cref="Lifetime"/>, so that a save on another node is seen within that time. A new shell (a changed time zone)
/// starts with an empty cache.
/// </summary>
public sealed class WorkingCalendarCache(TimeProvider clock)
{
    /// <summary>How long a copy is trusted without a save on this node.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private volatile Entry? _entry;
    private long _generation;

    /// <summary>The kept calendar, or null when there is none or it has expired.</summary>
    public WorkingCalendar? Get() => _entry is { } entry && entry.Expires > clock.GetUtcNow() && entry.Generation == Interlocked.Read(ref _generation)
        ? entry.Calendar
        : null;

    /// <summary>The generation to pass to <see cref="Set"/>: read it before loading, so that a save meanwhile wins.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Keeps <paramref name="calendar"/>, loaded when the generation was <paramref name="generation"/>; ignored if a save came since.</summary>
    public void Set(WorkingCalendar calendar, long generation)
    {
        if (generation == Interlocked.Read(ref _generation))
        {
            _entry = new Entry(calendar, clock.GetUtcNow() + Lifetime, generation);
        }
    }

    /// <summary>Forgets the kept calendar, after a save.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entry = null;
    }

    private sealed record Entry(WorkingCalendar Calendar, DateTimeOffset Expires, long Generation);
}
