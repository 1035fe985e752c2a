namespace GovPlatform.Mediation.Models;

/// <summary>One step in a dispute's timeline: who did what and when, with the status and unit before and after. Never edited.</summary>
public sealed class DisputeEvent
{
    public long Id { get; set; }

    public long DisputeId { get; set; }

    public int Sequence { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>What happened: Register, Assign, Escalate, Risk, Session, Settle, Fail, Withdraw, FollowUp, Note, Parties…</summary>
    public string Action { get; set; } = "";

    public DisputeStatus FromStatus { get; set; }

    public DisputeStatus ToStatus { get; set; }

    public string? FromUnitCode { get; set; }

    public string? UnitCode { get; set; }

    /// <summary>The user name, or <c>system</c>, or <c>room:petitions</c>.</summary>
    public string Actor { get; set; } = "";

    public string? ActorName { get; set; }

    public string? Note { get; set; }
}
