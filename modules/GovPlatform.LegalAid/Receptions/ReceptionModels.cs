using GovPlatform.LegalAid.Models;
using GovPlatform.Localization;

namespace GovPlatform.LegalAid.Receptions;

/// <summary>How a change to an evening reception went.</summary>
public enum ReceptionResultStatus
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>No such reception or matter (or the code and phone do not match).</summary>
    NotFound,

    /// <summary>Bad input (see the errors).</summary>
    Invalid,

    /// <summary>The reception has no place left.</summary>
    Full,

    /// <summary>Not allowed now (not planned any more, already started, the petitions hall is off).</summary>
    NotAllowed,

    /// <summary>Someone changed the reception meanwhile; reload and try again.</summary>
    Stale,

    /// <summary>The user may not organise receptions of that unit.</summary>
    Forbidden,
}

/// <summary>The outcome of a change: the reception or matter, or why not (errors by form field; <c>form</c> for the whole form).</summary>
public sealed record ReceptionResult(
    ReceptionResultStatus Status,
    EveningReception? Reception = null,
    ReceptionMatter? Matter = null,
    IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status == ReceptionResultStatus.Done;

    public static ReceptionResult Refused(ReceptionResultStatus status, string field, BilingualText message) =>
        new(status, Errors: new Dictionary<string, BilingualText> { [field] = message });
}

/// <summary>A deputy or member as typed in the plan.</summary>
public sealed record DeputyInput(string? Name, DeputyRole Role, string? Title);

/// <summary>A reception's plan: local times in the tenant's zone.</summary>
public sealed record ReceptionInput(
    string? Title,
    string? GridUnitCode,
    string? Place,
    DateTime StartsLocal,
    DateTime EndsLocal,
    int Capacity,
    IReadOnlyList<DeputyInput> Deputies);

/// <summary>A resident's sign-up (or a walk-in added by staff on the night).</summary>
public sealed record SignUpRequest(long ReceptionId, string? ResidentName, string? Phone, MatterType MatterType, string? Matter, string? GridUnitCode);

/// <summary>What happened to one matter on the night.</summary>
/// <param name="Heard">Heard (true) or the resident was absent (false).</param>
/// <param name="DeputyId">The deputy who heard it (needed when heard).</param>
/// <param name="Outcome">What came of it (needed when heard).</param>
/// <param name="Note">The answer given, the advice, what is to be done.</param>
public sealed record MatterRecord(bool Heard, long? DeputyId, ReceptionOutcome? Outcome, string? Note);

/// <summary>The public figures of a past reception: no resident's data, only counts.</summary>
public sealed record ReceptionCounts(int SignedUp, int Heard, int PetitionsFiled);
