using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.LegalAid.Security;

/// <summary>
/// The legal aid module's staff permissions, grid-scoped on the record's unit (the station's, the community's). A
/// lawyer linked to an account also sees their own appointments, consultations and cases without a grant over the unit.
/// </summary>
public static class LegalAidPermissions
{
    private static readonly BilingualText Group = new("公共法律服务", "Legal services");

    /// <summary>See stations, advisers, appointments and consultations (without applicants' personal data).</summary>
    public static readonly Permission View = new("LegalAid.View", new("查看公共法律服务", "View legal services"), Group, GridScoped: true);

    /// <summary>Receive citizens: the day's appointments, kept or missed, consultations, taking legal aid applications.</summary>
    public static readonly Permission Consult = new("LegalAid.Consult", new("接待咨询和受理援助申请", "Receive consultations and take applications"), Group, GridScoped: true);

    /// <summary>Review legal aid applications (grant, refuse, ask for documents), assign lawyers, close cases; read applicants' data.</summary>
    public static readonly Permission Review = new("LegalAid.Review", new("审查法律援助申请和指派律师", "Review legal aid applications and assign lawyers"), Group, GridScoped: true);

    /// <summary>Plan evening receptions, record their matters' outcomes, file matters as petitions.</summary>
    public static readonly Permission Receptions = new("LegalAid.Receptions", new("组织夜间接访", "Organise evening receptions"), Group, GridScoped: true);

    /// <summary>Read the statistics and export them.</summary>
    public static readonly Permission Statistics = new("LegalAid.Statistics", new("公共法律服务统计与导出", "Legal service statistics and export"), Group, GridScoped: true);

    /// <summary>Edit stations, firms, lawyers, adviser assignments and the rules.</summary>
    public static readonly Permission Manage = new("LegalAid.Manage", new("管理站点、律师和规则", "Manage stations, lawyers and rules"), Group);

    /// <summary>Every permission, in the order of the role editor.</summary>
    public static IReadOnlyList<Permission> All { get; } = [View, Consult, Review, Receptions, Statistics, Manage];
}
