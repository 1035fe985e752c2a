using System.Text.Json.Serialization;

namespace GovPlatform.Calendars;

/// <summary>One working period of a working day, in the tenant's local time: from <see cref="Start"/> up to (not including) <see cref="End"/>.</summary>
/// <param name="Start">When the period begins (local time).</param>
/// <param name="End">When it ends (local time); after <paramref name="Start"/>, on the same day.</param>
public sealed record WorkingPeriod(
    [property: JsonConverter(typeof(CalendarTimeJsonConverter))] TimeOnly Start,
    [property: JsonConverter(typeof(CalendarTimeJsonConverter))] TimeOnly End)
{
    /// <summary>The period's nominal length (a day with a daylight-saving change may make it longer or shorter).</summary>
    [JsonIgnore]
    public TimeSpan Length => End - Start;

    /// <summary>The period as <c>08:30–12:00</c>.</summary>
    public override string ToString() => $"{Start:HH\\:mm}–{End:HH\\:mm}";
}
