using GovPlatform.Security;

namespace GovPlatform.LegalAid.Models;

/// <summary>A consultation (法律咨询登记): one visit, call or referral, the matter and the advice given.</summary>
public sealed class Consultation : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The number shown to staff (<c>ZX20261126-0001</c>).</summary>
    public string Number { get; set; } = "";

    public ConsultationChannel Channel { get; set; }

    /// <summary>The station where it took place, or null (an adviser in the community, by phone).</summary>
    public long? StationId { get; set; }

    /// <summary>The lawyer who advised, or null (a staff member at the window).</summary>
    public long? LawyerId { get; set; }

    /// <summary>The unit of the station or community: staff over it see the consultation.</summary>
    public string GridUnitCode { get; set; } = "";

    public string CitizenName { get; set; } = "";

    public string? Phone { get; set; }

    public MatterType MatterType { get; set; }

    /// <summary>What was asked.</summary>
    public string Matter { get; set; } = "";

    /// <summary>The advice given.</summary>
    public string Advice { get; set; } = "";

    public ConsultationOutcome Outcome { get; set; }

    /// <summary>A follow-up the adviser promised (<c>下周电话回访</c>), or null.</summary>
    public string? FollowUp { get; set; }

    /// <summary>Local date the follow-up is due, or null.</summary>
    public DateOnly? FollowUpOn { get; set; }

    public DateTime? FollowUpDoneUtc { get; set; }

    public string? FollowUpNote { get; set; }

    /// <summary>The appointment it was recorded at, or null.</summary>
    public long? AppointmentId { get; set; }

    /// <summary>The petition the hall sent to the legal counselling room, or null.</summary>
    public long? PetitionId { get; set; }

    public string? PetitionNumber { get; set; }

    /// <summary>When the consultation's outcome was reported back to the petitions hall.</summary>
    public DateTime? PetitionReportedUtc { get; set; }

    /// <summary>The evening reception matter it came from, or null.</summary>
    public long? ReceptionMatterId { get; set; }

    /// <summary>The legal aid application it led to, or null.</summary>
    public long? ApplicationId { get; set; }

    /// <summary>When the visit took place.</summary>
    public DateTime HeldUtc { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}
