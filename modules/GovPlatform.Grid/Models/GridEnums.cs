namespace GovPlatform.Grid.Models;

/// <summary>How a grid worker is employed (专职 / 兼职 / 辅助).</summary>
public enum GridWorkerKind
{
    FullTime = 0,
    PartTime = 1,
    Auxiliary = 2,
}

/// <summary>The teams that join the grids (万源: 政法, 应急, 民兵, 干部, 志愿者).</summary>
public enum GridTeam
{
    None = 0,
    PoliticalLegal = 1,
    Emergency = 2,
    Militia = 3,
    Cadres = 4,
    Volunteers = 5,
}

/// <summary>
/// A post in a unit. 莲湖's "3+2+N": grid leader, community police, full-time worker; instructor, liaison; N part-time
/// workers (a <see cref="Worker"/> whose kind is part-time). A team member is one of the five teams' people in the unit.
/// </summary>
public enum GridRole
{
    /// <summary>网格长: the person responsible for the unit at its level; one at a time.</summary>
    Leader = 0,

    /// <summary>网格员: a grid worker (full-time, part-time or auxiliary by the worker's kind).</summary>
    Worker = 1,

    /// <summary>社区民警.</summary>
    CommunityPolice = 2,

    /// <summary>网格指导员.</summary>
    Instructor = 3,

    /// <summary>业务联络员.</summary>
    Liaison = 4,

    /// <summary>A member of one of the five teams working in the unit.</summary>
    TeamMember = 5,
}
