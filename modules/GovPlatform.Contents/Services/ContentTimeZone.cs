using GovPlatform.Tenants;

namespace GovPlatform.Contents.Services;

/// <summary>The tenant's time zone, for dates editors type in local time.</summary>
internal sealed class ContentTimeZone(ITenant tenant)
{
    private readonly TimeZoneInfo _zone = Find(tenant.TimeZone);

    public TimeZoneInfo Zone => _zone;

    /// <summary>A local time of the tenant as UTC.</summary>
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);

    /// <summary>A UTC time in the tenant's local time.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    private static TimeZoneInfo Find(string id)
    {
        try
        {
            return string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
