using GovPlatform.Data;

namespace GovPlatform.LegalAid.Models;

/// <summary>A tenant's legal service rules (document <c>legalaid-settings</c>).</summary>
[Document("legalaid-settings")]
public sealed class LegalAidSettings
{
    /// <summary>The grid depth of the units that have a legal adviser each: 3, the community under district → street.</summary>
    public int CommunityDepth { get; set; } = 3;

    /// <summary>How soon a slot can be booked: minutes from now to its start.</summary>
    public int MinLeadMinutes { get; set; } = 60;

    /// <summary>Until how many hours before its start a citizen may cancel or reschedule.</summary>
    public int CancelUntilHours { get; set; } = 2;

    /// <summary>How many coming appointments one phone may hold at once.</summary>
    public int MaxActivePerPhone { get; set; } = 3;

    /// <summary>How many hours before an appointment the reminder is texted.</summary>
    public int ReminderHours { get; set; } = 24;

    /// <summary>Working days the reviewer has to decide on a legal aid application (法律援助法 art. 43: seven).</summary>
    public int ReviewWorkingDays { get; set; } = 7;

    /// <summary>
    /// The means test: the household's monthly income per person at or under which the applicant is in hardship, in fen.
    /// Guangdong takes the local minimum wage as the standard; 2,300 yuan is Guangzhou's, set by the admin for others.
    /// </summary>
    public long IncomeLimitFen { get; set; } = 230_000;

    /// <summary>The petitions catalogue's item a matter from an evening reception is filed under, or null (the first item).</summary>
    public string? ReceptionPetitionCategory { get; set; }
}
