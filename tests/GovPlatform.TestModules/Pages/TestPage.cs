using GovPlatform.Themes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace GovPlatform.TestModules.Pages;

/// <summary>A page wrapped in <see cref="SiteLayout"/>, or in <see cref="AdminLayout"/> for an admin page.</summary>
public sealed class TestPage : ComponentBase
{
    [Parameter]
    public string Heading { get; set; } = "";

    [Parameter]
    public bool Admin { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent(0, Admin ? typeof(AdminLayout) : typeof(SiteLayout));
        builder.AddComponentParameter(1, nameof(ThemeLayout.Title), Heading);
        builder.AddComponentParameter(2, nameof(ThemeLayout.ChildContent), (RenderFragment)(content =>
        {
            content.OpenElement(0, "h1");
            content.AddAttribute(1, "class", "test-page");
            content.AddContent(2, Heading);
            content.CloseElement();
        }));
        builder.CloseComponent();
    }
}
