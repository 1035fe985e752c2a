using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace GovPlatform.Themes;

/// <summary>Lays an admin page out in the admin theme: <c>&lt;AdminLayout Title="…"&gt;…&lt;/AdminLayout&gt;</c>.</summary>
public sealed class AdminLayout : ThemeLayout
{
    [Inject]
    private IThemeSelector Themes { get; set; } = default!;

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder) => SiteLayout.RenderLayout(builder, Themes.Admin.Layout, Title, ChildContent);
}
