using GovPlatform.Security;

namespace GovPlatform.Petitions.Models;

/// <summary>
/// A citizen's demand or a field report. The row holds the petition's current state; what happened to it is in its
/// events, which are only ever appended. <see cref="GridUnitCode"/> is where the matter is; <see cref="HandlingUnitCode"/>
/// is the unit that has the case now, and decides who may act on it.
/// </summary>
internal sealed class Petition : IGridScopedResource
{
    public long Id { get; set; }

    public string TrackingNumber { get; set; } = "";

    public PetitionChannel Channel { get; set; }

    public PetitionStage Stage { get; set; }

    public string CategoryCode { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string? GridUnitCode { get; set; }

    public double? Longitude { get; set; }

    public double? Latitude { get; set; }

    public string? Address { get; set; }

    public string? ContactName { get; set; }

    public string ContactPhone { get; set; } = "";

    public string? CitizenUserId { get; set; }

    /// <summary>The visitor registration's people involved (涉及人员), reception only.</summary>
    public string? PeopleInvolved { get; set; }

    /// <summary>What the receiver did on the spot (现场处置情况), reception only.</summary>
    public string? OnTheSpotHandling { get; set; }

    /// <summary>The receiver's opinion (接待意见), reception only.</summary>
    public string? ReceptionOpinion { get; set; }

    /// <summary>The user name of the first responder (首问责任人): the receiver, or whoever confirmed the petition.</summary>
    public string? FirstResponder { get; set; }

    public string? HandlingUnitCode { get; set; }

    public string? HandlingDepartment { get; set; }

    public string? Room { get; set; }

    public string? RoomReference { get; set; }

    /// <summary>A transfer to this department waits for a leader's approval.</summary>
    public string? PendingTransferDepartment { get; set; }

    public string? SupervisingUnitCode { get; set; }

    public int EscalationCount { get; set; }

    public DateTime ReceivedUtc { get; set; }

    public DateTime? DueUtc { get; set; }

    /// <summary>When the case counts as due soon (working hours before <see cref="DueUtc"/>, by the tenant's rule).</summary>
    public DateTime? WarnAtUtc { get; set; }

    public DateTime? WarnedUtc { get; set; }

    public DateTime? OverdueUtc { get; set; }

    /// <summary>When handling finished (the petition reached feedback); on time when not after <see cref="DueUtc"/>.</summary>
    public DateTime? CompletedUtc { get; set; }

    public DateTime? ClosedUtc { get; set; }

    public int? Satisfaction { get; set; }

    public bool? Resolved { get; set; }

    public string? CitizenComment { get; set; }

    /// <summary>The result as told to the citizen.</summary>
    public string? PublicReply { get; set; }

    public string? RejectReason { get; set; }

    public long? MergedIntoId { get; set; }

    public long? PossibleDuplicateOfId { get; set; }

    public int ReopenCount { get; set; }

    public string? IdempotencyKey { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }

    public bool IsClosed => Stage is PetitionStage.Evaluate or PetitionStage.Rejected or PetitionStage.Merged;

    /// <summary>For the permission check: acting on a petition needs its handling unit in the user's scope.</summary>
    string? IGridScopedResource.GridUnitCode => HandlingUnitCode ?? GridUnitCode;
}
