namespace GovPlatform.Mediation.Models;

/// <summary>A mediation session, in person at a body or online (云调解), with its participants, minutes and outcome.</summary>
public sealed class MediationSession
{
    public long Id { get; set; }

    public long DisputeId { get; set; }

    public SessionMode Mode { get; set; }

    public SessionStatus Status { get; set; }

    public DateTime StartsUtc { get; set; }

    public int DurationMinutes { get; set; } = 60;

    /// <summary>The body hosting an in-person session, or null.</summary>
    public long? BodyId { get; set; }

    /// <summary>Where, when not at a body (a courtyard, the parties' home).</summary>
    public string? Place { get; set; }

    /// <summary>The online meeting's address for cloud mediation (https only).</summary>
    public string? MeetingUrl { get; set; }

    /// <summary>What was said and agreed (调解笔录).</summary>
    public string? Minutes { get; set; }

    /// <summary>True when the session reached the agreement.</summary>
    public bool AgreementReached { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>When the reminder went out (null: not yet).</summary>
    public DateTime? RemindedUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public int Version { get; set; }
}
