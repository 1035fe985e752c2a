using GovPlatform.Themes.Red.Components;

namespace GovPlatform.Themes.Red;

/// <summary>The party-building public theme (党建红).</summary>
public static class RedTheme
{
    public const string FeatureId = "GovPlatform.Themes.Red";

    /// <summary>What the startup registers.</summary>
    public static readonly SiteTheme Theme = new(FeatureId, new("党建红", "Party red"), typeof(RedLayout));
}
