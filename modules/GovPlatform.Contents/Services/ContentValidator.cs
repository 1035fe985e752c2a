using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovPlatform.Contents.Data;
using GovPlatform.Contents.Rendering;
using GovPlatform.Data;
using GovPlatform.Grid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Services;

/// <summary>
/// Checks an item against its type and brings its values to their stored shape (trimmed text, numbers, arrays of
/// choices, UTC dates, sanitised HTML). Errors are keyed <c>Title</c>, <c>Body</c>, <c>Slug</c>, <c>GridUnitCode</c>,
/// <c>Location</c> and <c>Fields.&lt;name&gt;</c>.
/// </summary>
internal sealed class ContentValidator(IServiceProvider services, TenantDbContext db, ContentTimeZone timeZone)
{
    public const int MaxTitle = 200;
    public const int MaxBody = 200_000;
    public const int DefaultMaxText = 2_000;
    public const int DefaultMaxMultiline = 20_000;
    public const int MaxPickedItems = 50;

    public async Task<Dictionary<string, string>> ValidateAsync(ContentTypeDefinition type, ContentItem item, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        CheckTitle(type, item, errors);
        CheckBody(type, item, errors);
        await CheckGridAsync(type, item, errors, ct);
        CheckLocation(type, item, errors);
        var fields = new JsonObject();
        foreach (var field in type.Fields)
        {
            item.Fields.TryGetPropertyValue(field.Name, out var raw);
            var (value, error) = await NormalizeAsync(field, raw, ct);
            if (error is not null)
            {
                errors[$"Fields.{field.Name}"] = error;
            }
            else if (value is not null)
            {
                fields[field.Name] = value;
            }
        }

        // Values for names the type does not define are dropped: the only such values an item keeps are those of
        // removed fields, which the manager carries over from the stored version.
        item.Fields = fields;
        return errors;
    }

    /// <summary>Names of values the item has for fields its type no longer has.</summary>
    public static IEnumerable<string> RemovedFields(ContentTypeDefinition type, ContentItem item) =>
        item.Fields.Select(p => p.Key).Where(name => type.Field(name) is null);

    private static void CheckTitle(ContentTypeDefinition type, ContentItem item, Dictionary<string, string> errors)
    {
        if (type.Part(ContentPartKind.Title) is not { } part)
        {
            item.Title = null;
            return;
        }

        item.Title = string.IsNullOrWhiteSpace(item.Title) ? null : item.Title.Trim();
        if (item.Title is null && part.Required)
        {
            errors["Title"] = L("请填写标题。", "Enter a title.");
        }
        else if (item.Title is { Length: > MaxTitle })
        {
            errors["Title"] = L($"标题最多 {MaxTitle} 个字符。", $"A title has at most {MaxTitle} characters.");
        }
    }

    private static void CheckBody(ContentTypeDefinition type, ContentItem item, Dictionary<string, string> errors)
    {
        if (type.Part(ContentPartKind.Body) is not { } part)
        {
            item.Body = null;
            return;
        }

        item.Body = string.IsNullOrWhiteSpace(item.Body) ? null : item.Body;
        if (item.Body is { Length: > MaxBody })
        {
            errors["Body"] = L($"正文最多 {MaxBody:N0} 个字符。", $"A body has at most {MaxBody:N0} characters.");
            return;
        }

        if (item.Body is not null && part.Format == BodyFormat.Html)
        {
            // HTML is stored sanitised: what is kept is what will be shown.
            item.Body = ContentHtml.Sanitize(item.Body);
            item.Body = string.IsNullOrWhiteSpace(item.Body) ? null : item.Body;
        }

        if (item.Body is null && part.Required)
        {
            errors["Body"] = L("请填写正文。", "Enter the body.");
        }
    }

    private async Task CheckGridAsync(ContentTypeDefinition type, ContentItem item, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (type.Part(ContentPartKind.Grid) is not { } part)
        {
            item.GridUnitCode = null;
            return;
        }

        item.GridUnitCode = string.IsNullOrWhiteSpace(item.GridUnitCode) ? null : item.GridUnitCode.Trim();
        if (item.GridUnitCode is null)
        {
            if (part.Required)
            {
                errors["GridUnitCode"] = L("请选择网格单元。", "Choose a grid unit.");
            }

            return;
        }

        var grid = services.GetService<IGridDirectory>();
        if (grid is null)
        {
            errors["GridUnitCode"] = L("本站未启用网格模块。", "The grid module is not enabled for this site.");
            return;
        }

        if (await grid.FindAsync(item.GridUnitCode, ct) is { } unit)
        {
            item.GridUnitCode = unit.Code;
        }
        else
        {
            errors["GridUnitCode"] = L($"没有网格单元“{item.GridUnitCode}”。", $"There is no grid unit '{item.GridUnitCode}'.");
        }
    }

    private static void CheckLocation(ContentTypeDefinition type, ContentItem item, Dictionary<string, string> errors)
    {
        if (type.Part(ContentPartKind.Location) is not { } part)
        {
            item.Location = null;
            return;
        }

        var location = item.Location;
        if (location is not null)
        {
            location.Address = string.IsNullOrWhiteSpace(location.Address) ? null : location.Address.Trim();
            if (location.Longitude is null && location.Latitude is null && location.Address is null)
            {
                location = item.Location = null;
            }
        }

        if (location is null)
        {
            if (part.Required)
            {
                errors["Location"] = L("请填写位置或地址。", "Enter a location or an address.");
            }

            return;
        }

        if ((location.Longitude is null) != (location.Latitude is null))
        {
            errors["Location"] = L("经度和纬度要一起填写。", "Give both longitude and latitude, or neither.");
        }
        else if (location.Longitude is < -180 or > 180 || location.Latitude is < -90 or > 90)
        {
            errors["Location"] = L("经度在 −180 到 180 之间，纬度在 −90 到 90 之间。", "Longitude is between −180 and 180, latitude between −90 and 90.");
        }
        else if (location.Address is { Length: > 300 })
        {
            errors["Location"] = L("地址最多 300 个字符。", "An address has at most 300 characters.");
        }
    }

    private async Task<(JsonNode? Value, string? Error)> NormalizeAsync(ContentFieldDefinition field, JsonNode? raw, CancellationToken ct)
    {
        try
        {
            var (value, error) = field.Kind switch
            {
                ContentFieldKind.Text => Text(field, raw),
                ContentFieldKind.Number => Number(field, raw),
                ContentFieldKind.Boolean => Boolean(raw),
                ContentFieldKind.DateTime => Date(field, raw),
                ContentFieldKind.Choice => Choice(field, raw),
                ContentFieldKind.Link => Link(raw),
                ContentFieldKind.Media => await PickedAsync(field, raw, MediaAsync, ct),
                ContentFieldKind.ContentPicker => await PickedAsync(field, raw, ContentAsync, ct),
                ContentFieldKind.GridPicker => await PickedAsync(field, raw, GridAsync, ct),
                _ => (null, null),
            };
            if (error is null && value is null && field.Required && field.Kind != ContentFieldKind.Boolean)
            {
                error = L("此项必填。", "This field is required.");
            }

            return (value, error);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            return (null, L("值的格式不对。", "The value is not in the right shape."));
        }
    }

    private static (JsonNode?, string?) Text(ContentFieldDefinition field, JsonNode? raw)
    {
        var text = Scalar(raw);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        text = field.Multiline ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() : text.Trim();
        var max = field.MaxLength ?? (field.Multiline ? DefaultMaxMultiline : DefaultMaxText);
        if (text.Length > max)
        {
            return (null, L($"最多 {max} 个字符。", $"At most {max} characters."));
        }

        if (field.MinLength is { } min && text.Length < min)
        {
            return (null, L($"至少 {min} 个字符。", $"At least {min} characters."));
        }

        if (!field.Multiline && text.Contains('\n', StringComparison.Ordinal))
        {
            return (null, L("只能填一行。", "One line only."));
        }

        if (field.Pattern is { Length: > 0 } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
        {
            return (null, field.Hint is { } hint ? L($"格式不对：{hint.Chinese}", $"Not in the expected form: {hint.English}") : L("格式不对。", "Not in the expected form."));
        }

        return (JsonValue.Create(text), null);
    }

    private static (JsonNode?, string?) Number(ContentFieldDefinition field, JsonNode? raw)
    {
        decimal number;
        if (raw is JsonValue value && value.TryGetValue<decimal>(out var d))
        {
            number = d;
        }
        else
        {
            var text = Scalar(raw)?.Trim().Replace(",", "", StringComparison.Ordinal);
            if (string.IsNullOrEmpty(text))
            {
                return (null, null);
            }

            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out number))
            {
                return (null, L("请填写数字。", "Enter a number."));
            }
        }

        var decimals = field.Decimals ?? 2;
        if (decimal.Round(number, decimals) != number)
        {
            return (null, decimals == 0 ? L("请填写整数。", "Enter a whole number.") : L($"最多 {decimals} 位小数。", $"At most {decimals} decimal places."));
        }

        if (field.Minimum is { } min && number < min)
        {
            return (null, L($"不能小于 {min}。", $"At least {min}."));
        }

        if (field.Maximum is { } max && number > max)
        {
            return (null, L($"不能大于 {max}。", $"At most {max}."));
        }

        return (JsonValue.Create(number), null);
    }

    private static (JsonNode?, string?) Boolean(JsonNode? raw)
    {
        if (raw is JsonValue value && value.TryGetValue<bool>(out var b))
        {
            return (JsonValue.Create(b), null);
        }

        return Scalar(raw)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "false" or "off" or "0" or "no" => (JsonValue.Create(false), null),
            "true" or "on" or "1" or "yes" => (JsonValue.Create(true), null),
            _ => (null, L("请选择是或否。", "Choose yes or no.")),
        };
    }

    private (JsonNode?, string?) Date(ContentFieldDefinition field, JsonNode? raw)
    {
        var text = Scalar(raw)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        if (!field.WithTime)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && (date = DateOnly.FromDateTime(parsed)) == date))
            {
                return (JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null);
            }

            return (null, L("请填写日期，如 2024-05-01。", "Enter a date such as 2024-05-01."));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            // Without an offset (a form's datetime-local), the time is the tenant's local time.
            var utc = HasOffset(text) ? moment.UtcDateTime : timeZone.ToUtc(moment.DateTime);
            return (JsonValue.Create(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), null);
        }

        return (null, L("请填写日期和时间，如 2024-05-01 08:30。", "Enter a date and time such as 2024-05-01 08:30."));
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$", RegexOptions.None, TimeSpan.FromMilliseconds(50));

    private static (JsonNode?, string?) Choice(ContentFieldDefinition field, JsonNode? raw)
    {
        var values = Values(raw);
        if (values.Count == 0)
        {
            return (null, null);
        }

        if (values.FirstOrDefault(v => !field.Options.Exists(o => o.Value == v)) is { } unknown)
        {
            return (null, L($"“{unknown}”不是可选的值。", $"'{unknown}' is not one of the options."));
        }

        return CountCheck(field, values) ?? (new JsonArray([.. values.Select(v => JsonValue.Create(v))]), null);
    }

    private static (JsonNode?, string?) Link(JsonNode? raw)
    {
        string? url, text = null;
        if (raw is JsonObject link)
        {
            url = Scalar(link["url"]);
            text = Scalar(link["text"]);
        }
        else
        {
            url = Scalar(raw);
        }

        url = url?.Trim();
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (string.IsNullOrEmpty(url))
        {
            return text is null ? (null, null) : (null, L("请填写网址。", "Enter the address."));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || url.Length > 2_000)
        {
            return (null, L("网址要以 http:// 或 https:// 开头。", "An address starts with http:// or https://."));
        }

        if (text is { Length: > 200 })
        {
            return (null, L("链接文字最多 200 个字符。", "A link text has at most 200 characters."));
        }

        var result = new JsonObject { ["url"] = uri.ToString() };
        if (text is not null)
        {
            result["text"] = text;
        }

        return (result, null);
    }

    private static async Task<(JsonNode?, string?)> PickedAsync(
        ContentFieldDefinition field, JsonNode? raw, Func<ContentFieldDefinition, string, CancellationToken, Task<(string? Value, string? Error)>> check, CancellationToken ct)
    {
        var values = Values(raw);
        if (values.Count == 0)
        {
            return (null, null);
        }

        if (CountCheck(field, values) is { } countError)
        {
            return countError;
        }

        var checkedValues = new List<string>();
        foreach (var value in values)
        {
            var (normalized, error) = await check(field, value, ct);
            if (error is not null)
            {
                return (null, error);
            }

            checkedValues.Add(normalized!);
        }

        return (new JsonArray([.. checkedValues.Distinct(StringComparer.Ordinal).Select(v => JsonValue.Create(v))]), null);
    }

    private async Task<(string?, string?)> MediaAsync(ContentFieldDefinition field, string path, CancellationToken ct)
    {
        var media = services.GetService<IMediaLookup>();
        var isImage = media is null ? null : await media.IsImageAsync(path, ct);
        if (isImage is null)
        {
            return (null, L($"媒体库里没有“{path}”。", $"The media library has no '{path}'."));
        }

        return field.MediaKind switch
        {
            MediaKind.Images when isImage == false => (null, L($"“{path}”不是图片。", $"'{path}' is not an image.")),
            MediaKind.Files when isImage == true => (null, L($"“{path}”是图片，这里要选文件。", $"'{path}' is an image; choose a document.")),
            _ => (path, null),
        };
    }

    private async Task<(string?, string?)> ContentAsync(ContentFieldDefinition field, string id, CancellationToken ct)
    {
        var found = await db.Set<ContentItemIndex>().AsNoTracking()
            .Where(i => i.ContentItemId == id && i.Latest)
            .Select(i => new { i.ContentType })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return (null, L($"没有内容“{id}”。", $"There is no content item '{id}'."));
        }

        return field.ContentTypes.Count > 0 && !field.ContentTypes.Contains(found.ContentType)
            ? (null, L($"“{id}”的类型不能选在这里。", $"'{id}' is not of a type this field accepts."))
            : (id, null);
    }

    private async Task<(string?, string?)> GridAsync(ContentFieldDefinition field, string code, CancellationToken ct)
    {
        if (services.GetService<IGridDirectory>() is not { } grid)
        {
            return (null, L("本站未启用网格模块。", "The grid module is not enabled for this site."));
        }

        return await grid.FindAsync(code, ct) is { } unit
            ? (unit.Code, null)
            : (null, L($"没有网格单元“{code}”。", $"There is no grid unit '{code}'."));
    }

    private static (JsonNode?, string?)? CountCheck(ContentFieldDefinition field, List<string> values)
    {
        if (!field.Multiple && values.Count > 1)
        {
            return (null, L("只能选一项。", "Choose one only."));
        }

        var max = field.Multiple ? Math.Min(field.MaxItems ?? MaxPickedItems, MaxPickedItems) : 1;
        return values.Count > max ? (null, L($"最多选 {max} 项。", $"Choose at most {max}.")) : null;
    }

    private static List<string> Values(JsonNode? raw)
    {
        IEnumerable<string?> values = raw switch
        {
            null => [],
            JsonArray array => array.Select(Scalar),
            _ => (Scalar(raw) ?? "").Split([',', '\n'], StringSplitOptions.None),
        };
        return [.. values.Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal)];
    }

    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => throw new InvalidOperationException("Expected a single value."),
    };
}
