namespace GovPlatform.Mediation.Models;

/// <summary>A party to a dispute. Private: shown only to the dispute's mediators and their superiors, every read audited.</summary>
public sealed class DisputeParty
{
    public long Id { get; set; }

    public long DisputeId { get; set; }

    public PartyRole Role { get; set; }

    public string Name { get; set; } = "";

    public string? Phone { get; set; }

    /// <summary>Identity card number, when the agreement needs it.</summary>
    public string? IdNumber { get; set; }

    public string? Address { get; set; }

    public string? Note { get; set; }
}
