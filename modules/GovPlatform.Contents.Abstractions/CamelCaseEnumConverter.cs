using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovPlatform.Contents;

/// <summary>Writes an enum as its camelCase name (<c>contentPicker</c>) and reads any case, in documents, recipes and the API.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
