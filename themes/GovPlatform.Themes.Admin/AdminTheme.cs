using GovPlatform.Themes.Admin.Components;

namespace GovPlatform.Themes.Admin;

/// <summary>The admin theme.</summary>
public static class AdminTheme
{
    public const string FeatureId = "GovPlatform.Themes.Admin";

    /// <summary>What the startup registers.</summary>
    public static readonly SiteTheme Theme = new(FeatureId, new("管理后台", "Admin"), typeof(AdminThemeLayout), IsAdmin: true);
}
