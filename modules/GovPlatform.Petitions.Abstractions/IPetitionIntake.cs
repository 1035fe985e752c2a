namespace GovPlatform.Petitions;

/// <summary>Files a petition on behalf of another module (an evening reception's matter, a screening finding).</summary>
public interface IPetitionIntake
{
    /// <summary>Files the petition on the <see cref="PetitionChannel.Referral"/> channel; validation errors throw <see cref="ArgumentException"/> with their messages.</summary>
    Task<PetitionReceipt> FileReferralAsync(PetitionReferralRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A petition another module files.</summary>
/// <param name="CategoryCode">The category (item) code of the tenant's catalogue.</param>
/// <param name="Description">The matter.</param>
/// <param name="ContactPhone">The citizen's phone.</param>
/// <param name="ContactName">The citizen's name, or null.</param>
/// <param name="GridUnitCode">The grid unit where the matter is, or null.</param>
/// <param name="Source">What filed it, for the timeline (e.g. "evening-reception:42").</param>
/// <param name="IdempotencyKey">Makes a repeated filing return the first petition; null for none.</param>
public sealed record PetitionReferralRequest(
    string CategoryCode,
    string Description,
    string ContactPhone,
    string? ContactName,
    string? GridUnitCode,
    string Source,
    string? IdempotencyKey = null)
{
    /// <summary>
    /// The room that already holds the matter (a dispute the mediation module registered itself): the petition is
    /// confirmed, assessed and sent straight to that room, so the one front desk counts it and the room reports its
    /// outcome as for any petition sent to it. Null: the petition waits at the front desk like any other.
    /// </summary>
    public string? RoomCode { get; init; }

    /// <summary>The room's own reference for the matter (the dispute's number), shown on the case page; needs <see cref="RoomCode"/>.</summary>
    public string? RoomReference { get; init; }
}

/// <summary>A filed petition.</summary>
/// <param name="PetitionId">Its id.</param>
/// <param name="TrackingNumber">The number the citizen follows it with.</param>
/// <param name="Replayed">True when an earlier request with the same idempotency key had filed it.</param>
public sealed record PetitionReceipt(long PetitionId, string TrackingNumber, bool Replayed);
