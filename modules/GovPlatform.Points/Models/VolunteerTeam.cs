namespace GovPlatform.Points.Models;

/// <summary>A volunteer team (志愿服务队) of a grid unit.</summary>
public sealed class VolunteerTeam
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string EnglishName { get; set; } = "";

    public string GridUnitCode { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The team leader, a member, or null.</summary>
    public long? LeaderId { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }
}

/// <summary>A volunteer's membership of a team.</summary>
public sealed class TeamMember
{
    public long Id { get; set; }

    public long TeamId { get; set; }

    public long VolunteerId { get; set; }

    public DateTime JoinedUtc { get; set; }
}
