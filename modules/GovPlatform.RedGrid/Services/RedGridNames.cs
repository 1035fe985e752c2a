using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;

namespace GovPlatform.RedGrid.Services;

/// <summary>The bilingual names of the red-grid module's kinds and states.</summary>
public static class RedGridNames
{
    public static BilingualText Organisation(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Committee => new("党委（党工委）", "Party committee"),
        OrganisationKind.GeneralBranch => new("党总支", "General branch"),
        OrganisationKind.GridBranch => new("网格党支部", "Grid party branch"),
        OrganisationKind.CourtyardGroup => new("楼院党小组", "Courtyard party group"),
        OrganisationKind.MemberHousehold => new("党员中心户", "Party-member household"),
        OrganisationKind.UnitBranch => new("单位党支部", "Agency or enterprise branch"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText Member(MemberKind kind) => kind switch
    {
        MemberKind.Resident => new("居住地党员", "Resident member"),
        MemberKind.InService => new("在职党员", "In-service member"),
        MemberKind.Retired => new("离退休党员", "Retired member"),
        MemberKind.Mobile => new("流动党员", "Mobile member"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText MemberStatus(MemberStatus status) => status switch
    {
        Models.MemberStatus.Active => new("在册", "On the register"),
        Models.MemberStatus.Transferred => new("已转出", "Transferred out"),
        Models.MemberStatus.Ended => new("已减少", "Removed"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Committee(JointCommitteeKind kind) => kind switch
    {
        JointCommitteeKind.StreetWorkCommittee => new("街道大党工委", "Street joint party work committee"),
        JointCommitteeKind.CommunityCommittee => new("社区大党委", "Community joint party committee"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText Role(CommitteeRole role) => role switch
    {
        CommitteeRole.Secretary => new("书记", "Secretary"),
        CommitteeRole.DeputySecretary => new("副书记", "Deputy secretary"),
        CommitteeRole.Member => new("委员", "Member"),
        CommitteeRole.AdjunctMember => new("兼职委员", "Adjunct member"),
        _ => new(role.ToString(), role.ToString()),
    };

    public static BilingualText UnitKind(ResidentUnitKind kind) => kind switch
    {
        ResidentUnitKind.Agency => new("机关", "Government agency"),
        ResidentUnitKind.Institution => new("事业单位", "Public institution"),
        ResidentUnitKind.StateEnterprise => new("国有企业", "State enterprise"),
        ResidentUnitKind.PrivateEnterprise => new("非公企业", "Private enterprise"),
        ResidentUnitKind.SocialOrganisation => new("社会组织", "Social organisation"),
        ResidentUnitKind.Other => new("其他单位", "Other"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText Resource(ResourceType type) => type switch
    {
        ResourceType.Venue => new("场地", "Venue"),
        ResourceType.Volunteers => new("志愿者", "Volunteers"),
        ResourceType.Funds => new("资金", "Funds"),
        ResourceType.Expertise => new("专业服务", "Expertise"),
        ResourceType.Goods => new("物资", "Goods"),
        _ => new(type.ToString(), type.ToString()),
    };

    public static BilingualText Need(NeedStatus status) => status switch
    {
        NeedStatus.Open => new("待认领", "Open"),
        NeedStatus.Matched => new("已对接", "Matched"),
        NeedStatus.Closed => new("已关闭", "Closed"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Project(ProjectStatus status) => status switch
    {
        ProjectStatus.Planned => new("筹备中", "Planned"),
        ProjectStatus.InProgress => new("实施中", "In progress"),
        ProjectStatus.Completed => new("已完成", "Completed"),
        ProjectStatus.Cancelled => new("已取消", "Cancelled"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Pairing(PairingKind kind) => kind switch
    {
        PairingKind.BranchCommunity => new("单位党组织结对社区", "Branch paired with a community"),
        PairingKind.MemberHousehold => new("党员结对困难户", "Member paired with a household"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText Help(HelpKind kind) => kind switch
    {
        HelpKind.Money => new("帮扶资金", "Money"),
        HelpKind.Goods => new("物资", "Goods"),
        HelpKind.Problem => new("解决问题", "Problem solved"),
        HelpKind.Visit => new("走访慰问", "Visit"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText Centre(CentreLevel level) => level switch
    {
        CentreLevel.District => new("区党群服务中心", "District centre"),
        CentreLevel.Street => new("街道党群服务中心", "Street centre"),
        CentreLevel.Community => new("社区党群服务站", "Community centre"),
        _ => new(level.ToString(), level.ToString()),
    };
}
