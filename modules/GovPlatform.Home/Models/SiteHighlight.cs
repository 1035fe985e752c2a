namespace GovPlatform.Home.Models;

/// <summary>A programme of the district, shown on the home page.</summary>
public sealed class SiteHighlight
{
    public LocalizedText Title { get; set; } = [];

    public LocalizedText Text { get; set; } = [];
}
