using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fluid.Values;
using GovPlatform.Grid;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Contents.Rendering.LiquidValues;

namespace GovPlatform.Contents.Rendering;

/// <summary>The render model of an item: its values, fields and parts as Liquid values (see TEMPLATES.md).</summary>
public sealed partial class ContentRenderer
{
    /// <summary>The most items or units a picker field shows.</summary>
    private const int MaxPicked = 50;

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp"];

    private readonly Dictionary<string, ContentItem?> _pickedItems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _gridNames = new(StringComparer.Ordinal);

    private async Task<Dictionary<string, FluidValue>> BuildItemAsync(ContentItem item, ContentTypeDefinition type, RenderState state, CancellationToken cancellationToken)
    {
        var culture = state.Culture;
        var model = Dictionary();
        model["id"] = Text(item.ContentItemId);
        model["version"] = Number(item.VersionNumber);
        model["type"] = state.Type;
        model["title"] = Text(type.Has(ContentPartKind.Title) && !string.IsNullOrWhiteSpace(item.Title) ? item.Title : state.TypeDisplayName);
        model["url"] = Text(ItemUrl(item, type.Has(ContentPartKind.Route), state.BasePath));
        var bodyHtml = type.Part(ContentPartKind.Body) is { } body ? ContentHtml.ToHtml(item.Body, body.Format) : "";
        model["body"] = Text(bodyHtml);
        model["excerpt"] = Text(Excerpt(bodyHtml));
        model["published_utc"] = Date(Utc(item.PublishedUtc));
        model["published"] = Date(Local(item.PublishedUtc, state));
        model["modified_utc"] = Date(Utc(item.ModifiedUtc));
        model["modified"] = Date(Local(item.ModifiedUtc, state));
        model["owner"] = Text(type.Has(ContentPartKind.Owner) && !string.IsNullOrWhiteSpace(item.OwnerName) ? item.OwnerName : null);
        model["grid"] = NilValue.Instance;
        if (type.Has(ContentPartKind.Grid) && !string.IsNullOrWhiteSpace(item.GridUnitCode))
        {
            var grid = Dictionary();
            grid["code"] = Text(item.GridUnitCode);
            grid["name"] = Text(await GridNameAsync(item.GridUnitCode, culture, cancellationToken) ?? item.GridUnitCode);
            model["grid"] = Object(grid);
        }

        model["location"] = NilValue.Instance;
        if (type.Has(ContentPartKind.Location) && item.Location is { } location &&
            (location.Longitude is not null || location.Latitude is not null || !string.IsNullOrWhiteSpace(location.Address)))
        {
            var place = Dictionary();
            place["longitude"] = Number(location.Longitude);
            place["latitude"] = Number(location.Latitude);
            place["address"] = Text(string.IsNullOrWhiteSpace(location.Address) ? null : location.Address);
            model["location"] = Object(place);
        }

        // Only the type's fields: values of fields removed from the type stay in the item but are not shown.
        var fields = Dictionary();
        var built = new List<(ContentFieldDefinition Definition, Dictionary<string, FluidValue> Field, bool HasValue)>(type.Fields.Count);
        foreach (var definition in type.Fields)
        {
            var node = item.Fields.TryGetPropertyValue(definition.Name, out var value) ? value : null;
            var (field, hasValue) = await BuildFieldAsync(definition, node, state, cancellationToken);
            fields[definition.Name] = Object(field);
            built.Add((definition, field, hasValue));
        }

        model["fields"] = Object(fields);
        model["fields_html"] = StringValue.Empty;
        model["parts"] = Object(Dictionary());
        var itemValue = Object(model);

        var fieldsHtml = new StringBuilder();
        foreach (var (definition, field, hasValue) in built)
        {
            var html = hasValue
                ? await RenderAsync(ContentTemplateNames.Field(definition.Kind), null, state.Variables(("field", Object(field)), ("item", itemValue)), state, cancellationToken)
                : "";
            field["html"] = Text(html);
            if (!string.IsNullOrWhiteSpace(html))
            {
                fieldsHtml.Append(html.Trim()).Append('\n');
            }
        }

        model["fields_html"] = Text(fieldsHtml.ToString());
        var parts = Dictionary();
        foreach (var part in type.Parts.Where(p => p.Kind != ContentPartKind.Route))
        {
            parts[part.Kind.ToString().ToLowerInvariant()] = Text(
                (await RenderAsync(ContentTemplateNames.Part(part.Kind), null, state.Variables(("item", itemValue)), state, cancellationToken)).Trim());
        }

        model["parts"] = Object(parts);
        model["summary_html"] = Text(await RenderAsync(ContentTemplateNames.Summary, type.Name, state.Variables(("item", itemValue)), state, cancellationToken));
        return model;
    }

    private async Task<(Dictionary<string, FluidValue> Field, bool HasValue)> BuildFieldAsync(
        ContentFieldDefinition definition, JsonNode? node, RenderState state, CancellationToken cancellationToken)
    {
        var culture = state.Culture;
        var field = Dictionary();
        field["name"] = Text(definition.Name);
        field["kind"] = Text(ContentTemplateNames.FieldKind(definition.Kind));
        field["label"] = Text(definition.Label(culture));
        field["html"] = StringValue.Empty;
        FluidValue value = NilValue.Instance;
        var text = "";
        var items = new List<FluidValue>();
        var texts = new List<string>();
        var hasValue = false;
        switch (definition.Kind)
        {
            case ContentFieldKind.Text:
                field["multiline"] = Bool(definition.Multiline);
                if (StringOf(node) is { Length: > 0 } plain)
                {
                    (value, text, hasValue) = (Text(plain), plain, true);
                }

                break;

            case ContentFieldKind.Number:
                var unit = definition.Unit?.For(culture) is { Length: > 0 } u ? u : null;
                field["unit"] = Text(unit);
                if (DecimalOf(node) is { } number)
                {
                    var decimals = Math.Clamp(definition.Decimals ?? 2, 0, 10);
                    var formatted = number.ToString(decimals == 0 ? "#,##0" : "#,##0." + new string('#', decimals), culture);
                    (value, text, hasValue) = (Number(number), unit is null ? formatted : $"{formatted} {unit}", true);
                }

                break;

            case ContentFieldKind.Boolean:
                if (node is JsonValue flag && flag.TryGetValue<bool>(out var yes))
                {
                    (value, text, hasValue) = (Bool(yes), yes ? state.L("是", "Yes") : state.L("否", "No"), true);
                }

                break;

            case ContentFieldKind.DateTime:
                field["datetime"] = NilValue.Instance;
                if (StringOf(node) is { Length: > 0 } stored && ParseDate(stored, state) is { } when)
                {
                    (value, text, hasValue) = (Date(when.Local), when.Text, true);
                    field["datetime"] = Text(when.Machine);
                }

                break;

            case ContentFieldKind.Choice:
                foreach (var chosen in StringsOf(node))
                {
                    if (definition.Options.Find(o => string.Equals(o.Value, chosen, StringComparison.Ordinal)) is { } option)
                    {
                        var entry = Dictionary();
                        entry["value"] = Text(option.Value);
                        var label = option.Text.For(culture) is { Length: > 0 } shown ? shown : option.Value;
                        entry["label"] = Text(label);
                        items.Add(Object(entry));
                        texts.Add(label);
                    }
                }

                value = Array(StringsOf(node).Select(v => Text(v)));
                text = state.Join(texts);
                hasValue = items.Count > 0;
                break;

            case ContentFieldKind.Link:
                var (url, linkText) = LinkOf(node);
                if (url is not null || linkText is not null)
                {
                    var link = Dictionary();
                    link["url"] = Text(url);
                    link["text"] = Text(linkText ?? url);
                    (value, text, hasValue) = (Object(link), linkText ?? url ?? "", true);
                }

                break;

            case ContentFieldKind.Media:
                var paths = new List<FluidValue>();
                foreach (var path in StringsOf(node).Take(MaxPicked))
                {
                    if (MediaPath(path) is not { } clean)
                    {
                        continue;
                    }

                    var name = clean[(clean.LastIndexOf('/') + 1)..];
                    var entry = Dictionary();
                    entry["path"] = Text(clean);
                    entry["url"] = Text(state.BasePath + "/media/" + EscapePath(clean));
                    entry["name"] = Text(name);
                    entry["is_image"] = Bool(ImageExtensions.Contains(Path.GetExtension(name).ToLowerInvariant(), StringComparer.Ordinal));
                    items.Add(Object(entry));
                    texts.Add(name);
                    paths.Add(Text(clean));
                }

                value = Array(paths);
                text = state.Join(texts);
                hasValue = items.Count > 0;
                break;

            case ContentFieldKind.ContentPicker:
                var ids = StringsOf(node).Distinct(StringComparer.Ordinal).Take(MaxPicked).ToList();
                foreach (var id in ids)
                {
                    if (await PickedItemAsync(id, cancellationToken) is { } picked)
                    {
                        var entry = Dictionary();
                        entry["id"] = Text(picked.ContentItemId);
                        entry["title"] = Text(picked.DisplayText);
                        entry["url"] = Text(ItemUrl(picked, routed: true, state.BasePath));
                        items.Add(Object(entry));
                        texts.Add(picked.DisplayText);
                    }
                }

                value = Array(ids.Select(v => Text(v)));
                text = state.Join(texts);
                hasValue = items.Count > 0;
                break;

            case ContentFieldKind.GridPicker:
                var codes = StringsOf(node).Distinct(StringComparer.Ordinal).Take(MaxPicked).ToList();
                foreach (var code in codes)
                {
                    var entry = Dictionary();
                    entry["code"] = Text(code);
                    var unitName = await GridNameAsync(code, culture, cancellationToken) ?? code;
                    entry["name"] = Text(unitName);
                    items.Add(Object(entry));
                    texts.Add(unitName);
                }

                value = Array(codes.Select(v => Text(v)));
                text = state.Join(texts);
                hasValue = items.Count > 0;
                break;
        }

        field["value"] = value;
        field["text"] = Text(text);
        field["items"] = Array(items);
        field["has_value"] = Bool(hasValue);
        return (field, hasValue);
    }

    private async Task<ContentItem?> PickedItemAsync(string id, CancellationToken cancellationToken)
    {
        if (!_pickedItems.TryGetValue(id, out var item))
        {
            item = _services?.GetService<IContentManager>() is { } manager ? await manager.GetPublishedAsync(id, cancellationToken) : null;
            _pickedItems[id] = item is { Published: true } ? item : null;
        }

        return _pickedItems[id];
    }

    private async Task<string?> GridNameAsync(string code, CultureInfo culture, CancellationToken cancellationToken)
    {
        var key = culture.TwoLetterISOLanguageName + "|" + code;
        if (!_gridNames.TryGetValue(key, out var name))
        {
            name = _services?.GetService<IGridDirectory>() is { } grid && await grid.FindAsync(code, cancellationToken) is { } unit ? unit.DisplayName(culture) : null;
            _gridNames[key] = name;
        }

        return name;
    }

    /// <summary>The body's first words as plain text (blocks separated by a space, other tags dropped, entities decoded, spaces collapsed).</summary>
    internal static string Excerpt(string html, int length = 140)
    {
        if (html.Length == 0)
        {
            return "";
        }

        var text = WebUtility.HtmlDecode(TagPattern().Replace(BlockPattern().Replace(html, " "), ""));
        text = SpacePattern().Replace(text, " ").Trim();
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"</?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|section|article|figure|figcaption|dd|dt|hr)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacePattern();

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;

    private static DateTimeOffset? Local(DateTime? value, RenderState state) =>
        Utc(value) is { } utc ? TimeZoneInfo.ConvertTime(utc, state.TimeZone) : null;

    /// <summary>A date (<c>2024-05-01</c>, midnight in the tenant's zone) or a UTC time (<c>2024-05-01T08:30:00Z</c>, shown in the tenant's zone).</summary>
    private static (DateTimeOffset Local, string Text, string Machine)? ParseDate(string stored, RenderState state)
    {
        if (DateOnly.TryParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            var local = new DateTimeOffset(midnight, state.TimeZone.GetUtcOffset(midnight));
            return (local, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            var local = TimeZoneInfo.ConvertTime(utc, state.TimeZone);
            return (local, local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        return null;
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IEnumerable<string> StringsOf(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(StringOf).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!),
        JsonValue when StringOf(node) is { Length: > 0 } single => [single],
        _ => [],
    };

    private static decimal? DecimalOf(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<decimal>(out var number))
        {
            return number;
        }

        if (value.TryGetValue<double>(out var real) && double.IsFinite(real) && Math.Abs(real) < 7.9e27)
        {
            return (decimal)real;
        }

        return value.TryGetValue<long>(out var whole) ? whole : null;
    }

    /// <summary>A link's address when it is http or https (anything else is shown as text only) and its text.</summary>
    private static (string? Url, string? Text) LinkOf(JsonNode? node)
    {
        var (url, text) = node switch
        {
            JsonObject link => (StringOf(link["url"]), StringOf(link["text"])),
            _ => (StringOf(node), null),
        };
        url = url?.Trim();
        var safe = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;
        return (safe, string.IsNullOrWhiteSpace(text) ? null : text.Trim());
    }

    /// <summary>A media path of the tenant's library (<c>2024/05/photo.jpg</c>), or null when it could leave it.</summary>
    private static string? MediaPath(string path)
    {
        var segments = path.Trim().Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 || segments.Any(s => s is "." or ".." || s.Contains('\\', StringComparison.Ordinal) || s.Any(char.IsControl))
            ? null
            : string.Join('/', segments);
    }
}
