using GovPlatform.Security;

namespace GovPlatform.Mediation.Models;

/// <summary>
/// A dispute in the ledger (矛盾纠纷台账): where it is, who handles it, its risk, its mediator and its outcome. Parties
/// are in <see cref="DisputeParty"/> rows, read only by the dispute's mediators and their superiors. Changes are
/// recorded as <see cref="DisputeEvent"/>s.
/// </summary>
public sealed class Dispute : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The ledger number (<c>TJ20261126-4821</c>), unique in the tenant.</summary>
    public string Number { get; set; } = "";

    public DisputeType Type { get; set; }

    public DisputeSource Source { get; set; }

    public DisputeStatus Status { get; set; }

    public RiskLevel Risk { get; set; }

    /// <summary>A short title without parties' names (邻里漏水纠纷): what lists and statistics show.</summary>
    public string Title { get; set; } = "";

    /// <summary>What the dispute is about; may name parties, so it is private like them.</summary>
    public string Description { get; set; } = "";

    /// <summary>Where the dispute is (a grid or community).</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>The level that handles it now (community, street, district): escalation moves it up.</summary>
    public string HandlingUnitCode { get; set; } = "";

    /// <summary>The body mediating it, or null.</summary>
    public long? BodyId { get; set; }

    /// <summary>The lead mediator, or null.</summary>
    public long? MediatorId { get; set; }

    public int EscalationCount { get; set; }

    /// <summary>The petition this dispute came from, or was filed as, in the petitions hall.</summary>
    public long? PetitionId { get; set; }

    public string? PetitionNumber { get; set; }

    /// <summary>When the outcome was reported to the petitions hall (null while pending).</summary>
    public DateTime? PetitionReportedUtc { get; set; }

    /// <summary>The screening report that found it.</summary>
    public long? ScreeningReportId { get; set; }

    /// <summary>The agreement's terms (调解协议), when settled.</summary>
    public string? AgreementTerms { get; set; }

    /// <summary>Where it went when mediation failed.</summary>
    public FailedReferral FailedReferral { get; set; }

    /// <summary>The closing note (why it failed, why it was withdrawn, what was agreed in short).</summary>
    public string? OutcomeNote { get; set; }

    /// <summary>When a follow-up visit is due after closing (回访), or null.</summary>
    public DateTime? FollowUpDueUtc { get; set; }

    public string RegisteredBy { get; set; } = "";

    public DateTime RegisteredUtc { get; set; }

    public DateTime? ClosedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? IdempotencyKey { get; set; }

    public int Version { get; set; }

    /// <summary>Settled, failed or withdrawn.</summary>
    public bool IsClosed => Status is DisputeStatus.Settled or DisputeStatus.Failed or DisputeStatus.Withdrawn;

    /// <summary>Permissions are checked on the level that handles the dispute.</summary>
    string? IGridScopedResource.GridUnitCode => HandlingUnitCode;
}
