using System.Globalization;
using System.Text.Json.Nodes;
using GovPlatform.Contents.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace GovPlatform.Contents.Endpoints;

/// <summary>
/// Reads the item editor's form into an item as typed (strings and lists, checked later by the manager): parts are
/// <c>Title</c>, <c>Body</c>, <c>Slug</c>, <c>GridUnitCode</c>, <c>Longitude</c>, <c>Latitude</c>, <c>Address</c>; a
/// field is <c>f.&lt;name&gt;</c> (several values for choices and pickers; <c>.url</c> and <c>.text</c> for links).
/// </summary>
internal static class ItemForm
{
    public const string FieldPrefix = "f.";

    public static (ContentItem Item, Dictionary<string, string> Errors) Read(IFormCollection form, ContentTypeDefinition type, ContentItem target)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        target.Title = Value(form, "Title");
        target.Body = Value(form, "Body");
        target.Slug = Value(form, "Slug");
        target.GridUnitCode = Value(form, "GridUnitCode");
        target.VersionNumber = int.TryParse(Value(form, "Version"), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
        if (type.Has(ContentPartKind.Location))
        {
            var longitude = Number(form, "Longitude", errors);
            var latitude = Number(form, "Latitude", errors);
            target.Location = new ContentLocation { Longitude = longitude, Latitude = latitude, Address = Value(form, "Address") };
        }

        foreach (var field in type.Fields)
        {
            var name = FieldPrefix + field.Name;
            target.Fields[field.Name] = field.Kind switch
            {
                ContentFieldKind.Boolean => JsonValue.Create(form[name].Any(v => v == "true")),
                ContentFieldKind.Link => Value(form, name + ".url") is null && Value(form, name + ".text") is null
                    ? null
                    : new JsonObject { ["url"] = Value(form, name + ".url"), ["text"] = Value(form, name + ".text") },
                ContentFieldKind.Choice or ContentFieldKind.Media or ContentFieldKind.ContentPicker or ContentFieldKind.GridPicker =>
                    List(form[name]),
                _ => Value(form, name) is { } text ? JsonValue.Create(text) : null,
            };
        }

        return (target, errors);
    }

    private static JsonArray? List(StringValues values)
    {
        var list = values.SelectMany(v => (v ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : new JsonArray([.. list.Select(v => JsonValue.Create(v))]);
    }

    private static string? Value(IFormCollection form, string name) =>
        form[name].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static double? Number(IFormCollection form, string name, Dictionary<string, string> errors)
    {
        if (Value(form, name) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors["Location"] = ContentText.L("经纬度要填数字，如 113.2654。", "Longitude and latitude are numbers such as 113.2654.");
        return null;
    }
}
