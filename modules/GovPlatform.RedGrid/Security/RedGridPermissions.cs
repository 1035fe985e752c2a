using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.RedGrid.Security;

/// <summary>
/// The red-grid module's staff permissions, grid-scoped on the record's unit. Members' personal data (ID number, phone,
/// birth date) and the names of paired households need <see cref="MemberData"/> besides, and every read of them is audited.
/// </summary>
public static class RedGridPermissions
{
    private static readonly BilingualText Group = new("党建红网格", "Red grid");

    /// <summary>See organisations, coverage, resident units, the three lists, pairings, centres (no personal data).</summary>
    public static readonly Permission View = new("RedGrid.View", new("查看党建网格", "View the red grid"), Group, GridScoped: true);

    /// <summary>Edit party organisations, courtyards and joint committees.</summary>
    public static readonly Permission Organise = new("RedGrid.Organise", new("管理党组织和大党委", "Manage party organisations and joint committees"), Group, GridScoped: true);

    /// <summary>Keep the member register: add, move, record community reporting and service tasks.</summary>
    public static readonly Permission Members = new("RedGrid.Members", new("管理党员和在职党员报到", "Manage members and community reporting"), Group, GridScoped: true);

    /// <summary>Read members' personal data and paired households' names (every read audited).</summary>
    public static readonly Permission MemberData = new("RedGrid.MemberData", new("查看党员个人信息", "Read members' personal data"), Group, GridScoped: true);

    /// <summary>Register resident units and their resources, publish needs, match them into projects.</summary>
    public static readonly Permission Lists = new("RedGrid.Lists", new("管理驻区单位和三张清单", "Manage resident units and the three lists"), Group, GridScoped: true);

    /// <summary>Keep pairings and record the help given.</summary>
    public static readonly Permission Pairing = new("RedGrid.Pairing", new("管理双结对", "Manage pairing"), Group, GridScoped: true);

    /// <summary>Edit service centres and their activities.</summary>
    public static readonly Permission Centres = new("RedGrid.Centres", new("管理党群服务中心", "Manage party-mass service centres"), Group, GridScoped: true);

    /// <summary>Read the reports and export them.</summary>
    public static readonly Permission Reports = new("RedGrid.Reports", new("党建报表与导出", "Red-grid reports and export"), Group, GridScoped: true);

    /// <summary>Every permission, in the order of the role editor.</summary>
    public static IReadOnlyList<Permission> All { get; } = [View, Organise, Members, MemberData, Lists, Pairing, Centres, Reports];
}
