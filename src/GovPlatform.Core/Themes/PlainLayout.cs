using System.Globalization;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace GovPlatform.Core.Themes;

/// <summary>A bare HTML document around the page, for tenants without any theme enabled.</summary>
internal sealed class PlainLayout : ThemeLayout
{
    [Inject]
    private ITenant Tenant { get; set; } = default!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html>");
        builder.OpenElement(1, "html");
        builder.AddAttribute(2, "lang", CultureInfo.CurrentUICulture.Name);
        builder.OpenElement(3, "head");
        builder.AddMarkupContent(4, "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        builder.OpenElement(5, "title");
        builder.AddContent(6, string.IsNullOrEmpty(Title) ? Tenant.DisplayName : $"{Title} · {Tenant.DisplayName}");
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(7, "body");
        builder.OpenElement(8, "main");
        builder.AddContent(9, ChildContent);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }
}
