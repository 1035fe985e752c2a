using System.Globalization;
using GovPlatform.Auditing;
using GovPlatform.Tenants;

namespace GovPlatform.Admin.Services;

/// <summary>The audit page's query string: filters by category, user and text, and dates in the tenant's time zone.</summary>
public sealed class AuditFilter
{
    public string? Category { get; set; }

    public string? User { get; set; }

    public string? Text { get; set; }

    /// <summary>First day included (yyyy-MM-dd, the tenant's time zone).</summary>
    public string? From { get; set; }

    /// <summary>Last day included (yyyy-MM-dd, the tenant's time zone).</summary>
    public string? To { get; set; }

    public int? Page { get; set; }

    public AuditQuery ToQuery(ITenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        return new AuditQuery(
            Category: Blank(Category), UserName: Blank(User), Text: Blank(Text),
            FromUtc: Day(From, zone), ToUtc: Day(To, zone)?.AddDays(1), Page: Math.Max(1, Page ?? 1), PageSize: 50);
    }

    /// <summary>The query string of these filters on another page.</summary>
    public string QueryString(int page)
    {
        var parts = new List<string>();
        Add(parts, "category", Category);
        Add(parts, "user", User);
        Add(parts, "text", Text);
        Add(parts, "from", From);
        Add(parts, "to", To);
        if (page > 1)
        {
            parts.Add($"page={page.ToString(CultureInfo.InvariantCulture)}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Day(string? value, TimeZoneInfo zone)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
