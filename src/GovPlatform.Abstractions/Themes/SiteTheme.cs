using GovPlatform.Localization;

namespace GovPlatform.Themes;

/// <summary>A theme as a value: a theme module's startup registers one with <c>services.AddSingleton&lt;ISiteTheme&gt;(…)</c>.</summary>
/// <param name="Id">The theme's feature id.</param>
/// <param name="Name">Name shown in the admin's theme picker.</param>
/// <param name="Layout">The layout component, deriving from <see cref="ThemeLayout"/>.</param>
/// <param name="IsAdmin">Whether it lays out the admin rather than the public site.</param>
public sealed record SiteTheme(string Id, BilingualText Name, Type Layout, bool IsAdmin = false) : ISiteTheme;
