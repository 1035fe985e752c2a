namespace GovPlatform.Petitions;

/// <summary>Lets other modules move a petition on: a room reports its outcome, and the loop continues.</summary>
public interface IPetitionLoop
{
    /// <summary>
    /// Reports the outcome of a room's work on a petition sent to it. Resolved: the petition goes to feedback with
    /// <paramref name="publicReply"/> for the citizen. Not resolved: it goes back to assessment for another route.
    /// False when the petition is not (any more) with that room.
    /// </summary>
    Task<bool> ReportRoomOutcomeAsync(long petitionId, string roomCode, bool resolved, string note, string? publicReply, CancellationToken cancellationToken = default);
}
