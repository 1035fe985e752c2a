using GovPlatform.Security;

namespace GovPlatform.RedGrid.Models;

/// <summary>
/// A party organisation bound to its grid unit: a committee, a general branch, a grid branch, a courtyard group or a
/// member household; with its parent organisation. A courtyard group names its <see cref="Courtyard"/>.
/// </summary>
public sealed class PartyOrganisation : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The tenant-wide code (<c>zq-01-001-03-zb</c>); recipes match on it.</summary>
    public string Code { get; set; } = "";

    public OrganisationKind Kind { get; set; }

    public string Name { get; set; } = "";

    public long? ParentId { get; set; }

    /// <summary>The unit it is bound to (a grid's branch: the grid).</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>The courtyard of a courtyard group, or the household's courtyard.</summary>
    public long? CourtyardId { get; set; }

    /// <summary>书记 / 组长 / 户主: the person who leads it (a name shown publicly).</summary>
    public string? Leader { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public DateOnly? FoundedOn { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A courtyard or building group (楼院) in a grid, which should have a party group (一院一小组).</summary>
public sealed class Courtyard : IGridScopedResource
{
    public long Id { get; set; }

    /// <summary>The grid it lies in.</summary>
    public string GridUnitCode { get; set; } = "";

    public string Name { get; set; } = "";

    public int Buildings { get; set; }

    public int Households { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>A party member on the register. Personal data (ID number, phone, birth date) needs <c>RedGrid.MemberData</c>, and every read is audited.</summary>
public sealed class PartyMember : IGridScopedResource
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Resident ID number (personal).</summary>
    public string? IdNumber { get; set; }

    /// <summary>Mobile (personal).</summary>
    public string? Phone { get; set; }

    public DateOnly? BirthDate { get; set; }

    public DateOnly? JoinedOn { get; set; }

    public MemberKind Kind { get; set; }

    public MemberStatus Status { get; set; }

    /// <summary>The organisation holding the member's relationship (a grid branch, a unit's branch).</summary>
    public long? OrganisationId { get; set; }

    /// <summary>Where the member lives (a grid or community).</summary>
    public string GridUnitCode { get; set; } = "";

    /// <summary>For an in-service member, where they work (<c>区财政局</c>).</summary>
    public string? Employer { get; set; }

    /// <summary>The community an in-service member reported to (在职党员社区报到), or null.</summary>
    public string? ReportedUnitCode { get; set; }

    public DateOnly? ReportedOn { get; set; }

    /// <summary>The member's account on the site, if any (they see their own tasks).</summary>
    public string? UserName { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>A service task a reporting member takes on in the community (认领岗位/服务项目).</summary>
public sealed class MemberTask : IGridScopedResource
{
    public long Id { get; set; }

    public long MemberId { get; set; }

    /// <summary>The community the task is in.</summary>
    public string GridUnitCode { get; set; } = "";

    public string Title { get; set; } = "";

    public DateOnly? DueOn { get; set; }

    public DateTime? CompletedUtc { get; set; }

    /// <summary>Minutes of service given (summed in SQL on both providers; shown as hours).</summary>
    public int Minutes { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>A joint committee (街道大党工委 / 社区大党委) with the resident units and organisations it co-opts.</summary>
public sealed class JointCommittee : IGridScopedResource
{
    public long Id { get; set; }

    public JointCommitteeKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The street or community.</summary>
    public string GridUnitCode { get; set; } = "";

    public DateOnly TermStartsOn { get; set; }

    public DateOnly TermEndsOn { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public int Version { get; set; } = 1;
}

/// <summary>A seat on a joint committee: a representative of a resident unit or an organisation, with a term.</summary>
public sealed class CommitteeSeat
{
    public long Id { get; set; }

    public long CommitteeId { get; set; }

    /// <summary>The resident unit represented, or null (the street's or community's own).</summary>
    public long? ResidentUnitId { get; set; }

    /// <summary>The organisation as named on the committee's list.</summary>
    public string OrganisationName { get; set; } = "";

    public string Representative { get; set; } = "";

    public CommitteeRole Role { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }
}
