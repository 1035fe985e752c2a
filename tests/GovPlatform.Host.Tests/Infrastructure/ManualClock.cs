namespace GovPlatform.Host.Tests.Infrastructure;

/// <summary>A host clock the test moves forward; it starts at the real time unless given a start. Timers and timestamps stay real.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _utcTicks;

    public ManualClock()
        : this(System.GetUtcNow())
    {
    }

    /// <summary>A clock that starts at <paramref name="start"/>.</summary>
    public ManualClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
