using GovPlatform.Security;

namespace GovPlatform.LegalAid.Models;

/// <summary>
/// A place that gives legal service (公共法律服务中心/工作站, 法律援助工作站, 法律诊所), attached to a grid unit, shown in
/// the public directory and on its map, and booked by citizens.
/// </summary>
public sealed class LegalStation : IGridScopedResource, IOpeningRules
{
    public long Id { get; set; }

    /// <summary>The tenant-wide code (<c>yx-procuratorate-aid</c>); recipes match on it.</summary>
    public string Code { get; set; } = "";

    public StationKind Kind { get; set; }

    public string Name { get; set; } = "";

    public string EnglishName { get; set; } = "";

    /// <summary>The unit the station serves (the district, a street, a community).</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>The body that hosts it (<c>越秀区人民检察院</c>), for a workstation placed in another body.</summary>
    public string? HostOrganisation { get; set; }

    public string Address { get; set; } = "";

    /// <summary>WGS84 longitude of the entrance, or null (then the station is not on the map and not "nearest").</summary>
    public double? Longitude { get; set; }

    public double? Latitude { get; set; }

    /// <summary>The services offered.</summary>
    public LegalServices Services { get; set; }

    /// <summary>Opening hours as people read them (<c>周一至周五 9:00–12:00，14:00–17:30</c>).</summary>
    public string? Hours { get; set; }

    public string? Phone { get; set; }

    /// <summary>Who to ask for (<c>值班律师 / 接待窗口</c>), as shown in the directory.</summary>
    public string? Contacts { get; set; }

    public string? Description { get; set; }

    /// <inheritdoc />
    public int OpenDays { get; set; } = Models.OpenDays.Weekdays;

    /// <inheritdoc />
    public TimeOnly? OpensAt { get; set; }

    /// <inheritdoc />
    public TimeOnly? ClosesAt { get; set; }

    /// <inheritdoc />
    public int SlotMinutes { get; set; } = 30;

    /// <inheritdoc />
    public int SlotCapacity { get; set; }

    /// <inheritdoc />
    public int DaysAhead { get; set; } = 14;

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}
