namespace GovPlatform.Home.Models;

/// <summary>The <c>Site</c> section of a tenant's settings, as its recipe writes it.</summary>
public sealed class SiteProfile
{
    public LocalizedText Name { get; set; } = [];

    public LocalizedText Tagline { get; set; } = [];

    public LocalizedText Description { get; set; } = [];

    public LocalizedText Region { get; set; } = [];

    public List<LocalizedText> GridLevels { get; set; } = [];

    public List<SiteFact> Facts { get; set; } = [];

    public List<SiteHighlight> Highlights { get; set; } = [];
}
