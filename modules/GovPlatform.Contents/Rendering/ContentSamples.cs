using System.Globalization;
using System.Text.Json.Nodes;

namespace GovPlatform.Contents.Rendering;

/// <summary>Sample items of a type, with a value in every field, to check and preview a template before it is saved.</summary>
internal static class ContentSamples
{
    /// <summary>The <paramref name="number"/>th sample item of the type.</summary>
    public static ContentItem Item(ContentTypeDefinition type, CultureInfo culture, int number)
    {
        var english = culture.TwoLetterISOLanguageName == "en";
        string L(string chinese, string englishText) => english ? englishText : chinese;
        var now = DateTime.UtcNow;
        var numberText = number.ToString(CultureInfo.InvariantCulture);
        var body = type.Part(ContentPartKind.Body)?.Format == BodyFormat.Html
            ? $"<p>{L("这是示例正文，保存前用来预览模板。", "This is a sample body, to preview the template before it is saved.")}</p>"
            : L("这是**示例正文**，保存前用来预览模板。", "This is a **sample body**, to preview the template before it is saved.");
        var item = new ContentItem
        {
            ContentItemId = "sample" + numberText,
            VersionNumber = 1,
            ContentType = type.Name,
            Latest = true,
            Published = true,
            Title = L($"示例标题 {numberText}", $"Sample title {numberText}"),
            Body = body,
            Slug = "sample-" + numberText,
            OwnerName = "admin",
            GridUnitCode = null,
            Location = new ContentLocation { Longitude = 113.26, Latitude = 23.13, Address = L("示例路 1 号", "1 Sample Road") },
            CreatedUtc = now.AddDays(-number),
            ModifiedUtc = now.AddDays(-number),
            PublishedUtc = now.AddDays(-number),
        };
        foreach (var field in type.Fields)
        {
            item.Fields[field.Name] = field.Kind switch
            {
                ContentFieldKind.Text => field.Multiline ? L("第一行\n第二行", "First line\nSecond line") : L("示例文字", "Sample text"),
                ContentFieldKind.Number => JsonValue.Create(Math.Clamp(1234.5m, field.Minimum ?? decimal.MinValue, field.Maximum ?? decimal.MaxValue)),
                ContentFieldKind.Boolean => true,
                ContentFieldKind.DateTime => field.WithTime
                    ? now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                    : now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ContentFieldKind.Choice => new JsonArray([.. field.Options.Take(field.Multiple ? 2 : 1).Select(o => (JsonNode)o.Value)]),
                ContentFieldKind.Link => new JsonObject { ["url"] = "https://www.example.org/", ["text"] = L("示例链接", "Sample link") },
                ContentFieldKind.Media => new JsonArray(field.MediaKind == MediaKind.Files ? "samples/sample.pdf" : "samples/sample.jpg"),
                _ => new JsonArray(),
            };
        }

        return item;
    }

    /// <summary>A second page of three sample items (25 in all).</summary>
    public static ContentPage Page(ContentTypeDefinition type, CultureInfo culture) =>
        new([Item(type, culture, 1), Item(type, culture, 2), Item(type, culture, 3)], Total: 25, Page: 2, PageSize: Math.Clamp(type.List?.PageSize ?? 10, 1, 100));
}
