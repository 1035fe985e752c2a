using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using GovPlatform.Contents.Rendering;

namespace GovPlatform.Contents.Api;

/// <summary>
/// Content items as the API shows them. Only the parts the type has appear; absent values are left out, not null. The
/// public view carries only the fields the type defines (values of removed fields are not public); the editors' view
/// adds the version's state and keeps removed fields' values apart under <c>removedFields</c>.
/// </summary>
internal static class ContentApiMapper
{
    /// <summary>The API's JSON: camelCase, Chinese text as it is (HTML-sensitive characters stay escaped).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>A published item for anyone.</summary>
    public static JsonObject Public(ContentTypeDefinition type, ContentItem item, string pathBase)
    {
        var json = Common(type, item);
        if (type.Has(ContentPartKind.Route) && item.Slug is { Length: > 0 } slug)
        {
            json["url"] = $"{pathBase}/{slug}";
        }

        Put(json, "publishedUtc", item.PublishedUtc);
        return json;
    }

    /// <summary>A version for editors; <paramref name="status"/> and <paramref name="publishedVersion"/> when known.</summary>
    public static JsonObject Editor(ContentTypeDefinition type, ContentItem item, ContentStatus? status = null, int? publishedVersion = null)
    {
        var json = Common(type, item);
        json["version"] = item.VersionNumber;
        json["latest"] = item.Latest;
        json["published"] = item.Published;
        if (status is { } known)
        {
            json["status"] = JsonNamingPolicy.CamelCase.ConvertName(known.ToString());
        }

        Put(json, "publishedVersion", publishedVersion);
        Put(json, "publishedUtc", item.PublishedUtc);
        Put(json, "scheduledUtc", item.ScheduledUtc);
        Put(json, "ownerName", type.Has(ContentPartKind.Owner) ? item.OwnerName : null);
        Put(json, "author", item.Author);
        var removed = new JsonObject();
        foreach (var (name, value) in item.Fields)
        {
            if (type.Field(name) is null)
            {
                removed[name] = value?.DeepClone();
            }
        }

        if (removed.Count > 0)
        {
            json["removedFields"] = removed;
        }

        return json;
    }

    /// <summary>The state editors filter by, from the latest version and whether some version is published.</summary>
    public static ContentStatus StatusOf(ContentItem latest, bool anyPublished) =>
        anyPublished ? ContentStatus.Published : latest.ScheduledUtc is not null ? ContentStatus.Scheduled : ContentStatus.Draft;

    /// <summary>The ETag of a version: its number, quoted.</summary>
    public static string ETag(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    private static JsonObject Common(ContentTypeDefinition type, ContentItem item)
    {
        var json = new JsonObject
        {
            ["id"] = item.ContentItemId,
            ["contentType"] = item.ContentType,
        };
        if (type.Has(ContentPartKind.Title))
        {
            Put(json, "title", item.Title);
        }

        if (type.Has(ContentPartKind.Route))
        {
            Put(json, "slug", item.Slug);
        }

        if (type.Part(ContentPartKind.Body) is { } body)
        {
            json["bodyFormat"] = JsonNamingPolicy.CamelCase.ConvertName(body.Format.ToString());
            if (item.Body is { Length: > 0 })
            {
                json["body"] = item.Body;
                json["bodyHtml"] = ContentHtml.ToHtml(item.Body, body.Format);
            }
        }

        if (type.Has(ContentPartKind.Grid))
        {
            Put(json, "gridUnitCode", item.GridUnitCode);
        }

        if (type.Has(ContentPartKind.Location) && item.Location is { } location)
        {
            var place = new JsonObject();
            Put(place, "longitude", location.Longitude);
            Put(place, "latitude", location.Latitude);
            Put(place, "address", location.Address);
            json["location"] = place;
        }

        var fields = new JsonObject();
        foreach (var field in type.Fields)
        {
            if (item.Fields.TryGetPropertyValue(field.Name, out var value) && value is not null)
            {
                fields[field.Name] = value.DeepClone();
            }
        }

        json["fields"] = fields;
        json["createdUtc"] = Utc(item.CreatedUtc);
        json["modifiedUtc"] = Utc(item.ModifiedUtc);
        return json;
    }

    private static string Utc(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void Put(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static void Put(JsonObject json, string name, DateTime? value)
    {
        if (value is { } set)
        {
            json[name] = Utc(set);
        }
    }

    private static void Put(JsonObject json, string name, double? value)
    {
        if (value is { } set)
        {
            json[name] = set;
        }
    }

    private static void Put(JsonObject json, string name, int? value)
    {
        if (value is { } set)
        {
            json[name] = set;
        }
    }
}
