namespace GovPlatform.RedGrid.Models;

/// <summary>What a party organisation is.</summary>
public enum OrganisationKind
{
    /// <summary>党委 / 党工委 of a district, street or community.</summary>
    Committee,

    /// <summary>党总支.</summary>
    GeneralBranch,

    /// <summary>网格党支部: the branch of a grid (一格一支部).</summary>
    GridBranch,

    /// <summary>楼院党小组: the party group of a courtyard (一院一小组).</summary>
    CourtyardGroup,

    /// <summary>党员中心户: a member's household that serves its neighbours.</summary>
    MemberHousehold,

    /// <summary>A branch of an agency, enterprise or institution (机关/单位党支部), paired with communities.</summary>
    UnitBranch,
}

/// <summary>Where a member's organisational relationship and service lie.</summary>
public enum MemberKind
{
    /// <summary>居住地党员: a member of a grid or community branch where they live.</summary>
    Resident,

    /// <summary>在职党员: a member of an agency or enterprise branch who reports to the community where they live.</summary>
    InService,

    /// <summary>离退休党员.</summary>
    Retired,

    /// <summary>流动党员.</summary>
    Mobile,
}

/// <summary>A member's record state.</summary>
public enum MemberStatus
{
    Active,

    /// <summary>Transferred out (组织关系转出).</summary>
    Transferred,

    /// <summary>Deceased or otherwise no longer a member.</summary>
    Ended,
}

/// <summary>A joint committee (大党工委 at a street, 大党委 at a community) that co-opts resident units.</summary>
public enum JointCommitteeKind
{
    /// <summary>街道大党工委.</summary>
    StreetWorkCommittee,

    /// <summary>社区大党委.</summary>
    CommunityCommittee,
}

/// <summary>A seat on a joint committee.</summary>
public enum CommitteeRole
{
    /// <summary>书记.</summary>
    Secretary,

    /// <summary>副书记.</summary>
    DeputySecretary,

    /// <summary>委员.</summary>
    Member,

    /// <summary>兼职委员 (a resident unit's representative).</summary>
    AdjunctMember,
}

/// <summary>What kind of organisation a resident unit is.</summary>
public enum ResidentUnitKind
{
    /// <summary>机关.</summary>
    Agency,

    /// <summary>事业单位 (schools, hospitals…).</summary>
    Institution,

    /// <summary>国有企业.</summary>
    StateEnterprise,

    /// <summary>非公企业.</summary>
    PrivateEnterprise,

    /// <summary>社会组织.</summary>
    SocialOrganisation,

    /// <summary>驻区部队 / 其他.</summary>
    Other,
}

/// <summary>What a resource offers or a need asks for (the three lists match on it).</summary>
public enum ResourceType
{
    /// <summary>场地.</summary>
    Venue,

    /// <summary>志愿者 / 人力.</summary>
    Volunteers,

    /// <summary>资金.</summary>
    Funds,

    /// <summary>专业服务 (legal, medical, education…).</summary>
    Expertise,

    /// <summary>物资.</summary>
    Goods,
}

/// <summary>Where a community's need stands.</summary>
public enum NeedStatus
{
    /// <summary>Published, waiting for a resource.</summary>
    Open,

    /// <summary>Matched: a project takes it.</summary>
    Matched,

    /// <summary>Met or withdrawn.</summary>
    Closed,
}

/// <summary>Where a project stands.</summary>
public enum ProjectStatus
{
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>Who is paired with whom (双结对).</summary>
public enum PairingKind
{
    /// <summary>An agency's or enterprise's branch with a community.</summary>
    BranchCommunity,

    /// <summary>A party member with a household in difficulty.</summary>
    MemberHousehold,
}

/// <summary>What help a pairing gave.</summary>
public enum HelpKind
{
    /// <summary>帮扶资金.</summary>
    Money,

    /// <summary>物资 (valued).</summary>
    Goods,

    /// <summary>解决问题 (a problem solved).</summary>
    Problem,

    /// <summary>走访慰问.</summary>
    Visit,
}

/// <summary>The level of a party-mass service centre ("1+9+N").</summary>
public enum CentreLevel
{
    District,
    Street,
    Community,
}
