namespace GovPlatform.Petitions.Models;

/// <summary>One step in a petition's timeline: who did what, when, from which stage to which, with note and attachments. Never edited.</summary>
internal sealed class PetitionEvent
{
    public long Id { get; set; }

    public long PetitionId { get; set; }

    public int Sequence { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The command's name (<see cref="Loop.PetitionTrigger"/>), or <c>Submit</c> for the intake.</summary>
    public string Action { get; set; } = "";

    public PetitionStage FromStage { get; set; }

    public PetitionStage ToStage { get; set; }

    /// <summary>The user name, <c>system</c> for the background job, <c>citizen</c> for the tracked citizen.</summary>
    public string Actor { get; set; } = "";

    public string? ActorName { get; set; }

    /// <summary>The handling unit before the step.</summary>
    public string? FromUnitCode { get; set; }

    /// <summary>The handling unit after the step (the unit the case went to, or stayed with).</summary>
    public string? UnitCode { get; set; }

    public string? Department { get; set; }

    public string? Room { get; set; }

    /// <summary>Staff's note: never shown to the citizen.</summary>
    public string? Note { get; set; }

    /// <summary>What the citizen is told of this step, or null.</summary>
    public string? PublicNote { get; set; }

    public string? IdempotencyKey { get; set; }
}
