using GovPlatform.Localization;
using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Services;

/// <summary>A party as entered on a form, the API or a recipe.</summary>
public sealed record PartyInput(PartyRole Role, string Name, string? Phone = null, string? IdNumber = null, string? Address = null, string? Note = null);

/// <summary>A dispute to register in the ledger.</summary>
public sealed record DisputeRegistration
{
    public DisputeType Type { get; init; }

    public DisputeSource Source { get; init; } = DisputeSource.WalkIn;

    public RiskLevel Risk { get; init; }

    /// <summary>A short title without parties' names.</summary>
    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>Where the dispute is (a grid, a community).</summary>
    public string GridUnitCode { get; init; } = "";

    public IReadOnlyList<PartyInput> Parties { get; init; } = [];

    /// <summary>The body to mediate it at once, or null (the handling unit chooses later).</summary>
    public long? BodyId { get; init; }

    /// <summary>The lead mediator (of <see cref="BodyId"/>), or null.</summary>
    public long? MediatorId { get; init; }

    /// <summary>The screening report that found it.</summary>
    public long? ScreeningReportId { get; init; }

    /// <summary>Makes a repeated registration return the first dispute.</summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>How a change to a dispute went.</summary>
public enum DisputeResultStatus
{
    Done,
    Replayed,
    NotFound,
    Forbidden,
    NotAllowed,
    Stale,
    Invalid,
}

/// <summary>The outcome of a change: the dispute after it, or why it was refused (field → message, "" for the whole form).</summary>
public sealed record DisputeResult(DisputeResultStatus Status, Dispute? Dispute = null, IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status is DisputeResultStatus.Done or DisputeResultStatus.Replayed;

    public static DisputeResult Invalid(IReadOnlyDictionary<string, BilingualText> errors) => new(DisputeResultStatus.Invalid, null, errors);

    public static DisputeResult Invalid(string field, BilingualText message) => new(DisputeResultStatus.Invalid, null, new Dictionary<string, BilingualText> { [field] = message });

    public static DisputeResult Refused(DisputeResultStatus status, BilingualText message, Dispute? dispute = null) =>
        new(status, dispute, new Dictionary<string, BilingualText> { [""] = message });
}

/// <summary>How a dispute closes.</summary>
public sealed record DisputeOutcome(DisputeStatus Status)
{
    /// <summary>The agreement's terms (required to settle).</summary>
    public string? AgreementTerms { get; init; }

    /// <summary>Where a failed mediation went.</summary>
    public FailedReferral Referral { get; init; }

    /// <summary>The closing note (required to fail or withdraw).</summary>
    public string? Note { get; init; }
}
