using System.Globalization;
using GovPlatform.Contents.Rendering;

namespace GovPlatform.Contents.Components.Templates;

/// <summary>The template pages' base: the tenant's base path, and texts in the reader's language (Chinese by default, English for <c>en</c>).</summary>
public abstract class TemplateComponent : ContentComponent
{
    protected string TemplateUrl(string name) => Url($"admin/contents/templates/{Uri.EscapeDataString(name)}");

    /// <summary>What a kind of template shows.</summary>
    protected static string KindName(string kind) => kind switch
    {
        ContentTemplateNames.Item => L("详情页", "Item page"),
        ContentTemplateNames.Summary => L("列表中的摘要", "Summary in lists"),
        _ => L("列表页", "List page"),
    };

    protected static string Time(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
