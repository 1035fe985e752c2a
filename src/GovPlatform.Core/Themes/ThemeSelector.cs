using GovPlatform.Tenants;
using GovPlatform.Themes;

namespace GovPlatform.Core.Themes;

/// <summary>
/// The tenant's themes, chosen once per shell (a change of theme or features builds a new shell): the public theme its
/// <c>Theme</c> setting names when that theme is enabled, else the default public theme, else any enabled one, else a
/// plain built-in layout so that pages render even without a theme module.
/// </summary>
internal sealed class ThemeSelector : IThemeSelector
{
    private static readonly SiteTheme Plain = new("GovPlatform.Themes.Plain", new("简洁", "Plain"), typeof(PlainLayout));

    public const string DefaultSiteTheme = "GovPlatform.Themes.Civic";

    public ThemeSelector(ITenant tenant, IEnumerable<ISiteTheme> themes)
    {
        var all = themes.ToList();
        Available = [.. all.Where(t => !t.IsAdmin)];
        Site = Available.FirstOrDefault(t => t.Id == tenant.Theme)
            ?? Available.FirstOrDefault(t => t.Id == DefaultSiteTheme)
            ?? (Available.Count > 0 ? Available[0] : Plain);
        Admin = all.FirstOrDefault(t => t.IsAdmin) ?? Site;
    }

    public ISiteTheme Site { get; }

    public ISiteTheme Admin { get; }

    public IReadOnlyList<ISiteTheme> Available { get; }
}
