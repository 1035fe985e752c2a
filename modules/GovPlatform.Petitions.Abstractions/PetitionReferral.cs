namespace GovPlatform.Petitions;

/// <summary>A petition sent to a room, as the room's module sees it.</summary>
/// <param name="PetitionId">The petition's id, to report back with.</param>
/// <param name="TrackingNumber">The petition's tracking number.</param>
/// <param name="CategoryCode">The petition's category (item) code.</param>
/// <param name="Description">What the citizen asked.</param>
/// <param name="GridUnitCode">The grid unit where the matter is, or null.</param>
/// <param name="ContactName">The citizen's name, or null.</param>
/// <param name="ContactPhone">The citizen's phone.</param>
/// <param name="Note">The dispatcher's note to the room, or null.</param>
/// <param name="SentBy">The user name of who sent it.</param>
public sealed record PetitionReferral(
    long PetitionId,
    string TrackingNumber,
    string CategoryCode,
    string Description,
    string? GridUnitCode,
    string? ContactName,
    string ContactPhone,
    string? Note,
    string SentBy);
