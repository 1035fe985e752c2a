namespace GovPlatform.Mediation.Models;

/// <summary>What kind of body mediates (调解组织).</summary>
public enum MediationBodyKind
{
    /// <summary>人民调解委员会: a people's mediation committee of a street or community.</summary>
    Committee = 0,

    /// <summary>五老调解工作室: run by retired party members, cadres, soldiers, police and intellectuals.</summary>
    EldersStudio = 1,

    /// <summary>个人调解室: a room named after its mediator.</summary>
    NamedRoom = 2,

    /// <summary>警评治工作站: a station where police, judges, prosecutors and mediators work together.</summary>
    JointStation = 3,

    /// <summary>心理咨询室 / 社会心理服务中心: psychological counselling.</summary>
    CounsellingRoom = 4,

    /// <summary>矛盾纠纷调处室 of a governance centre (综治中心), the reception hall's mediation room.</summary>
    CentreRoom = 5,
}

/// <summary>A mediator's role in a body.</summary>
public enum MediatorRole
{
    /// <summary>人民调解员.</summary>
    Mediator = 0,

    /// <summary>五老 member (the background says which of the five).</summary>
    Elder = 1,

    /// <summary>民警.</summary>
    Police = 2,

    /// <summary>法官.</summary>
    Judge = 3,

    /// <summary>检察官.</summary>
    Prosecutor = 4,

    /// <summary>心理咨询师.</summary>
    Counsellor = 5,

    /// <summary>律师 / 法律工作者.</summary>
    Lawyer = 6,
}

/// <summary>The five backgrounds of a 五老 member.</summary>
public enum ElderBackground
{
    /// <summary>Not a 五老 member.</summary>
    None = 0,

    /// <summary>老党员.</summary>
    PartyMember = 1,

    /// <summary>老干部.</summary>
    Cadre = 2,

    /// <summary>老军人.</summary>
    Soldier = 3,

    /// <summary>老政法干警.</summary>
    Police = 4,

    /// <summary>老知识分子.</summary>
    Intellectual = 5,
}

/// <summary>The kind of dispute (纠纷类型).</summary>
public enum DisputeType
{
    /// <summary>邻里纠纷.</summary>
    Neighbourhood = 0,

    /// <summary>婚姻家庭纠纷.</summary>
    Family = 1,

    /// <summary>物业纠纷.</summary>
    Property = 2,

    /// <summary>劳动争议.</summary>
    Labour = 3,

    /// <summary>土地山林纠纷.</summary>
    Land = 4,

    /// <summary>合同债务纠纷.</summary>
    Contract = 5,

    /// <summary>损害赔偿纠纷.</summary>
    Damages = 6,

    /// <summary>征地拆迁纠纷.</summary>
    Demolition = 7,

    /// <summary>消费纠纷.</summary>
    Consumer = 8,

    /// <summary>其他纠纷.</summary>
    Other = 9,
}

/// <summary>How the dispute came to the ledger.</summary>
public enum DisputeSource
{
    /// <summary>Found in a screening sweep (排查).</summary>
    Screening = 0,

    /// <summary>A petition sent to the mediation room.</summary>
    Petition = 1,

    /// <summary>The parties walked in.</summary>
    WalkIn = 2,

    /// <summary>Referred by a department, the police, a court.</summary>
    Referral = 3,
}

/// <summary>How likely the dispute is to turn into something worse (风险等级).</summary>
public enum RiskLevel
{
    /// <summary>一般.</summary>
    Low = 0,

    /// <summary>较大.</summary>
    Medium = 1,

    /// <summary>重大: alerts the level above at once.</summary>
    High = 2,
}

/// <summary>Where a dispute stands.</summary>
public enum DisputeStatus
{
    /// <summary>Registered, no mediator yet (已登记).</summary>
    Registered = 0,

    /// <summary>A mediator has it (调解中).</summary>
    Mediating = 1,

    /// <summary>Agreement reached (调解成功): closed.</summary>
    Settled = 2,

    /// <summary>Mediation failed; referred to court, arbitration or another channel (调解不成): closed.</summary>
    Failed = 3,

    /// <summary>The applicant withdrew (撤回): closed.</summary>
    Withdrawn = 4,
}

/// <summary>Where a failed mediation was sent.</summary>
public enum FailedReferral
{
    /// <summary>None recorded.</summary>
    None = 0,

    /// <summary>诉讼 (the court).</summary>
    Court = 1,

    /// <summary>仲裁 (arbitration, e.g. labour arbitration).</summary>
    Arbitration = 2,

    /// <summary>行政处理 (a department).</summary>
    Administrative = 3,

    /// <summary>信访 (the petitions channel).</summary>
    Petition = 4,
}

/// <summary>A party's side in the dispute.</summary>
public enum PartyRole
{
    /// <summary>申请人.</summary>
    Applicant = 0,

    /// <summary>被申请人.</summary>
    Respondent = 1,

    /// <summary>第三人 / 其他.</summary>
    Other = 2,
}

/// <summary>How a session is held.</summary>
public enum SessionMode
{
    /// <summary>面对面调解.</summary>
    InPerson = 0,

    /// <summary>云调解: online.</summary>
    Online = 1,
}

/// <summary>Where a session stands.</summary>
public enum SessionStatus
{
    /// <summary>Scheduled.</summary>
    Scheduled = 0,

    /// <summary>Held, with its minutes.</summary>
    Held = 1,

    /// <summary>Cancelled, with a reason.</summary>
    Cancelled = 2,
}

/// <summary>A session participant's capacity.</summary>
public enum ParticipantRole
{
    /// <summary>调解员.</summary>
    Mediator = 0,

    /// <summary>当事人.</summary>
    Party = 1,

    /// <summary>民警.</summary>
    Police = 2,

    /// <summary>法官.</summary>
    Judge = 3,

    /// <summary>检察官.</summary>
    Prosecutor = 4,

    /// <summary>部门代表.</summary>
    Department = 5,

    /// <summary>其他.</summary>
    Other = 6,
}

/// <summary>Why a screening campaign runs.</summary>
public enum CampaignKind
{
    /// <summary>The regular sweep, at least every half month (定期排查).</summary>
    Regular = 0,

    /// <summary>Before a public holiday (节前集中排查).</summary>
    Holiday = 1,

    /// <summary>Before a sensitive date or a major event (敏感节点).</summary>
    Sensitive = 2,

    /// <summary>Any other extra sweep (专项排查).</summary>
    Special = 3,
}

/// <summary>What an alert to the level above is about.</summary>
public enum AlertKind
{
    /// <summary>A high-risk dispute was registered or raised to high risk.</summary>
    HighRisk = 0,

    /// <summary>A unit did not report on a screening campaign by its due date.</summary>
    ScreeningMissed = 1,

    /// <summary>A dispute was escalated to this unit.</summary>
    Escalated = 2,
}
