using GovPlatform.Localization;

namespace GovPlatform.Themes;

/// <summary>
/// A theme: a layout component and its styles, shipped as a module with one feature. Its startup registers it as a
/// singleton <c>ISiteTheme</c>; a tenant uses the theme its <c>Theme</c> setting names, among the enabled ones.
/// </summary>
public interface ISiteTheme
{
    /// <summary>The theme's feature id, which is what a tenant's <c>Theme</c> setting names.</summary>
    string Id { get; }

    /// <summary>Name shown in the admin's theme picker.</summary>
    BilingualText Name { get; }

    /// <summary>The layout: a component deriving from <see cref="ThemeLayout"/>.</summary>
    Type Layout { get; }

    /// <summary>An admin theme lays out <c>/admin</c> pages; the others lay out the public site.</summary>
    bool IsAdmin { get; }
}
