using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GovPlatform.Data;

/// <summary>
/// How every <see cref="DateTime"/> of the tenant's model is stored: as UTC, to the microsecond (PostgreSQL's
/// precision), and read back with <see cref="DateTimeKind.Utc"/>, so that both providers hold and return the same value.
/// </summary>
public sealed class UtcDateTimeConverter : ValueConverter<DateTime, DateTime>
{
    /// <summary>The converter.</summary>
    public UtcDateTimeConverter()
        : base(value => ToStored(value), value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
    {
    }

    /// <summary>The value as stored: UTC, truncated to the microsecond. Use it for timestamps written without EF Core.</summary>
    public static DateTime ToStored(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }
}
