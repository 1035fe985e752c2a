using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovPlatform.Contents.Services;
using GovPlatform.Localization;
using Microsoft.AspNetCore.Http;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Endpoints;

/// <summary>
/// The content type form (new and edit), as the browser posts it: every value is text, parsed by
/// <see cref="ToDefinition"/>, so a bad number is a field error instead of a failed binding. The parts' checkboxes
/// (repeated <c>Parts</c> values) are read from the request by <see cref="ReadParts"/>.
/// </summary>
public sealed class TypeForm
{
    /// <summary>The code name (new types only; read-only afterwards).</summary>
    public string? Name { get; set; }

    /// <summary>The Chinese name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The English name.</summary>
    public string? EnglishName { get; set; }

    /// <summary>The Chinese description.</summary>
    public string? Description { get; set; }

    /// <summary>The English description.</summary>
    public string? EnglishDescription { get; set; }

    /// <summary>The title must be given (checkbox).</summary>
    public string? TitleRequired { get; set; }

    /// <summary>The body must be given (checkbox).</summary>
    public string? BodyRequired { get; set; }

    /// <summary>How the body is written: <c>html</c> or <c>markdown</c>.</summary>
    public string? BodyFormat { get; set; }

    /// <summary>A grid unit must be chosen (checkbox).</summary>
    public string? GridRequired { get; set; }

    /// <summary>A location must be given (checkbox).</summary>
    public string? LocationRequired { get; set; }

    /// <summary>The public list's path; empty for none.</summary>
    public string? ListSlug { get; set; }

    /// <summary>Items per page of the public list.</summary>
    public string? ListPageSize { get; set; }

    /// <summary>The public list's order: <c>newest</c>, <c>oldest</c> or <c>title</c>.</summary>
    public string? ListOrder { get; set; }

    /// <summary>The version of the stored definition the form was made from (see <see cref="TypeVersions"/>).</summary>
    public string? Version { get; set; }

    /// <summary>The parts ticked.</summary>
    internal HashSet<ContentPartKind> Parts { get; set; } = [];

    /// <summary>The form of a new type: title (required), body (Markdown), route and publishing.</summary>
    internal static TypeForm ForNew() => new()
    {
        Parts = [ContentPartKind.Title, ContentPartKind.Body, ContentPartKind.Route, ContentPartKind.Publish],
        TitleRequired = "true",
        BodyFormat = "markdown",
        ListPageSize = "10",
        ListOrder = "newest",
    };

    /// <summary>The form showing a stored type.</summary>
    internal static TypeForm From(ContentTypeDefinition type) => new()
    {
        Name = type.Name,
        DisplayName = type.DisplayName.Chinese,
        EnglishName = type.DisplayName.English,
        Description = type.Description?.Chinese,
        EnglishDescription = type.Description?.English,
        Parts = [.. type.Parts.Select(p => p.Kind)],
        TitleRequired = FormInput.Check(type.Part(ContentPartKind.Title)?.Required ?? true),
        BodyRequired = FormInput.Check(type.Part(ContentPartKind.Body)?.Required ?? false),
        BodyFormat = (type.Part(ContentPartKind.Body)?.Format ?? Contents.BodyFormat.Markdown) == Contents.BodyFormat.Html ? "html" : "markdown",
        GridRequired = FormInput.Check(type.Part(ContentPartKind.Grid)?.Required ?? false),
        LocationRequired = FormInput.Check(type.Part(ContentPartKind.Location)?.Required ?? false),
        ListSlug = type.List?.Slug,
        ListPageSize = (type.List?.PageSize ?? 10).ToString(CultureInfo.InvariantCulture),
        ListOrder = FormInput.Name(type.List?.Order ?? ContentListOrder.Newest),
        Version = TypeVersions.Of(type),
    };

    /// <summary>Reads the ticked parts from the posted form (unknown values are ignored).</summary>
    internal void ReadParts(IFormCollection form) =>
        Parts = [.. form["Parts"].OfType<string>().Select(FormInput.Enum<ContentPartKind>).OfType<ContentPartKind>()];

    /// <summary>Whether a checkbox of the form is ticked.</summary>
    internal static bool Ticked(string? value) => FormInput.Flag(value);

    /// <summary>
    /// The definition the form describes, built on <paramref name="stored"/> (its fields and part hints are kept), or
    /// null with <paramref name="errors"/> (keyed by input) when a value cannot be read.
    /// </summary>
    internal ContentTypeDefinition? ToDefinition(ContentTypeDefinition? stored, Dictionary<string, string> errors)
    {
        var type = stored is null ? new ContentTypeDefinition { Name = (Name ?? "").Trim() } : TypeVersions.Clone(stored);
        type.DisplayName = new BilingualText((DisplayName ?? "").Trim(), (EnglishName ?? "").Trim());
        type.Description = FormInput.Text(Description, EnglishDescription);
        var parts = new List<ContentPartDefinition>();
        foreach (var kind in Enum.GetValues<ContentPartKind>().Where(Parts.Contains))
        {
            var part = stored?.Part(kind) is { } existing
                ? new ContentPartDefinition { Kind = kind, Hint = existing.Hint, Format = existing.Format }
                : new ContentPartDefinition { Kind = kind };
            part.Required = kind switch
            {
                ContentPartKind.Title => FormInput.Flag(TitleRequired),
                ContentPartKind.Body => FormInput.Flag(BodyRequired),
                ContentPartKind.Grid => FormInput.Flag(GridRequired),
                ContentPartKind.Location => FormInput.Flag(LocationRequired),
                _ => false,
            };
            if (kind == ContentPartKind.Body)
            {
                if (FormInput.Enum<BodyFormat>(BodyFormat) is { } format)
                {
                    part.Format = format;
                }
                else
                {
                    errors["BodyFormat"] = L("请选择正文的格式。", "Choose how the body is written.");
                }
            }

            parts.Add(part);
        }

        type.Parts = parts;
        var slug = (ListSlug ?? "").Trim();
        if (slug.Length == 0)
        {
            type.List = null;
        }
        else
        {
            var pageSize = FormInput.Int(ListPageSize, "ListPageSize", errors) ?? 10;
            var order = FormInput.Enum<ContentListOrder>(ListOrder);
            if (order is null)
            {
                errors["ListOrder"] = L("请选择列表的排序。", "Choose the list's order.");
            }

            type.List = new ContentListSettings { Slug = slug, PageSize = pageSize, Order = order ?? ContentListOrder.Newest };
        }

        return errors.Count == 0 ? type : null;
    }
}

/// <summary>
/// The field form (new and edit), as the browser posts it: every value is text, parsed by <see cref="ToDefinition"/>
/// so that a bad number is a field error. The allowed content types (repeated <c>ContentTypes</c> values) are read
/// from the request by <see cref="ReadContentTypes"/>.
/// </summary>
public sealed partial class FieldForm
{
    /// <summary>The field's name (new fields only; read-only afterwards).</summary>
    public string? Name { get; set; }

    /// <summary>The field's kind (new fields only).</summary>
    public string? Kind { get; set; }

    /// <summary>The Chinese label.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The English label.</summary>
    public string? EnglishName { get; set; }

    /// <summary>The Chinese hint.</summary>
    public string? Hint { get; set; }

    /// <summary>The English hint.</summary>
    public string? EnglishHint { get; set; }

    /// <summary>A value must be given (checkbox).</summary>
    public string? Required { get; set; }

    /// <summary>Text: several lines (checkbox).</summary>
    public string? Multiline { get; set; }

    /// <summary>Text: the least number of characters.</summary>
    public string? MinLength { get; set; }

    /// <summary>Text: the most characters.</summary>
    public string? MaxLength { get; set; }

    /// <summary>Text: a regular expression the value must match.</summary>
    public string? Pattern { get; set; }

    /// <summary>Number: the least value.</summary>
    public string? Minimum { get; set; }

    /// <summary>Number: the greatest value.</summary>
    public string? Maximum { get; set; }

    /// <summary>Number: digits after the decimal point.</summary>
    public string? Decimals { get; set; }

    /// <summary>Number: the unit in Chinese.</summary>
    public string? Unit { get; set; }

    /// <summary>Number: the unit in English.</summary>
    public string? EnglishUnit { get; set; }

    /// <summary>Date and time: the time of day is asked too (checkbox).</summary>
    public string? WithTime { get; set; }

    /// <summary>Choice, media and pickers: several values may be chosen (checkbox).</summary>
    public string? Multiple { get; set; }

    /// <summary>Choice, media and pickers: the most values.</summary>
    public string? MaxItems { get; set; }

    /// <summary>Choice: the options, one a line, <c>value|中文|English</c>.</summary>
    public string? Options { get; set; }

    /// <summary>Media: <c>images</c>, <c>files</c> or <c>any</c>.</summary>
    public string? MediaKind { get; set; }

    /// <summary>The version of the stored type the form was made from (see <see cref="TypeVersions"/>).</summary>
    public string? Version { get; set; }

    /// <summary>Content picker: the types that may be picked (none: any).</summary>
    internal List<string> ContentTypes { get; set; } = [];

    /// <summary>The empty form of a new field of the kind.</summary>
    internal static FieldForm ForNew(ContentFieldKind kind, string version) => new()
    {
        Kind = FormInput.Name(kind),
        MediaKind = FormInput.Name(Contents.MediaKind.Images),
        Version = version,
    };

    /// <summary>The form showing a stored field.</summary>
    internal static FieldForm From(ContentFieldDefinition field, string version) => new()
    {
        Name = field.Name,
        Kind = FormInput.Name(field.Kind),
        DisplayName = field.DisplayName.Chinese,
        EnglishName = field.DisplayName.English,
        Hint = field.Hint?.Chinese,
        EnglishHint = field.Hint?.English,
        Required = FormInput.Check(field.Required),
        Multiline = FormInput.Check(field.Multiline),
        MinLength = FormInput.Number(field.MinLength),
        MaxLength = FormInput.Number(field.MaxLength),
        Pattern = field.Pattern,
        Minimum = field.Minimum?.ToString(CultureInfo.InvariantCulture),
        Maximum = field.Maximum?.ToString(CultureInfo.InvariantCulture),
        Decimals = FormInput.Number(field.Decimals),
        Unit = field.Unit?.Chinese,
        EnglishUnit = field.Unit?.English,
        WithTime = FormInput.Check(field.WithTime),
        Multiple = FormInput.Check(field.Multiple),
        MaxItems = FormInput.Number(field.MaxItems),
        Options = FormatOptions(field.Options),
        MediaKind = FormInput.Name(field.MediaKind),
        ContentTypes = [.. field.ContentTypes],
        Version = version,
    };

    /// <summary>Reads the ticked content types from the posted form.</summary>
    internal void ReadContentTypes(IFormCollection form) =>
        ContentTypes = [.. form["ContentTypes"].OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether a checkbox of the form is ticked.</summary>
    internal static bool Ticked(string? value) => FormInput.Flag(value);

    /// <summary>
    /// The field of <paramref name="kind"/> the form describes (only that kind's settings), or null with
    /// <paramref name="errors"/> keyed by input when a value cannot be read or contradicts another.
    /// </summary>
    internal ContentFieldDefinition? ToDefinition(string name, ContentFieldKind kind, Dictionary<string, string> errors)
    {
        var field = new ContentFieldDefinition
        {
            Name = name,
            Kind = kind,
            DisplayName = new BilingualText((DisplayName ?? "").Trim(), (EnglishName ?? "").Trim()),
            Hint = FormInput.Text(Hint, EnglishHint),
            Required = FormInput.Flag(Required),
        };
        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            errors["DisplayName"] = L("请填写字段的中文名称。", "Enter the field's Chinese label.");
        }

        switch (kind)
        {
            case ContentFieldKind.Text:
                field.Multiline = FormInput.Flag(Multiline);
                field.MinLength = FormInput.Int(MinLength, "MinLength", errors, 0, 100_000);
                field.MaxLength = FormInput.Int(MaxLength, "MaxLength", errors, 1, 100_000);
                field.Pattern = string.IsNullOrWhiteSpace(Pattern) ? null : Pattern.Trim();
                if (field.MinLength > field.MaxLength)
                {
                    errors["MaxLength"] = L("最多字数不能小于最少字数。", "The most characters must not be less than the least.");
                }

                if (field.Pattern is { } pattern && !IsRegex(pattern))
                {
                    errors["Pattern"] = L("格式（正则表达式）写得不对。", "The pattern is not a valid regular expression.");
                }

                break;
            case ContentFieldKind.Number:
                field.Minimum = FormInput.Decimal(Minimum, "Minimum", errors);
                field.Maximum = FormInput.Decimal(Maximum, "Maximum", errors);
                field.Decimals = FormInput.Int(Decimals, "Decimals", errors, 0, 6);
                field.Unit = FormInput.Text(Unit, EnglishUnit);
                if (field.Minimum > field.Maximum)
                {
                    errors["Maximum"] = L("最大值不能小于最小值。", "The maximum must not be less than the minimum.");
                }

                break;
            case ContentFieldKind.DateTime:
                field.WithTime = FormInput.Flag(WithTime);
                break;
            case ContentFieldKind.Choice:
                ReadMultiple(field, errors);
                field.Options = ParseOptions(errors);
                break;
            case ContentFieldKind.Media:
                ReadMultiple(field, errors);
                if (FormInput.Enum<MediaKind>(MediaKind) is { } media)
                {
                    field.MediaKind = media;
                }
                else
                {
                    errors["MediaKind"] = L("请选择可以选用的媒体。", "Choose what media may be chosen.");
                }

                break;
            case ContentFieldKind.ContentPicker:
                ReadMultiple(field, errors);
                field.ContentTypes = [.. ContentTypes];
                break;
            case ContentFieldKind.GridPicker:
                ReadMultiple(field, errors);
                break;
        }

        return errors.Count == 0 ? field : null;
    }

    private void ReadMultiple(ContentFieldDefinition field, Dictionary<string, string> errors)
    {
        field.Multiple = FormInput.Flag(Multiple);
        var maxItems = FormInput.Int(MaxItems, "MaxItems", errors, 1, ContentValidator.MaxPickedItems);
        field.MaxItems = field.Multiple ? maxItems : null;
    }

    /// <summary>Options from lines <c>value|中文|English</c> (a line with only a value shows the value).</summary>
    private List<ContentFieldOption> ParseOptions(Dictionary<string, string> errors)
    {
        var options = new List<ContentFieldOption>();
        var lines = (Options ?? "").Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split('|', '｜').Select(p => p.Trim()).ToArray();
            var value = parts[0];
            var line = i + 1;
            if (!OptionValue().IsMatch(value))
            {
                errors["Options"] = L(
                    $"第 {line} 行：选项的值“{value}”只能包含字母、数字、“-”和“_”（最多 64 个字符）。",
                    $"Line {line}: the option value '{value}' may have only letters, digits, '-' and '_' (at most 64).");
                return options;
            }

            if (parts.Length > 3)
            {
                errors["Options"] = L($"第 {line} 行：每行写成“值|中文|English”。", $"Line {line}: write each line as 'value|中文|English'.");
                return options;
            }

            if (options.Exists(o => o.Value == value))
            {
                errors["Options"] = L($"第 {line} 行：选项的值“{value}”重复了。", $"Line {line}: the option value '{value}' is used twice.");
                return options;
            }

            var chinese = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : value;
            options.Add(new ContentFieldOption { Value = value, Text = new BilingualText(chinese, parts.Length > 2 ? parts[2] : "") });
        }

        if (options.Count == 0)
        {
            errors["Options"] = L("选择字段至少要有一个选项。", "A choice field needs at least one option.");
        }

        return options;
    }

    private static string FormatOptions(IEnumerable<ContentFieldOption> options)
    {
        var text = new StringBuilder();
        foreach (var option in options)
        {
            text.Append(option.Value).Append('|').Append(option.Text.Chinese);
            if (!string.IsNullOrEmpty(option.Text.English))
            {
                text.Append('|').Append(option.Text.English);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex OptionValue();
}

/// <summary>A post that carries only the version of the type it was made from (remove a field).</summary>
public sealed class TypeVersionForm
{
    /// <summary>The version of the stored type (see <see cref="TypeVersions"/>).</summary>
    public string? Version { get; set; }
}

/// <summary>The post of a field's up or down button.</summary>
public sealed class MoveFieldForm
{
    /// <summary><c>up</c> or <c>down</c>.</summary>
    public string? Direction { get; set; }

    /// <summary>The version of the stored type (see <see cref="TypeVersions"/>).</summary>
    public string? Version { get; set; }
}

/// <summary>The delete confirmation's post (nothing but the antiforgery token).</summary>
public sealed class DeleteTypeForm
{
    /// <summary>Unused; there so the post is bound and its antiforgery token checked.</summary>
    public string? Confirm { get; set; }
}

/// <summary>Reads the text a browser posts.</summary>
internal static class FormInput
{
    /// <summary>A checkbox: ticked when it posts <c>true</c> or <c>on</c>.</summary>
    public static bool Flag(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));

    /// <summary>The value a ticked checkbox posts, or null.</summary>
    public static string? Check(bool value) => value ? "true" : null;

    /// <summary>An enum value by name, any case; numbers are refused.</summary>
    public static TEnum? Enum<TEnum>(string? text)
        where TEnum : struct, Enum =>
        !string.IsNullOrWhiteSpace(text) && char.IsLetter(text.Trim()[0]) && System.Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) ? value : null;

    /// <summary>An enum value's name in camelCase, as documents and forms write it.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Both languages of a text, or null when both are empty.</summary>
    public static BilingualText? Text(string? chinese, string? english)
    {
        var zh = (chinese ?? "").Trim();
        var en = (english ?? "").Trim();
        return zh.Length == 0 && en.Length == 0 ? null : new BilingualText(zh, en);
    }

    /// <summary>A whole number within bounds, null when empty; otherwise an error under <paramref name="key"/>.</summary>
    public static int? Int(string? text, string key, Dictionary<string, string> errors, int min = int.MinValue, int max = int.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            errors[key] = L($"“{text.Trim()}”不是整数。", $"'{text.Trim()}' is not a whole number.");
            return null;
        }

        if (value < min || value > max)
        {
            errors[key] = max == int.MaxValue
                ? L($"请填写不小于 {min} 的整数。", $"Enter a whole number of at least {min}.")
                : L($"请填写 {min} 到 {max} 之间的整数。", $"Enter a whole number from {min} to {max}.");
            return null;
        }

        return value;
    }

    /// <summary>A decimal number (<c>1,000.5</c> is read too), null when empty; otherwise an error under <paramref name="key"/>.</summary>
    public static decimal? Decimal(string? text, string key, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            errors[key] = L($"“{text.Trim()}”不是数字。", $"'{text.Trim()}' is not a number.");
            return null;
        }

        return value;
    }
}

/// <summary>
/// The version of a stored type that a form carries: a hash of its JSON. A post made from an older version is refused,
/// so that two admins editing the same type do not overwrite each other's changes unseen.
/// </summary>
internal static class TypeVersions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(ContentTypeDefinition type) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(type, Json)).AsSpan(0, 12));

    /// <summary>A copy to change without touching the store's own instance (which a refused save would leave changed).</summary>
    public static ContentTypeDefinition Clone(ContentTypeDefinition type) =>
        JsonSerializer.Deserialize<ContentTypeDefinition>(JsonSerializer.SerializeToUtf8Bytes(type, Json), Json)!;
}
