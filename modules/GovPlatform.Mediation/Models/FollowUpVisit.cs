namespace GovPlatform.Mediation.Models;

/// <summary>A follow-up visit after closing (回访): is the agreement kept?</summary>
public sealed class FollowUpVisit
{
    public long Id { get; set; }

    public long DisputeId { get; set; }

    public DateTime VisitedUtc { get; set; }

    public string VisitedBy { get; set; } = "";

    /// <summary>True when the agreement is being kept (or, for other outcomes, the matter is calm).</summary>
    public bool Kept { get; set; }

    public string Note { get; set; } = "";
}
