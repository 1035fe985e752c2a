using GovPlatform.Localization;
using GovPlatform.Petitions.Models;

namespace GovPlatform.Petitions.Services;

/// <summary>How a command ended.</summary>
internal enum PetitionCommandStatus
{
    Done,
    /// <summary>An earlier command with the same idempotency key did it; nothing changed now.</summary>
    Replayed,
    NotFound,
    Forbidden,
    /// <summary>The loop does not allow the command in the petition's stage.</summary>
    NotAllowed,
    /// <summary>The petition changed since the caller read it.</summary>
    Stale,
    Invalid,
}

/// <summary>The outcome of a command: the petition and its new event, or why not (errors by field).</summary>
internal sealed record PetitionCommandResult(
    PetitionCommandStatus Status,
    Petition? Petition = null,
    PetitionEvent? Event = null,
    IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status is PetitionCommandStatus.Done or PetitionCommandStatus.Replayed;

    public static PetitionCommandResult Invalid(string field, BilingualText message) =>
        new(PetitionCommandStatus.Invalid, Errors: new Dictionary<string, BilingualText> { [field] = message });

    public static PetitionCommandResult Refused(PetitionCommandStatus status, BilingualText message, Petition? petition = null) =>
        new(status, petition, Errors: new Dictionary<string, BilingualText> { [""] = message });
}
