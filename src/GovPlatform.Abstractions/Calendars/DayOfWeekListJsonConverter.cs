using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovPlatform.Calendars;

/// <summary>JSON of a list of weekdays as their English names, <c>["Monday", "Tuesday"]</c>; reading also takes 0 (Sunday) to 6.</summary>
public sealed class DayOfWeekListJsonConverter : JsonConverter<List<DayOfWeek>>
{
    /// <summary>Parses an English weekday name, any case (<c>monday</c>, <c>Mon</c>); false for anything else.</summary>
    public static bool TryParse(string? text, out DayOfWeek day)
    {
        day = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length < 3 || value.Any(c => !char.IsAsciiLetter(c)))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var name = candidate.ToString();
            if (name.Equals(value, StringComparison.OrdinalIgnoreCase) || (value.Length == 3 && name.StartsWith(value, StringComparison.OrdinalIgnoreCase)))
            {
                day = candidate;
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override List<DayOfWeek> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Working days are an array of weekday names, e.g. [\"Monday\", \"Tuesday\"].");
        }

        var days = new List<DayOfWeek>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var day))
            {
                days.Add(day);
            }
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && number is >= 0 and <= 6)
            {
                days.Add((DayOfWeek)number);
            }
            else
            {
                throw new JsonException("A working day is a weekday name: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday.");
            }
        }

        return days;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, List<DayOfWeek> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var day in value)
        {
            writer.WriteStringValue(day.ToString());
        }

        writer.WriteEndArray();
    }
}
