namespace GovPlatform.Mediation.Models;

/// <summary>A person who mediates in a body: a people's mediator, a 五老 member, a police officer, judge, prosecutor, counsellor.</summary>
public sealed class Mediator
{
    public long Id { get; set; }

    public long BodyId { get; set; }

    public string Name { get; set; } = "";

    public MediatorRole Role { get; set; }

    /// <summary>For a 五老 member, which of the five.</summary>
    public ElderBackground Background { get; set; }

    /// <summary>Free text on the member's background (老党员, 原派出所所长…), shown in the body's directory.</summary>
    public string? Profile { get; set; }

    public string? Phone { get; set; }

    /// <summary>The tenant account of the mediator, when they work in the platform: it sees the parties of their disputes.</summary>
    public string? UserName { get; set; }

    public bool Active { get; set; } = true;
}
