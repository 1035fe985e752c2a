using GovPlatform.Localization;
using GovPlatform.Themes.Civic.Components;

namespace GovPlatform.Themes.Civic;

/// <summary>The default public theme.</summary>
public sealed class CivicTheme : ISiteTheme
{
    public const string FeatureId = "GovPlatform.Themes.Civic";

    public string Id => FeatureId;

    public BilingualText Name { get; } = new("政务蓝", "Civic blue");

    public Type Layout => typeof(CivicLayout);

    public bool IsAdmin => false;
}
