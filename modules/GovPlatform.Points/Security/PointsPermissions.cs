using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Points.Security;

/// <summary>The points module's staff permissions, grid-scoped on the volunteer's, activity's or rule set's unit.</summary>
public static class PointsPermissions
{
    private static readonly BilingualText Group = new("积分制", "Volunteer points");

    /// <summary>See volunteers, teams, activities, balances and ledgers.</summary>
    public static readonly Permission View = new("Points.View", new("查看志愿者和积分", "View volunteers and points"), Group, GridScoped: true);

    /// <summary>Approve, refuse and suspend volunteers; manage teams and their members.</summary>
    public static readonly Permission Volunteers = new("Points.Volunteers", new("审核志愿者和管理服务队", "Approve volunteers and manage teams"), Group, GridScoped: true);

    /// <summary>Create and publish activities, check volunteers in, confirm attendance.</summary>
    public static readonly Permission Organise = new("Points.Organise", new("组织活动和签到", "Organise activities and check-in"), Group, GridScoped: true);

    /// <summary>Approve awards (where the rules ask for it), adjust and reverse entries.</summary>
    public static readonly Permission Approve = new("Points.Approve", new("审核积分和冲正", "Approve awards, adjust and reverse"), Group, GridScoped: true);

    /// <summary>Manage the reward catalogue, hand over and cancel orders.</summary>
    public static readonly Permission Rewards = new("Points.Rewards", new("管理奖品和兑换", "Manage rewards and redemptions"), Group, GridScoped: true);

    /// <summary>Set the points rules of a unit's subtree (a township's, a village's).</summary>
    public static readonly Permission Rules = new("Points.Rules", new("设置积分规则", "Set points rules"), Group, GridScoped: true);

    /// <summary>Read the reports, export them, commend the top ten.</summary>
    public static readonly Permission Reports = new("Points.Reports", new("积分报表和表彰", "Points reports and commendations"), Group, GridScoped: true);

    /// <summary>Every permission, in the order of the role editor.</summary>
    public static IReadOnlyList<Permission> All { get; } = [View, Volunteers, Organise, Approve, Rewards, Rules, Reports];
}
