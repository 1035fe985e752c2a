using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace GovPlatform.Themes;

/// <summary>Lays a public page out in the tenant's theme: <c>&lt;SiteLayout Title="…"&gt;…&lt;/SiteLayout&gt;</c>.</summary>
public sealed class SiteLayout : ThemeLayout
{
    [Inject]
    private IThemeSelector Themes { get; set; } = default!;

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder) => RenderLayout(builder, Themes.Site.Layout, Title, ChildContent);

    internal static void RenderLayout(RenderTreeBuilder builder, Type layout, string? title, RenderFragment? content)
    {
        builder.OpenComponent(0, layout);
        builder.AddComponentParameter(1, nameof(Title), title);
        builder.AddComponentParameter(2, nameof(ChildContent), content);
        builder.CloseComponent();
    }
}
