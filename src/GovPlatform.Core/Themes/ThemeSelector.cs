using GovPlatform.Localization;
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
    public const string DefaultSiteTheme = "GovPlatform.Themes.Civic";

    public ThemeSelector(ITenant tenant, IEnumerable<ISiteTheme> themes)
    {
        var all = themes.ToList();
        Available = [.. all.Where(t => !t.IsAdmin)];
        Site = Available.FirstOrDefault(t => t.Id == tenant.Theme)
            ?? Available.FirstOrDefault(t => t.Id == DefaultSiteTheme)
            ?? (Available.Count > 0 ? Available[0] : PlainTheme.Instance);
        Admin = all.FirstOrDefault(t => t.IsAdmin) ?? Site;
    }

    public ISiteTheme Site { get; }

    public ISiteTheme Admin { get; }

    public IReadOnlyList<ISiteTheme> Available { get; }

    private sealed class PlainTheme : ISiteTheme
    {
        public static readonly PlainTheme Instance = new();

        public string Id => "GovPlatform.Themes.Plain";

        public BilingualText Name => new("简洁", "Plain");

        public Type Layout => typeof(PlainLayout);

        public bool IsAdmin => false;
    }
}
