using GovPlatform.Security;

namespace GovPlatform.LegalAid.Models;

/// <summary>An evening reception (两代表一委员夜间接访): deputies and CPPCC members receive residents at a place on an evening.</summary>
public sealed class EveningReception : IGridScopedResource
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The street or community holding it.</summary>
    public string GridUnitCode { get; set; } = "";

    public string Place { get; set; } = "";

    public DateTime StartsUtc { get; set; }

    public DateTime EndsUtc { get; set; }

    /// <summary>How many residents may sign up (0: no limit).</summary>
    public int Capacity { get; set; }

    public ReceptionStatus Status { get; set; }

    /// <summary>What was said overall, after the evening.</summary>
    public string? Summary { get; set; }

    public string? CancelReason { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A deputy or member who receives at an evening reception.</summary>
public sealed class ReceptionDeputy
{
    public long Id { get; set; }

    public long ReceptionId { get; set; }

    public string Name { get; set; } = "";

    public DeputyRole Role { get; set; }

    /// <summary>The title as the public reads it (<c>区人大代表、某某公司总经理</c>).</summary>
    public string? Title { get; set; }
}

/// <summary>A resident's matter at an evening reception: signed up beforehand (or on the night), heard, its outcome.</summary>
public sealed class ReceptionMatter
{
    public long Id { get; set; }

    public long ReceptionId { get; set; }

    /// <summary>The code the resident gets when signing up (to withdraw).</summary>
    public string Code { get; set; } = "";

    public string ResidentName { get; set; } = "";

    public string Phone { get; set; } = "";

    public string? UserName { get; set; }

    /// <summary>The unit where the matter is, when known.</summary>
    public string? GridUnitCode { get; set; }

    public MatterType MatterType { get; set; }

    public string Matter { get; set; } = "";

    public ReceptionMatterStatus Status { get; set; }

    public ReceptionOutcome? Outcome { get; set; }

    public string? OutcomeNote { get; set; }

    /// <summary>The deputy who heard it, or null.</summary>
    public long? DeputyId { get; set; }

    /// <summary>The petition filed for it, or null.</summary>
    public long? PetitionId { get; set; }

    public string? PetitionNumber { get; set; }

    /// <summary>The consultation recorded for it, or null.</summary>
    public long? ConsultationId { get; set; }

    public DateTime SignedUpUtc { get; set; }

    public DateTime? HeardUtc { get; set; }

    public string? RecordedBy { get; set; }
}
