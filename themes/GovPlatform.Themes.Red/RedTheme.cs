using GovPlatform.Localization;
using GovPlatform.Themes.Red.Components;

namespace GovPlatform.Themes.Red;

/// <summary>The party-building public theme (党建红).</summary>
public sealed class RedTheme : ISiteTheme
{
    public const string FeatureId = "GovPlatform.Themes.Red";

    public string Id => FeatureId;

    public BilingualText Name { get; } = new("党建红", "Party red");

    public Type Layout => typeof(RedLayout);

    public bool IsAdmin => false;
}
