namespace GovPlatform.Petitions.Services;

/// <summary>A new petition from any channel; which fields are required depends on <see cref="Channel"/>.</summary>
internal sealed record PetitionSubmission(PetitionChannel Channel)
{
    public string? CategoryCode { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? GridUnitCode { get; init; }

    public double? Longitude { get; init; }

    public double? Latitude { get; init; }

    public string? Address { get; init; }

    public string? ContactName { get; init; }

    public string? ContactPhone { get; init; }

    /// <summary>Reception: the people involved (涉及人员).</summary>
    public string? PeopleInvolved { get; init; }

    /// <summary>Reception: what was done on the spot (现场处置情况).</summary>
    public string? OnTheSpotHandling { get; init; }

    /// <summary>Reception: the receiver's opinion (接待意见).</summary>
    public string? ReceptionOpinion { get; init; }

    public IReadOnlyList<PetitionUpload> Attachments { get; init; } = [];

    public string? IdempotencyKey { get; init; }

    /// <summary>Referral: what filed it.</summary>
    public string? Source { get; init; }
}
