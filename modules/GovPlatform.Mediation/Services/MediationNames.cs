using GovPlatform.Localization;
using GovPlatform.Mediation.Models;

namespace GovPlatform.Mediation.Services;

/// <summary>The bilingual names of the mediation module's kinds, types and states.</summary>
public static class MediationNames
{
    public static BilingualText BodyKind(MediationBodyKind kind) => kind switch
    {
        MediationBodyKind.Committee => new("人民调解委员会", "People's mediation committee"),
        MediationBodyKind.EldersStudio => new("五老调解工作室", "Five-elders mediation studio"),
        MediationBodyKind.NamedRoom => new("个人调解室", "Named mediation room"),
        MediationBodyKind.JointStation => new("警评治工作站", "Police–court–procuratorate station"),
        MediationBodyKind.CounsellingRoom => new("心理咨询室", "Psychological counselling room"),
        MediationBodyKind.CentreRoom => new("矛盾纠纷调处室", "Governance centre mediation room"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText MediatorRole(MediatorRole role) => role switch
    {
        Models.MediatorRole.Mediator => new("人民调解员", "People's mediator"),
        Models.MediatorRole.Elder => new("五老成员", "Five-elders member"),
        Models.MediatorRole.Police => new("民警", "Police officer"),
        Models.MediatorRole.Judge => new("法官", "Judge"),
        Models.MediatorRole.Prosecutor => new("检察官", "Prosecutor"),
        Models.MediatorRole.Counsellor => new("心理咨询师", "Counsellor"),
        Models.MediatorRole.Lawyer => new("律师", "Lawyer"),
        _ => new(role.ToString(), role.ToString()),
    };

    public static BilingualText Background(ElderBackground background) => background switch
    {
        ElderBackground.None => new("—", "—"),
        ElderBackground.PartyMember => new("老党员", "Veteran party member"),
        ElderBackground.Cadre => new("老干部", "Retired cadre"),
        ElderBackground.Soldier => new("老军人", "Veteran soldier"),
        ElderBackground.Police => new("老政法干警", "Retired police or judicial officer"),
        ElderBackground.Intellectual => new("老知识分子", "Retired intellectual"),
        _ => new(background.ToString(), background.ToString()),
    };

    public static BilingualText Type(DisputeType type) => type switch
    {
        DisputeType.Neighbourhood => new("邻里纠纷", "Neighbourhood"),
        DisputeType.Family => new("婚姻家庭纠纷", "Marriage and family"),
        DisputeType.Property => new("物业纠纷", "Property management"),
        DisputeType.Labour => new("劳动争议", "Labour"),
        DisputeType.Land => new("土地山林纠纷", "Land and forest"),
        DisputeType.Contract => new("合同债务纠纷", "Contracts and debts"),
        DisputeType.Damages => new("损害赔偿纠纷", "Damages"),
        DisputeType.Demolition => new("征地拆迁纠纷", "Land requisition and demolition"),
        DisputeType.Consumer => new("消费纠纷", "Consumer"),
        DisputeType.Other => new("其他纠纷", "Other"),
        _ => new(type.ToString(), type.ToString()),
    };

    public static BilingualText Source(DisputeSource source) => source switch
    {
        DisputeSource.Screening => new("排查发现", "Screening"),
        DisputeSource.Petition => new("诉求转入", "Petition"),
        DisputeSource.WalkIn => new("群众来访", "Walk-in"),
        DisputeSource.Referral => new("部门移交", "Referral"),
        _ => new(source.ToString(), source.ToString()),
    };

    public static BilingualText Risk(RiskLevel risk) => risk switch
    {
        RiskLevel.Low => new("一般", "Low"),
        RiskLevel.Medium => new("较大", "Medium"),
        RiskLevel.High => new("重大", "High"),
        _ => new(risk.ToString(), risk.ToString()),
    };

    public static BilingualText Status(DisputeStatus status) => status switch
    {
        DisputeStatus.Registered => new("已登记", "Registered"),
        DisputeStatus.Mediating => new("调解中", "Mediating"),
        DisputeStatus.Settled => new("调解成功", "Settled"),
        DisputeStatus.Failed => new("调解不成", "Not settled"),
        DisputeStatus.Withdrawn => new("已撤回", "Withdrawn"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Referral(FailedReferral referral) => referral switch
    {
        FailedReferral.None => new("未转出", "Not referred"),
        FailedReferral.Court => new("引导诉讼", "To the court"),
        FailedReferral.Arbitration => new("引导仲裁", "To arbitration"),
        FailedReferral.Administrative => new("转行政处理", "To a department"),
        FailedReferral.Petition => new("转信访渠道", "To the petitions channel"),
        _ => new(referral.ToString(), referral.ToString()),
    };

    public static BilingualText PartyRole(PartyRole role) => role switch
    {
        Models.PartyRole.Applicant => new("申请人", "Applicant"),
        Models.PartyRole.Respondent => new("被申请人", "Respondent"),
        Models.PartyRole.Other => new("第三人", "Third party"),
        _ => new(role.ToString(), role.ToString()),
    };

    public static BilingualText SessionMode(SessionMode mode) => mode switch
    {
        Models.SessionMode.InPerson => new("现场调解", "In person"),
        Models.SessionMode.Online => new("云调解", "Cloud mediation (online)"),
        _ => new(mode.ToString(), mode.ToString()),
    };

    public static BilingualText SessionStatus(SessionStatus status) => status switch
    {
        Models.SessionStatus.Scheduled => new("已安排", "Scheduled"),
        Models.SessionStatus.Held => new("已召开", "Held"),
        Models.SessionStatus.Cancelled => new("已取消", "Cancelled"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText ParticipantRole(ParticipantRole role) => role switch
    {
        Models.ParticipantRole.Mediator => new("调解员", "Mediator"),
        Models.ParticipantRole.Party => new("当事人", "Party"),
        Models.ParticipantRole.Police => new("民警", "Police"),
        Models.ParticipantRole.Judge => new("法官", "Judge"),
        Models.ParticipantRole.Prosecutor => new("检察官", "Prosecutor"),
        Models.ParticipantRole.Department => new("部门代表", "Department"),
        Models.ParticipantRole.Other => new("其他", "Other"),
        _ => new(role.ToString(), role.ToString()),
    };

    public static BilingualText CampaignKind(CampaignKind kind) => kind switch
    {
        Models.CampaignKind.Regular => new("定期排查", "Regular sweep"),
        Models.CampaignKind.Holiday => new("节前集中排查", "Pre-holiday sweep"),
        Models.CampaignKind.Sensitive => new("敏感节点排查", "Sensitive-date sweep"),
        Models.CampaignKind.Special => new("专项排查", "Special sweep"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText AlertKind(AlertKind kind) => kind switch
    {
        Models.AlertKind.HighRisk => new("重大风险纠纷", "High-risk dispute"),
        Models.AlertKind.ScreeningMissed => new("排查未报告", "Screening report missing"),
        Models.AlertKind.Escalated => new("纠纷上报", "Dispute escalated"),
        _ => new(kind.ToString(), kind.ToString()),
    };
}
