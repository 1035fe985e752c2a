using Microsoft.AspNetCore.Components;

namespace GovPlatform.Themes;

/// <summary>The parameters every theme layout takes. Pages do not use layouts directly: they wrap their content in <see cref="SiteLayout"/> or <see cref="AdminLayout"/>.</summary>
public abstract class ThemeLayout : ComponentBase
{
    /// <summary>The page's title (the layout adds the site's name).</summary>
    [Parameter]
    public string? Title { get; set; }

    /// <summary>The page.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }
}
