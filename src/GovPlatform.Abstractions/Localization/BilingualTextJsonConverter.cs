using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovPlatform.Localization;

/// <summary>
/// JSON of a <see cref="BilingualText"/>: <c>{"zh-CN": "…", "en": "…"}</c>, the shape recipes use for every text.
/// Reads <c>zh-CN</c>, <c>zh</c> or <c>chinese</c> and <c>en</c> or <c>english</c>, or a plain string (Chinese only).
/// </summary>
public sealed class BilingualTextJsonConverter : JsonConverter<BilingualText>
{
    /// <inheritdoc />
    public override BilingualText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new BilingualText(reader.GetString() ?? "", "");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A text is a string or an object {\"zh-CN\": \"…\", \"en\": \"…\"}.");
        }

        string chinese = "", english = "";
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.Null ? "" : reader.GetString() ?? "";
            switch (name?.ToLowerInvariant())
            {
                case "zh-cn" or "zh" or "zh-hans" or "chinese":
                    chinese = value;
                    break;
                case "en" or "english":
                    english = value;
                    break;
                default:
                    throw new JsonException($"A text has the languages \"zh-CN\" and \"en\", not \"{name}\".");
            }
        }

        return new BilingualText(chinese, english);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, BilingualText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("zh-CN", value.Chinese);
        writer.WriteString("en", value.English);
        writer.WriteEndObject();
    }
}
