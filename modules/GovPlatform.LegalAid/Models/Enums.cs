namespace GovPlatform.LegalAid.Models;

/// <summary>What a station is.</summary>
public enum StationKind
{
    /// <summary>区公共法律服务中心: the district's public legal service centre.</summary>
    DistrictCentre,

    /// <summary>街道公共法律服务工作站: a street's public legal service centre.</summary>
    StreetCentre,

    /// <summary>社区公共法律服务室: a community's legal service room (where its adviser receives).</summary>
    CommunityRoom,

    /// <summary>法律援助工作站: a legal aid workstation placed in another body (the procuratorate, a court, a union).</summary>
    AidWorkstation,

    /// <summary>法律诊所 / 法律门诊: a legal clinic (a university's, a bar association's).</summary>
    LegalClinic,
}

/// <summary>The services a station offers (several at once).</summary>
[Flags]
public enum LegalServices
{
    None = 0,

    /// <summary>法律咨询.</summary>
    Consultation = 1,

    /// <summary>法律援助 (applications taken).</summary>
    LegalAid = 2,

    /// <summary>人民调解.</summary>
    Mediation = 4,

    /// <summary>公证.</summary>
    Notarization = 8,

    /// <summary>司法鉴定.</summary>
    Appraisal = 16,

    /// <summary>法治宣传.</summary>
    Education = 32,
}

/// <summary>Who an appointment is with.</summary>
public enum ProviderKind
{
    /// <summary>A station (its duty lawyers).</summary>
    Station,

    /// <summary>A community's legal adviser (through the adviser's assignment).</summary>
    Adviser,
}

/// <summary>Where an appointment stands.</summary>
public enum AppointmentStatus
{
    /// <summary>Booked and still to come.</summary>
    Booked,

    /// <summary>Cancelled by the citizen or the staff; its place was given back.</summary>
    Cancelled,

    /// <summary>The citizen came.</summary>
    Kept,

    /// <summary>The citizen did not come.</summary>
    Missed,
}

/// <summary>The kind of legal matter (for statistics and routing).</summary>
public enum MatterType
{
    /// <summary>婚姻家庭继承.</summary>
    Family,

    /// <summary>劳动社保 (wages, contracts, injuries at work).</summary>
    Labour,

    /// <summary>合同借贷.</summary>
    Contract,

    /// <summary>房产物业.</summary>
    Housing,

    /// <summary>邻里相邻关系.</summary>
    Neighbourhood,

    /// <summary>人身损害 / 交通事故.</summary>
    Injury,

    /// <summary>消费维权.</summary>
    Consumer,

    /// <summary>行政 (against an authority).</summary>
    Administrative,

    /// <summary>刑事.</summary>
    Criminal,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>How a consultation came about.</summary>
public enum ConsultationChannel
{
    /// <summary>An appointment that was kept.</summary>
    Appointment,

    /// <summary>A walk-in at a station or the adviser's hours.</summary>
    WalkIn,

    /// <summary>By phone (12348 or the station's line).</summary>
    Phone,

    /// <summary>Online.</summary>
    Online,

    /// <summary>A petition the hall sent to the legal counselling room.</summary>
    Petition,

    /// <summary>A matter from an evening reception.</summary>
    EveningReception,
}

/// <summary>What a consultation led to.</summary>
public enum ConsultationOutcome
{
    /// <summary>Advice given; nothing more.</summary>
    Advised,

    /// <summary>A legal aid application was opened.</summary>
    AidApplication,

    /// <summary>Referred to mediation.</summary>
    Mediation,

    /// <summary>Advised to sue or arbitrate.</summary>
    Litigation,

    /// <summary>Referred to a department.</summary>
    Referred,
}

/// <summary>The proceedings a legal aid application is for.</summary>
public enum AidCaseKind
{
    /// <summary>民事.</summary>
    Civil,

    /// <summary>刑事 (defence, victims).</summary>
    Criminal,

    /// <summary>行政.</summary>
    Administrative,

    /// <summary>劳动仲裁.</summary>
    Arbitration,

    /// <summary>非诉讼 (negotiation, mediation).</summary>
    NonLitigation,
}

/// <summary>
/// Grounds on which the Legal Aid Law (法律援助法, art. 32) waives the means test, or on which local rules treat the
/// applicant as in hardship without one.
/// </summary>
[Flags]
public enum AidExemptions
{
    None = 0,

    /// <summary>享受最低生活保障 (dibao) or 特困供养.</summary>
    Subsistence = 1,

    /// <summary>英雄烈士近亲属 defending a hero's or martyr's rights.</summary>
    MartyrFamily = 2,

    /// <summary>遭受虐待、遗弃或者家庭暴力的受害人.</summary>
    AbuseVictim = 4,

    /// <summary>农民工追索劳动报酬 (unpaid wages).</summary>
    UnpaidWages = 8,

    /// <summary>残疾人.</summary>
    Disabled = 16,

    /// <summary>六十周岁以上老年人.</summary>
    Elderly = 32,

    /// <summary>未成年人.</summary>
    Minor = 64,

    /// <summary>军人军属.</summary>
    ServiceFamily = 128,
}

/// <summary>Where a legal aid application stands.</summary>
public enum AidStatus
{
    /// <summary>Received; waiting for review.</summary>
    Submitted,

    /// <summary>The reviewer asked for more documents; the review clock waits.</summary>
    MoreDocuments,

    /// <summary>Granted; waiting for a lawyer.</summary>
    Granted,

    /// <summary>Refused, with reasons.</summary>
    Refused,

    /// <summary>A lawyer is assigned and working on it.</summary>
    Assigned,

    /// <summary>Closed with a result.</summary>
    Closed,

    /// <summary>Withdrawn by the applicant.</summary>
    Withdrawn,
}

/// <summary>How a legal aid case ended.</summary>
public enum AidResult
{
    /// <summary>胜诉 / 主张得到支持.</summary>
    Won,

    /// <summary>调解 / 和解结案.</summary>
    Settled,

    /// <summary>部分支持.</summary>
    PartlyWon,

    /// <summary>败诉.</summary>
    Lost,

    /// <summary>终止援助 (the applicant no longer qualifies, stopped cooperating).</summary>
    Terminated,
}

/// <summary>What a document attached to an application is.</summary>
public enum AidDocumentKind
{
    /// <summary>身份证明.</summary>
    Identity,

    /// <summary>经济困难证明 / 个人诚信承诺.</summary>
    Means,

    /// <summary>证据材料.</summary>
    Evidence,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>Where an evening reception stands.</summary>
public enum ReceptionStatus
{
    /// <summary>Planned and open for sign-up.</summary>
    Planned,

    /// <summary>Held; outcomes recorded.</summary>
    Held,

    /// <summary>Called off.</summary>
    Cancelled,
}

/// <summary>Who receives at an evening reception (两代表一委员).</summary>
public enum DeputyRole
{
    /// <summary>党代表.</summary>
    PartyDelegate,

    /// <summary>人大代表.</summary>
    PeoplesDeputy,

    /// <summary>政协委员.</summary>
    CppccMember,
}

/// <summary>Where a resident's matter at an evening reception stands.</summary>
public enum ReceptionMatterStatus
{
    /// <summary>Signed up; to be heard.</summary>
    Registered,

    /// <summary>Heard; see the outcome.</summary>
    Heard,

    /// <summary>The resident did not come.</summary>
    Absent,

    /// <summary>Withdrawn by the resident before the evening.</summary>
    Withdrawn,
}

/// <summary>What came of a matter heard at an evening reception.</summary>
public enum ReceptionOutcome
{
    /// <summary>Answered on the spot.</summary>
    Answered,

    /// <summary>Needs action: filed in the petitions hall.</summary>
    Petition,

    /// <summary>Given legal advice (a consultation is recorded).</summary>
    LegalAdvice,

    /// <summary>Taken up by the deputy as a suggestion or motion (建议、提案).</summary>
    Proposal,
}
