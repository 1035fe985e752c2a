using GovPlatform.Localization;
using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Sessions;

/// <summary>A participant as entered on the schedule form.</summary>
public sealed record ParticipantInput(ParticipantRole Role, string Name, string? Organisation = null, string? GridUnitCode = null, string? Phone = null, long? MediatorId = null);

/// <summary>A session to schedule (or the new time and place of one to reschedule).</summary>
public sealed record SessionPlan
{
    public SessionMode Mode { get; init; }

    public DateTime StartsUtc { get; init; }

    public int DurationMinutes { get; init; } = 60;

    /// <summary>The hosting body (in person at a body, or the body holding an online session), or null.</summary>
    public long? BodyId { get; init; }

    /// <summary>Where, when in person and not at a body.</summary>
    public string? Place { get; init; }

    /// <summary>The meeting's https address, for cloud mediation.</summary>
    public string? MeetingUrl { get; init; }
}

/// <summary>How a session command went.</summary>
public enum SessionResultStatus
{
    Done,
    NotFound,
    Forbidden,
    NotAllowed,
    Stale,
    Invalid,
}

/// <summary>The session after a command, or why it was refused (field → message, "" for the whole form).</summary>
public sealed record SessionResult(SessionResultStatus Status, MediationSession? Session = null, IReadOnlyDictionary<string, BilingualText>? Errors = null)
{
    public bool Succeeded => Status == SessionResultStatus.Done;

    public static SessionResult Invalid(IReadOnlyDictionary<string, BilingualText> errors) => new(SessionResultStatus.Invalid, null, errors);

    public static SessionResult Invalid(string field, BilingualText message) => new(SessionResultStatus.Invalid, null, new Dictionary<string, BilingualText> { [field] = message });

    public static SessionResult Refused(SessionResultStatus status, BilingualText message) =>
        new(status, null, new Dictionary<string, BilingualText> { [""] = message });
}
