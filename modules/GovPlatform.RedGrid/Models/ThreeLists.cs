using GovPlatform.Security;

namespace GovPlatform.RedGrid.Models;

/// <summary>A resident unit (驻区单位) that joins grid work ("三单八联"): an agency, an institution, an enterprise, a social organisation.</summary>
public sealed class ResidentUnit : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The tenant-wide code; recipes match on it.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public ResidentUnitKind Kind { get; set; }

    /// <summary>The unit of the grid it is located in (a community or a grid).</summary>
    public string GridUnitCode { get; set; } = "";

    public string? Address { get; set; }

    public double? Longitude { get; set; }

    public double? Latitude { get; set; }

    /// <summary>Its party organisation on the register, if any.</summary>
    public long? OrganisationId { get; set; }

    public string? Contact { get; set; }

    public string? Phone { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A resource a resident unit offers (资源清单): a venue, volunteers, funds, expertise, goods.</summary>
public sealed class UnitResource : IGridScopedResource
{
    public long Id { get; set; }

    public long ResidentUnitId { get; set; }

    public ResourceType Type { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>How much (people, square metres, fen, items), as <see cref="Unit"/> says.</summary>
    public long Quantity { get; set; }

    /// <summary>What <see cref="Quantity"/> counts (<c>人</c>, <c>㎡</c>, <c>元</c>…).</summary>
    public string? Unit { get; set; }

    /// <summary>The resident unit's grid unit (copied, for scope and matching).</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>Whether it can still be matched.</summary>
    public bool Available { get; set; } = true;

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; } = 1;
}

/// <summary>A community's published need (需求清单).</summary>
public sealed class CommunityNeed : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The community (or grid) that needs it.</summary>
    public string GridUnitCode { get; set; } = "";

    public ResourceType Type { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public NeedStatus Status { get; set; }

    public string PublishedBy { get; set; } = "";

    public DateTime PublishedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A project (项目清单): a need met with a resource, its owner, status and outcome.</summary>
public sealed class Project : IGridScopedResource
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    public long NeedId { get; set; }

    public long ResourceId { get; set; }

    /// <summary>The need's community.</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>Who is responsible (a person's name, shown publicly as the project's owner).</summary>
    public string Owner { get; set; } = "";

    public ProjectStatus Status { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? CompletedOn { get; set; }

    /// <summary>What came of it (shown on the public site once completed).</summary>
    public string? Outcome { get; set; }

    /// <summary>People who benefited.</summary>
    public int Beneficiaries { get; set; }

    /// <summary>Whether the public site shows it.</summary>
    public bool ShownPublicly { get; set; } = true;

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }

    /// <summary>Whether matching marked its resource used up (cancelling then puts the resource back).</summary>
    public bool UsedResource { get; set; }
}

/// <summary>
/// A pairing (双结对): an agency's or enterprise's branch with a community, or a member with a household in difficulty
/// (the household's name is personal data: shown with <c>RedGrid.MemberData</c> only).
/// </summary>
public sealed class Pairing : IGridScopedResource
{
    public long Id { get; set; }

    public PairingKind Kind { get; set; }

    /// <summary>The paired branch (BranchCommunity).</summary>
    public long? OrganisationId { get; set; }

    /// <summary>The paired member (MemberHousehold).</summary>
    public long? MemberId { get; set; }

    /// <summary>The community paired with, or the household's community.</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>The household in difficulty (MemberHousehold), personal.</summary>
    public string? Household { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>Help a pairing gave: money or goods (in fen), a problem solved, a visit.</summary>
public sealed class PairingHelp
{
    public long Id { get; set; }

    public long PairingId { get; set; }

    public HelpKind Kind { get; set; }

    /// <summary>Money, or the goods' value, in fen (0 for a problem or a visit).</summary>
    public long AmountFen { get; set; }

    /// <summary>Problems solved by this help (1 for a problem).</summary>
    public int Problems { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Local date the help was given (reports sum by year of it).</summary>
    public DateOnly GivenOn { get; set; }

    /// <summary>The pairing's community (copied, for scope and sums by unit).</summary>
    public string GridUnitCode { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedUtc { get; set; }
}

/// <summary>A party-mass service centre (党群服务中心, "1+9+N").</summary>
public sealed class ServiceCentre : IGridScopedResource
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public CentreLevel Level { get; set; }

    public string Name { get; set; } = "";

    public string GridUnitCode { get; set; } = "";

    public string Address { get; set; } = "";

    public double? Longitude { get; set; }

    public double? Latitude { get; set; }

    public string? Hours { get; set; }

    public string? Phone { get; set; }

    /// <summary>The services offered, one per line (<c>党员教育</c>, <c>政务代办</c>…).</summary>
    public string? Services { get; set; }

    public string? Description { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>An activity at a service centre, shown on the public site when published.</summary>
public sealed class CentreActivity
{
    public long Id { get; set; }

    public long CentreId { get; set; }

    public string Title { get; set; } = "";

    public DateTime StartsUtc { get; set; }

    public string? Place { get; set; }

    public string? Description { get; set; }

    public bool Published { get; set; }

    public DateTime CreatedUtc { get; set; }
}
