namespace GovPlatform.Mediation.Models;

/// <summary>Someone taking part in a session: a mediator, a party, a police officer, a judge, a department's representative.</summary>
public sealed class SessionParticipant
{
    public long Id { get; set; }

    public long SessionId { get; set; }

    public ParticipantRole Role { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The organisation or department they come for (区法院, 街道司法所).</summary>
    public string? Organisation { get; set; }

    /// <summary>The grid level they come from (community, street, district, city), as a unit code, or null.</summary>
    public string? GridUnitCode { get; set; }

    public string? Phone { get; set; }

    /// <summary>The mediator record, when the participant is one.</summary>
    public long? MediatorId { get; set; }
}
