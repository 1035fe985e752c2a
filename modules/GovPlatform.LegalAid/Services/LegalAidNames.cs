using GovPlatform.LegalAid.Models;
using GovPlatform.Localization;

namespace GovPlatform.LegalAid.Services;

/// <summary>The bilingual names of the legal aid module's kinds, types and states.</summary>
public static class LegalAidNames
{
    public static BilingualText StationKind(StationKind kind) => kind switch
    {
        Models.StationKind.DistrictCentre => new("区公共法律服务中心", "District public legal service centre"),
        Models.StationKind.StreetCentre => new("街道公共法律服务工作站", "Street public legal service centre"),
        Models.StationKind.CommunityRoom => new("社区公共法律服务室", "Community legal service room"),
        Models.StationKind.AidWorkstation => new("法律援助工作站", "Legal aid workstation"),
        Models.StationKind.LegalClinic => new("法律诊所", "Legal clinic"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText Service(LegalServices service) => service switch
    {
        LegalServices.Consultation => new("法律咨询", "Legal advice"),
        LegalServices.LegalAid => new("法律援助", "Legal aid"),
        LegalServices.Mediation => new("人民调解", "Mediation"),
        LegalServices.Notarization => new("公证", "Notarisation"),
        LegalServices.Appraisal => new("司法鉴定", "Forensic appraisal"),
        LegalServices.Education => new("法治宣传", "Legal education"),
        _ => new(service.ToString(), service.ToString()),
    };

    /// <summary>Each single service, in the order pages list them.</summary>
    public static IReadOnlyList<LegalServices> EachService { get; } =
        [LegalServices.Consultation, LegalServices.LegalAid, LegalServices.Mediation, LegalServices.Notarization, LegalServices.Appraisal, LegalServices.Education];

    /// <summary>The services of a set, each named, joined with 、 or commas.</summary>
    public static BilingualText Services(LegalServices services)
    {
        var names = EachService.Where(s => services.HasFlag(s)).Select(Service).ToList();
        return names.Count == 0
            ? new("—", "—")
            : new(string.Join("、", names.Select(n => n.Chinese)), string.Join(", ", names.Select(n => n.English)));
    }

    public static BilingualText AppointmentStatus(AppointmentStatus status) => status switch
    {
        Models.AppointmentStatus.Booked => new("已预约", "Booked"),
        Models.AppointmentStatus.Cancelled => new("已取消", "Cancelled"),
        Models.AppointmentStatus.Kept => new("已到场", "Kept"),
        Models.AppointmentStatus.Missed => new("未到场", "Missed"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText MatterType(MatterType type) => type switch
    {
        Models.MatterType.Family => new("婚姻家庭继承", "Marriage, family and inheritance"),
        Models.MatterType.Labour => new("劳动社保", "Labour and social insurance"),
        Models.MatterType.Contract => new("合同借贷", "Contracts and loans"),
        Models.MatterType.Housing => new("房产物业", "Housing and property management"),
        Models.MatterType.Neighbourhood => new("邻里相邻关系", "Neighbours"),
        Models.MatterType.Injury => new("人身损害与交通事故", "Personal injury and traffic accidents"),
        Models.MatterType.Consumer => new("消费维权", "Consumer rights"),
        Models.MatterType.Administrative => new("行政事务", "Administrative matters"),
        Models.MatterType.Criminal => new("刑事", "Criminal matters"),
        Models.MatterType.Other => new("其他", "Other"),
        _ => new(type.ToString(), type.ToString()),
    };

    public static BilingualText Channel(ConsultationChannel channel) => channel switch
    {
        ConsultationChannel.Appointment => new("预约", "Appointment"),
        ConsultationChannel.WalkIn => new("现场来访", "Walk-in"),
        ConsultationChannel.Phone => new("电话", "Phone"),
        ConsultationChannel.Online => new("网上", "Online"),
        ConsultationChannel.Petition => new("诉求转办", "Petition"),
        ConsultationChannel.EveningReception => new("夜间接访", "Evening reception"),
        _ => new(channel.ToString(), channel.ToString()),
    };

    public static BilingualText Outcome(ConsultationOutcome outcome) => outcome switch
    {
        ConsultationOutcome.Advised => new("已解答", "Advice given"),
        ConsultationOutcome.AidApplication => new("转法律援助申请", "Legal aid application"),
        ConsultationOutcome.Mediation => new("引导调解", "Referred to mediation"),
        ConsultationOutcome.Litigation => new("建议诉讼或仲裁", "Advised to sue or arbitrate"),
        ConsultationOutcome.Referred => new("转有关部门", "Referred to a department"),
        _ => new(outcome.ToString(), outcome.ToString()),
    };

    public static BilingualText CaseKind(AidCaseKind kind) => kind switch
    {
        AidCaseKind.Civil => new("民事", "Civil"),
        AidCaseKind.Criminal => new("刑事", "Criminal"),
        AidCaseKind.Administrative => new("行政", "Administrative"),
        AidCaseKind.Arbitration => new("劳动仲裁", "Labour arbitration"),
        AidCaseKind.NonLitigation => new("非诉讼", "Non-litigation"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText Exemption(AidExemptions exemption) => exemption switch
    {
        AidExemptions.Subsistence => new("低保或特困供养", "On subsistence allowance"),
        AidExemptions.MartyrFamily => new("英雄烈士近亲属", "Close relative of a hero or martyr"),
        AidExemptions.AbuseVictim => new("虐待、遗弃或家庭暴力受害人", "Victim of abuse, abandonment or domestic violence"),
        AidExemptions.UnpaidWages => new("农民工追索劳动报酬", "Migrant worker claiming unpaid wages"),
        AidExemptions.Disabled => new("残疾人", "Person with a disability"),
        AidExemptions.Elderly => new("六十周岁以上老年人", "Aged 60 or over"),
        AidExemptions.Minor => new("未成年人", "Minor"),
        AidExemptions.ServiceFamily => new("军人军属", "Service member or family"),
        _ => new(exemption.ToString(), exemption.ToString()),
    };

    /// <summary>Each single exemption, in the order forms list them.</summary>
    public static IReadOnlyList<AidExemptions> EachExemption { get; } =
    [
        AidExemptions.Subsistence, AidExemptions.MartyrFamily, AidExemptions.AbuseVictim, AidExemptions.UnpaidWages,
        AidExemptions.Disabled, AidExemptions.Elderly, AidExemptions.Minor, AidExemptions.ServiceFamily,
    ];

    public static BilingualText AidStatus(AidStatus status) => status switch
    {
        Models.AidStatus.Submitted => new("待审查", "Awaiting review"),
        Models.AidStatus.MoreDocuments => new("待补充材料", "Documents requested"),
        Models.AidStatus.Granted => new("已批准，待指派", "Granted, awaiting a lawyer"),
        Models.AidStatus.Refused => new("不予援助", "Refused"),
        Models.AidStatus.Assigned => new("已指派律师", "Lawyer assigned"),
        Models.AidStatus.Closed => new("已结案", "Closed"),
        Models.AidStatus.Withdrawn => new("已撤回", "Withdrawn"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Result(AidResult result) => result switch
    {
        AidResult.Won => new("胜诉或主张获支持", "Won"),
        AidResult.Settled => new("调解或和解", "Settled"),
        AidResult.PartlyWon => new("部分支持", "Partly won"),
        AidResult.Lost => new("败诉", "Lost"),
        AidResult.Terminated => new("终止援助", "Aid terminated"),
        _ => new(result.ToString(), result.ToString()),
    };

    /// <summary>The name of a step in an application's history (<see cref="Models.AidEvent.Kind"/>).</summary>
    public static BilingualText AidEvent(string kind) => kind switch
    {
        "Submitted" => new("提交申请", "Submitted"),
        "MoreDocuments" => new("要求补充材料", "Documents requested"),
        "Document" => new("补充材料", "Document added"),
        "Granted" => new("决定给予法律援助", "Granted"),
        "Refused" => new("决定不予法律援助", "Refused"),
        "Assigned" => new("指派律师", "Lawyer assigned"),
        "Progress" => new("办理进展", "Progress"),
        "Closed" => new("结案", "Closed"),
        "Withdrawn" => new("撤回", "Withdrawn"),
        _ => new(kind, kind),
    };

    public static BilingualText DocumentKind(AidDocumentKind kind) => kind switch
    {
        AidDocumentKind.Identity => new("身份证明", "Proof of identity"),
        AidDocumentKind.Means => new("经济困难证明或承诺", "Proof or declaration of means"),
        AidDocumentKind.Evidence => new("证据材料", "Evidence"),
        AidDocumentKind.Other => new("其他材料", "Other"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static BilingualText ReceptionStatus(ReceptionStatus status) => status switch
    {
        Models.ReceptionStatus.Planned => new("报名中", "Open for sign-up"),
        Models.ReceptionStatus.Held => new("已举行", "Held"),
        Models.ReceptionStatus.Cancelled => new("已取消", "Cancelled"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText DeputyRole(DeputyRole role) => role switch
    {
        Models.DeputyRole.PartyDelegate => new("党代表", "Party congress delegate"),
        Models.DeputyRole.PeoplesDeputy => new("人大代表", "People's congress deputy"),
        Models.DeputyRole.CppccMember => new("政协委员", "CPPCC member"),
        _ => new(role.ToString(), role.ToString()),
    };

    public static BilingualText MatterStatus(ReceptionMatterStatus status) => status switch
    {
        ReceptionMatterStatus.Registered => new("已报名", "Signed up"),
        ReceptionMatterStatus.Heard => new("已接访", "Heard"),
        ReceptionMatterStatus.Absent => new("未到场", "Absent"),
        ReceptionMatterStatus.Withdrawn => new("已撤回", "Withdrawn"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText ReceptionOutcome(ReceptionOutcome outcome) => outcome switch
    {
        Models.ReceptionOutcome.Answered => new("当场答复", "Answered on the spot"),
        Models.ReceptionOutcome.Petition => new("转诉求办理", "Filed as a petition"),
        Models.ReceptionOutcome.LegalAdvice => new("提供法律咨询", "Legal advice given"),
        Models.ReceptionOutcome.Proposal => new("形成建议提案", "Taken up as a proposal"),
        _ => new(outcome.ToString(), outcome.ToString()),
    };

    public static BilingualText Weekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => new("周一", "Mon"),
        DayOfWeek.Tuesday => new("周二", "Tue"),
        DayOfWeek.Wednesday => new("周三", "Wed"),
        DayOfWeek.Thursday => new("周四", "Thu"),
        DayOfWeek.Friday => new("周五", "Fri"),
        DayOfWeek.Saturday => new("周六", "Sat"),
        _ => new("周日", "Sun"),
    };
}
