using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovPlatform.Calendars;

/// <summary>JSON of a calendar time: written <c>HH:mm</c> (or <c>HH:mm:ss</c> when it has seconds), read from <c>H:mm</c> or <c>HH:mm:ss</c>.</summary>
public sealed class CalendarTimeJsonConverter : JsonConverter<TimeOnly>
{
    private static readonly string[] Formats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    /// <summary>Parses <c>08:30</c> or <c>08:30:00</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The time as <c>08:30</c>, or <c>08:30:15</c> when it has seconds.</summary>
    public static string Format(TimeOnly time) =>
        time.ToString(time.Second == 0 && time.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var time)
            ? time
            : throw new JsonException("A time is a string \"HH:mm\", e.g. \"08:30\".");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }
}

/// <summary>JSON of a calendar date: <c>yyyy-MM-dd</c>.</summary>
public sealed class CalendarDateJsonConverter : JsonConverter<DateOnly>
{
    /// <summary>Parses <c>2026-10-01</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The date as <c>2026-10-01</c>.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var date)
            ? date
            : throw new JsonException("A date is a string \"yyyy-MM-dd\", e.g. \"2026-10-01\".");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }
}
