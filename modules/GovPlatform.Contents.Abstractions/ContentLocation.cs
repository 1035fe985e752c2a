namespace GovPlatform.Contents;

/// <summary>Where an item is: a WGS84 point and an address, either or both.</summary>
public sealed class ContentLocation
{
    /// <summary>Longitude in degrees (−180–180).</summary>
    public double? Longitude { get; set; }

    /// <summary>Latitude in degrees (−90–90).</summary>
    public double? Latitude { get; set; }

    /// <summary>The address, as people write it.</summary>
    public string? Address { get; set; }
}
