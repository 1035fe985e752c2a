using GovPlatform.Data;

namespace GovPlatform.Mediation.Models;

/// <summary>A tenant's mediation rules (document <c>mediation-settings</c>).</summary>
[Document("mediation-settings")]
public sealed class MediationSettings
{
    /// <summary>The grid depth (1 = the top unit) of the units that report on screening campaigns and handle disputes first: 3, the community under district → street.</summary>
    public int ReportingDepth { get; set; } = 3;

    /// <summary>Whether the job opens the regular campaigns itself: on the 1st and the 16th of every month.</summary>
    public bool AutoCampaigns { get; set; } = true;

    /// <summary>Working days before a public holiday of the calendar that an extra campaign opens (0: none).</summary>
    public int HolidayCampaignDays { get; set; } = 3;

    /// <summary>
    /// Sensitive dates and major events (敏感节点: 两会, an anniversary, a big meeting in the district): an extra sweep opens
    /// <see cref="HolidayCampaignDays"/> working days before each, like before a public holiday.
    /// </summary>
    public List<SensitiveDate> SensitiveDates { get; set; } = [];

    /// <summary>Hours before a session that its reminder goes out.</summary>
    public int ReminderHours { get; set; } = 24;

    /// <summary>Days after closing that a follow-up visit is due (0: none).</summary>
    public int FollowUpDays { get; set; } = 15;

    /// <summary>Whether a dispute registered in the ledger is also filed in the petitions hall (when it is on), so the one front desk counts it.</summary>
    public bool FileInPetitionsHall { get; set; } = true;

    /// <summary>The duty-list item a dispute is filed under in the petitions hall, per dispute type (falls back to <see cref="DefaultPetitionCategory"/>).</summary>
    public Dictionary<string, string> PetitionCategories { get; set; } = [];

    /// <summary>The duty-list item for disputes whose type has none.</summary>
    public string? DefaultPetitionCategory { get; set; }
}

/// <summary>A sensitive date with its name (全国两会).</summary>
public sealed class SensitiveDate
{
    public DateOnly Date { get; set; }

    public string Name { get; set; } = "";
}
