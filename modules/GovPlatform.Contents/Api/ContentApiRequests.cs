using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GovPlatform.Contents.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Api;

/// <summary>The body of a create (<c>POST</c>) or an update (<c>PUT</c>): the item's values, replacing the stored ones.</summary>
internal sealed class ContentWriteRequest : ContentItemValues
{
    /// <summary>Publish the saved version at once (needs the publish permission).</summary>
    public bool Publish { get; set; }

    /// <summary>The latest version the client read (updates; or the If-Match header).</summary>
    public int? Version { get; set; }

    /// <summary>Values the type cannot hold: a part it does not have, a field it does not define.</summary>
    public Dictionary<string, string> Unexpected(ContentTypeDefinition type)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Part(ContentPartKind kind, string key, bool given)
        {
            if (given && !type.Has(kind))
            {
                errors[key] = L("这个内容类型没有这一项。", "The content type has no such part.");
            }
        }

        Part(ContentPartKind.Title, "Title", Title is not null);
        Part(ContentPartKind.Body, "Body", Body is not null);
        Part(ContentPartKind.Route, "Slug", Slug is not null);
        Part(ContentPartKind.Grid, "GridUnitCode", GridUnitCode is not null);
        Part(ContentPartKind.Location, "Location", Location is not null);
        foreach (var (name, _) in Fields ?? [])
        {
            if (type.Field(name) is null)
            {
                errors[$"Fields.{name}"] = L("这个内容类型没有这个字段。", "The content type has no such field.");
            }
        }

        return errors;
    }
}

/// <summary>The body of <c>POST …/schedule</c>: when to publish (with an offset, or <c>Z</c>), or null to clear the schedule.</summary>
internal sealed class ContentScheduleRequest
{
    public string? PublishUtc { get; set; }
}

/// <summary>Reads request bodies and the version a client says it read.</summary>
internal static class ContentApiRequests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the problem answer (415 when it is not JSON, 400 when it cannot be read).</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class, new()
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, ContentApiProblems.UnsupportedMediaType());
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Options, context.RequestAborted);
            return value is null ? (null, ContentApiProblems.BadJson("$")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ContentApiProblems.BadJson(e.Path));
        }
    }

    /// <summary>
    /// The version the client read: from <c>If-Match: "&lt;n&gt;"</c> (FromHeader true) or the body's <c>version</c>.
    /// <c>If-Match: *</c> matches whatever version is current. Null when neither was sent.
    /// </summary>
    public static (int? Version, bool FromHeader, bool Invalid) ExpectedVersion(HttpContext context, int? bodyVersion, int current)
    {
        var ifMatch = context.Request.Headers[HeaderNames.IfMatch];
        if (ifMatch.Count == 0)
        {
            return (bodyVersion, false, false);
        }

        if (!EntityTagHeaderValue.TryParseList(ifMatch, out var tags) || tags.Count == 0)
        {
            return (null, true, true);
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return (current, true, false);
        }

        // Versions are compared strongly: a weak tag (W/"3") names no version.
        var numbers = tags.Where(t => !t.IsWeak)
            .Select(t => int.TryParse(t.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null)
            .OfType<int>()
            .ToList();
        return numbers.Count == 0 ? (null, true, true)
            : numbers.Contains(current) ? (current, true, false)
            : (numbers[0], true, false);
    }

    /// <summary>A UTC instant from text that names its offset (<c>Z</c> or <c>+08:00</c>); null when it has none or is not a time.</summary>
    public static DateTime? ParseInstant(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) && parsed.Kind != DateTimeKind.Unspecified
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant.UtcDateTime
            : null;
}
