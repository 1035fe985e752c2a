using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Sessions;

/// <summary>A session in a list: no participant, only the dispute's number and title (which never names parties).</summary>
public sealed record SessionRow(long Id, long DisputeId, string DisputeNumber, string DisputeTitle, SessionMode Mode, SessionStatus Status, DateTime StartsUtc, int DurationMinutes, long? BodyId, string? Place);

/// <summary>A choice in a select: its value and its label.</summary>
public sealed record SessionOption(string Value, string Text);

/// <summary>The schedule and reschedule form as typed (kept as text so a refused form shows what was entered).</summary>
public sealed record SessionPlanForm(string? Mode, string? StartsAt, string? DurationMinutes, string? BodyId, string? Place, string? MeetingUrl)
{
    public static SessionPlanForm Empty { get; } = new(nameof(SessionMode.InPerson), "", "60", "", "", "");
}

/// <summary>A participant row of the schedule form as typed.</summary>
public sealed record ParticipantRow(string? Role, string? Name, string? Organisation, string? Unit, string? Phone, string? MediatorId)
{
    public static ParticipantRow Empty { get; } = new(nameof(ParticipantRole.Party), "", "", "", "", "");

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(MediatorId) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Organisation);
}

/// <summary>A participant as a page shows it: the name and phone hidden when the reader may not see parties.</summary>
public sealed record ParticipantView(ParticipantRole Role, string? Name, string? Organisation, string? UnitName, string? Phone, bool Hidden);

/// <summary>A session with what the page may show of it.</summary>
public sealed record SessionView(MediationSession Session, string? BodyName, IReadOnlyList<ParticipantView> Participants, bool MinutesShown);

/// <summary>The choices the schedule form offers.</summary>
public sealed record SessionChoices(IReadOnlyList<SessionOption> Bodies, IReadOnlyList<SessionOption> Mediators, IReadOnlyList<SessionOption> Units);
