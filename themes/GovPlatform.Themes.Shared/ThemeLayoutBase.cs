using System.Globalization;
using GovPlatform.Navigation;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace GovPlatform.Themes.Shared;

/// <summary>
/// What every theme layout knows about the request it lays out: the tenant, its name in the page's language, the
/// document title and the items of the theme's menu as the user sees them.
/// </summary>
public abstract class ThemeLayoutBase : ThemeLayout
{
    /// <summary>The request: layouts render on the server only.</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    private ITenant Tenant { get; set; } = default!;

    [Inject]
    private INavigationService Navigation { get; set; } = default!;

    /// <summary>The menu this layout renders: <see cref="Menus.Site"/> or <see cref="Menus.Admin"/>.</summary>
    protected abstract string Menu { get; }

    /// <summary>The menu's items the user may see, grouped by section.</summary>
    protected IReadOnlyList<NavigationItem> MenuItems { get; private set; } = [];

    /// <summary>The request, which the layout cannot do without.</summary>
    protected HttpContext Context =>
        HttpContext ?? throw new InvalidOperationException("Theme layouts are rendered on the server, with the request as a cascading HttpContext.");

    protected static CultureInfo Culture => CultureInfo.CurrentUICulture;

    /// <summary>The tenant's display name in the page's language.</summary>
    protected string SiteName => Tenant.GetDisplayName(Culture.Name);

    /// <summary>"Page · Site", or the site's name alone for a page without a title of its own.</summary>
    protected string DocumentTitle => string.IsNullOrWhiteSpace(Title) || Title == SiteName ? SiteName : $"{Title} · {SiteName}";

    /// <summary>The site's logo (uploaded in the admin's site settings), versioned so browsers may keep it; null when none.</summary>
    protected string? LogoUrl => Tenant.Settings["Site:Logo:Version"] is { Length: > 0 } version ? Context.TenantPath($"site/logo?v={version}") : null;

    /// <summary>The tenant's home page.</summary>
    protected string HomeUrl => Context.TenantPath("");

    protected override async Task OnParametersSetAsync() =>
        MenuItems = await Navigation.GetMenuAsync(Menu, Context.User, Context.RequestAborted);
}
