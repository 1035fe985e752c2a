namespace GovPlatform.Themes;

/// <summary>The current tenant's themes.</summary>
public interface IThemeSelector
{
    /// <summary>The public site's theme: the tenant's <c>Theme</c> setting if that theme is enabled, else the default public theme.</summary>
    ISiteTheme Site { get; }

    /// <summary>The admin theme.</summary>
    ISiteTheme Admin { get; }

    /// <summary>Every enabled public theme.</summary>
    IReadOnlyList<ISiteTheme> Available { get; }
}
