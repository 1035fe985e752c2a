namespace GovPlatform.Home.Models;

/// <summary>A key figure shown on the home page.</summary>
public sealed class SiteFact
{
    public string Value { get; set; } = "";

    public LocalizedText Label { get; set; } = [];
}
