using GovPlatform.Localization;
using GovPlatform.Themes.Admin.Components;

namespace GovPlatform.Themes.Admin;

/// <summary>The admin theme.</summary>
public sealed class AdminTheme : ISiteTheme
{
    public const string FeatureId = "GovPlatform.Themes.Admin";

    public string Id => FeatureId;

    public BilingualText Name { get; } = new("管理后台", "Admin");

    public Type Layout => typeof(AdminThemeLayout);

    public bool IsAdmin => true;
}
