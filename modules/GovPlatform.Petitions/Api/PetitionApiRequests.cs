using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GovPlatform.Petitions.Api;

/// <summary>A file in a request body: its name and its bytes as base64 (System.Text.Json decodes <c>byte[]</c> from base64).</summary>
internal sealed class PetitionApiFile
{
    public string? FileName { get; set; }

    public byte[]? Content { get; set; }
}

/// <summary>The body of <c>POST api/petitions</c>: a new petition as JSON.</summary>
internal sealed class PetitionIntakeRequest
{
    public string? CategoryCode { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? GridUnitCode { get; set; }

    public double? Longitude { get; set; }

    public double? Latitude { get; set; }

    public string? Address { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary><c>api</c> (the default) or <c>field</c> (a grid worker's report: signed in with Petitions.Report).</summary>
    public string? Channel { get; set; }

    public List<PetitionApiFile>? Attachments { get; set; }
}

/// <summary>The body of <c>POST api/petitions/{id}/commands/{action}</c>: what the command needs (see <see cref="PetitionApiActions"/>).</summary>
internal sealed class PetitionCommandRequest
{
    public string? Note { get; set; }

    public string? PublicReply { get; set; }

    public string? UnitCode { get; set; }

    public string? Department { get; set; }

    public string? Room { get; set; }

    public List<string>? Departments { get; set; }

    public string? LeadDepartment { get; set; }

    public string? CategoryCode { get; set; }

    public string? MergeInto { get; set; }

    public int? Satisfaction { get; set; }

    public bool? Resolved { get; set; }

    public List<PetitionApiFile>? Attachments { get; set; }

    public PetitionCommand ToCommand(PetitionTrigger trigger, string key, int? expectedVersion) => new(trigger)
    {
        Note = Note,
        PublicReply = PublicReply,
        UnitCode = UnitCode,
        Department = Department,
        Room = Room,
        Departments = Departments ?? [],
        LeadDepartment = LeadDepartment,
        CategoryCode = CategoryCode,
        MergeInto = MergeInto,
        Satisfaction = Satisfaction,
        Resolved = Resolved,
        Attachments = PetitionApiRequests.Uploads(Attachments),
        IdempotencyKey = key,
        ExpectedVersion = expectedVersion,
    };
}

/// <summary>Reads request bodies and the headers the API requires (Idempotency-Key, If-Match).</summary>
internal static class PetitionApiRequests
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A misspelt property would otherwise be dropped without a word and its value lost.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// The body as <typeparamref name="T"/>, or the problem (415 when it is not JSON, 400 when it cannot be read). An empty
    /// body is an empty object when <paramref name="emptyAllowed"/>: commands such as confirm need nothing.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, bool emptyAllowed)
        where T : class, new()
    {
        var request = context.Request;
        if (emptyAllowed && request.ContentLength is 0 or null && string.IsNullOrEmpty(request.ContentType))
        {
            return (new T(), null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, PetitionApiProblems.UnsupportedMediaType());
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, context.RequestAborted);
            return value is null ? (null, PetitionApiProblems.BadJson("$")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, PetitionApiProblems.BadJson(e.Path));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's request body limit (Kestrel's 30 MB by default), met while reading the attachments.
            return (null, PetitionApiProblems.TooLarge());
        }
    }

    /// <summary>The Idempotency-Key header, or the 400 answer when it is missing, empty or longer than 100 characters.</summary>
    public static (string? Key, IResult? Problem) IdempotencyKey(HttpContext context)
    {
        var key = context.Request.Headers[IdempotencyKeyHeader].ToString().Trim();
        return key.Length == 0 ? (null, PetitionApiProblems.IdempotencyKeyMissing())
            : key.Length > MaxKeyLength ? (null, PetitionApiProblems.IdempotencyKeyTooLong())
            : (key, null);
    }

    /// <summary>
    /// The version named by <c>If-Match: "&lt;n&gt;"</c>: Missing when there is no header, Invalid when it names no version
    /// (malformed, weak only). <c>If-Match: *</c> matches whatever version is current (Any).
    /// </summary>
    public static (int? Version, bool Missing, bool Invalid, bool Any) IfMatch(HttpContext context)
    {
        var ifMatch = context.Request.Headers[HeaderNames.IfMatch];
        if (ifMatch.Count == 0)
        {
            return (null, true, false, false);
        }

        if (!EntityTagHeaderValue.TryParseList(ifMatch, out var tags) || tags.Count == 0)
        {
            return (null, false, true, false);
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return (null, false, false, true);
        }

        // Versions are compared strongly: a weak tag (W/"3") names no version.
        var number = tags.Where(t => !t.IsWeak)
            .Select(t => int.TryParse(t.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null)
            .FirstOrDefault(n => n is not null);
        return number is null ? (null, false, true, false) : (number, false, false, false);
    }

    /// <summary>The action of a command's URL (<c>assignUnit</c>, case-insensitive), or null for anything else (numbers included).</summary>
    public static PetitionTrigger? Action(string action) =>
        action.Length > 0 && action.All(char.IsAsciiLetter) && Enum.TryParse<PetitionTrigger>(action, ignoreCase: true, out var trigger)
            ? trigger
            : null;

    public static IReadOnlyList<PetitionUpload> Uploads(List<PetitionApiFile>? files) =>
        [.. (files ?? []).Select(f => new PetitionUpload(string.IsNullOrWhiteSpace(f.FileName) ? "attachment" : f.FileName.Trim(), f.Content ?? []))];

    /// <summary>The strong ETag of a petition's version: <c>"3"</c>.</summary>
    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
