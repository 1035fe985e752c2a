using GovPlatform.Themes.Civic.Components;

namespace GovPlatform.Themes.Civic;

/// <summary>The default public theme.</summary>
public static class CivicTheme
{
    public const string FeatureId = "GovPlatform.Themes.Civic";

    /// <summary>What the startup registers.</summary>
    public static readonly SiteTheme Theme = new(FeatureId, new("政务蓝", "Civic blue"), typeof(CivicLayout));
}
