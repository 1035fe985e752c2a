using System.Globalization;
using GovPlatform.Localization;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Components.Types;

/// <summary>The names and explanations of parts, field kinds and settings on the type pages, in the reader's language.</summary>
internal static class TypeText
{
    public static string Text(BilingualText? text, string fallback = "") =>
        text is { } value && value.For(CultureInfo.CurrentUICulture) is { Length: > 0 } shown ? shown : fallback;

    public static string Label(ContentTypeDefinition type) => Text(type.DisplayName, type.Name);

    public static string Label(ContentFieldDefinition field) => Text(field.DisplayName, field.Name);

    public static string Part(ContentPartKind kind) => kind switch
    {
        ContentPartKind.Title => L("标题", "Title"),
        ContentPartKind.Body => L("正文", "Body"),
        ContentPartKind.Route => L("网址", "Route"),
        ContentPartKind.Publish => L("发布", "Publishing"),
        ContentPartKind.Owner => L("负责人", "Owner"),
        ContentPartKind.Grid => L("所属网格", "Grid unit"),
        _ => L("位置", "Location"),
    };

    public static string PartHelp(ContentPartKind kind) => kind switch
    {
        ContentPartKind.Title => L("列表里和页面顶部显示的标题。", "The title shown in lists and at the top of the page."),
        ContentPartKind.Body => L("正文，可用 Markdown 或 HTML 编写（不安全的代码会被去掉）。", "The main text, written in Markdown or HTML (unsafe code is removed)."),
        ContentPartKind.Route => L("每条内容在网站上有自己的网址，如 projects/elderly-canteen。", "Each item gets its own address on the site, such as projects/elderly-canteen."),
        ContentPartKind.Publish => L("先存草稿，审核后发布，可以定时发布和撤下。没有这个部件时，保存即公开。", "Save drafts and publish when ready, or at a set time; unpublish later. Without it, saving makes an item public."),
        ContentPartKind.Owner => L("记录由谁负责这条内容。", "Records who is responsible for the item."),
        ContentPartKind.Grid => L("把内容挂到一个网格单元上，只负责部分网格的人员只看到自己网格的内容。", "Attaches the item to a grid unit; staff confined to some units see only their units' items."),
        _ => L("地图上的一个点（经纬度）和地址。", "A point on the map (longitude, latitude) and an address."),
    };

    public static string Kind(ContentFieldKind kind) => kind switch
    {
        ContentFieldKind.Text => L("文本", "Text"),
        ContentFieldKind.Number => L("数字", "Number"),
        ContentFieldKind.Boolean => L("是/否", "Yes/no"),
        ContentFieldKind.DateTime => L("日期时间", "Date and time"),
        ContentFieldKind.Choice => L("选项", "Choice"),
        ContentFieldKind.Link => L("链接", "Link"),
        ContentFieldKind.Media => L("图片和文件", "Media"),
        ContentFieldKind.ContentPicker => L("关联内容", "Content picker"),
        _ => L("网格选择", "Grid picker"),
    };

    public static string KindHelp(ContentFieldKind kind) => kind switch
    {
        ContentFieldKind.Text => L("一行或多行文字，可限制字数和格式。", "One line or several, with length limits and a pattern."),
        ContentFieldKind.Number => L("数字，可设最小值、最大值、小数位数和单位（元、人）。", "A number with a minimum, maximum, decimal places and a unit (元, people)."),
        ContentFieldKind.Boolean => L("勾选框：是或否。", "A checkbox: yes or no."),
        ContentFieldKind.DateTime => L("日期，或日期加时间。", "A date, or a date and time."),
        ContentFieldKind.Choice => L("从你列出的选项中选一个或几个。", "One or several of the options you list."),
        ContentFieldKind.Link => L("一个网址（http 或 https）和显示的文字。", "A web address (http or https) and the text shown."),
        ContentFieldKind.Media => L("从媒体库选择图片或文件。", "Images or files from the media library."),
        ContentFieldKind.ContentPicker => L("选择本站的其他内容，如相关项目。", "Other items of this site, such as related projects."),
        _ => L("选择一个或几个网格单元。", "One or several grid units."),
    };

    public static string Order(ContentListOrder order) => order switch
    {
        ContentListOrder.Newest => L("最新发布的在前", "Newest first"),
        ContentListOrder.Oldest => L("最早发布的在前", "Oldest first"),
        _ => L("按标题", "By title"),
    };

    public static string Media(MediaKind kind) => kind switch
    {
        MediaKind.Images => L("只限图片", "Images only"),
        MediaKind.Files => L("只限文件（PDF、Word、Excel、文本）", "Files only (PDF, Word, Excel, text)"),
        _ => L("图片和文件", "Images and files"),
    };

    public static string Parts(ContentTypeDefinition type) =>
        string.Join(L("、", ", "), type.Parts.Select(p => Part(p.Kind)));

    /// <summary>A short account of a field's settings for the fields table.</summary>
    public static string Settings(ContentFieldDefinition field, IReadOnlyList<ContentTypeDefinition> types)
    {
        var notes = new List<string>();
        var invariant = CultureInfo.InvariantCulture;
        switch (field.Kind)
        {
            case ContentFieldKind.Text:
                notes.Add(field.Multiline ? L("多行", "several lines") : L("单行", "one line"));
                if (field.MinLength is not null || field.MaxLength is not null)
                {
                    notes.Add(L($"{field.MinLength ?? 0}–{(field.MaxLength?.ToString(invariant) ?? "")} 字", $"{field.MinLength ?? 0}–{field.MaxLength?.ToString(invariant) ?? ""} characters"));
                }

                if (field.Pattern is { Length: > 0 })
                {
                    notes.Add(L("有格式要求", "pattern"));
                }

                break;
            case ContentFieldKind.Number:
                if (field.Minimum is not null || field.Maximum is not null)
                {
                    notes.Add($"{field.Minimum?.ToString(invariant) ?? ""}–{field.Maximum?.ToString(invariant) ?? ""}");
                }

                notes.Add(L($"{field.Decimals ?? 2} 位小数", $"{field.Decimals ?? 2} decimals"));
                if (Text(field.Unit) is { Length: > 0 } unit)
                {
                    notes.Add(unit);
                }

                break;
            case ContentFieldKind.DateTime:
                notes.Add(field.WithTime ? L("日期和时间", "date and time") : L("日期", "date"));
                break;
            case ContentFieldKind.Choice:
                notes.Add(string.Join(" / ", field.Options.Select(o => Text(o.Text, o.Value))));
                break;
            case ContentFieldKind.Media:
                notes.Add(Media(field.MediaKind));
                break;
            case ContentFieldKind.ContentPicker:
                notes.Add(field.ContentTypes.Count == 0
                    ? L("任意类型", "any type")
                    : string.Join(L("、", ", "), field.ContentTypes.Select(t => types.FirstOrDefault(d => d.Name == t) is { } d ? Label(d) : t)));
                break;
        }

        if (field.Kind is ContentFieldKind.Choice or ContentFieldKind.Media or ContentFieldKind.ContentPicker or ContentFieldKind.GridPicker)
        {
            notes.Add(!field.Multiple ? L("单选", "one")
                : field.MaxItems is { } max ? L($"最多选 {max} 个", $"up to {max}") : L("可多选", "several"));
        }

        return string.Join(" · ", notes.Where(n => n.Length > 0));
    }
}
