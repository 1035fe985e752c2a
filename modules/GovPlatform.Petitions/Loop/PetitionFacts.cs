namespace GovPlatform.Petitions.Loop;

/// <summary>What the loop's guards need to know about a petition beyond its stage.</summary>
/// <param name="OnTheSpotAllowed">The petition's category may be solved on the spot.</param>
/// <param name="PendingTransfer">A transfer to a department waits for approval.</param>
/// <param name="HasParentUnit">The handling unit has a unit above it to escalate to.</param>
/// <param name="OpenParts">Co-handling departments that have not reported their part.</param>
/// <param name="StageBeforeSupervision">The stage the case was in when supervision was raised.</param>
/// <param name="WithinReopenPeriod">The evaluation is recent enough to reopen.</param>
/// <param name="HasRoom">The petition is with a room (rooms report their outcome through the loop, not by hand).</param>
internal sealed record PetitionFacts(
    bool OnTheSpotAllowed = false,
    bool PendingTransfer = false,
    bool HasParentUnit = false,
    int OpenParts = 0,
    PetitionStage StageBeforeSupervision = PetitionStage.Handle,
    bool WithinReopenPeriod = false,
    bool HasRoom = false);
