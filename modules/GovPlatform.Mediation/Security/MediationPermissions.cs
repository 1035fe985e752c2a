using GovPlatform.Localization;
using GovPlatform.Security;

namespace GovPlatform.Mediation.Security;

/// <summary>
/// The mediation module's permissions. Those on disputes are grid-scoped on the dispute's handling unit. Parties'
/// details need more than a grant: see <see cref="Services.DisputeAccess"/>.
/// </summary>
public static class MediationPermissions
{
    private static readonly BilingualText Group = new("矛盾纠纷调解", "Mediation");

    /// <summary>See the ledger's disputes (without parties' details), bodies and mediators.</summary>
    public static readonly Permission View = new("Mediation.View", new("查看纠纷台账", "View the dispute ledger"), Group, GridScoped: true);

    /// <summary>Register disputes (walk-ins, referrals) and report on screening campaigns.</summary>
    public static readonly Permission Register = new("Mediation.Register", new("登记纠纷和排查", "Register disputes and screening"), Group, GridScoped: true);

    /// <summary>Mediate: assign bodies and mediators, schedule and record sessions, record outcomes and follow-ups, escalate.</summary>
    public static readonly Permission Mediate = new("Mediation.Mediate", new("调解纠纷", "Mediate disputes"), Group, GridScoped: true);

    /// <summary>As a superior: see the parties' details of the disputes the units below handle, take alerts, open campaigns.</summary>
    public static readonly Permission Supervise = new("Mediation.Supervise", new("督导调解（查看当事人）", "Supervise mediation (see parties)"), Group, GridScoped: true);

    /// <summary>Read the statistics and export the ledger.</summary>
    public static readonly Permission Statistics = new("Mediation.Statistics", new("调解统计与导出", "Mediation statistics and export"), Group, GridScoped: true);

    /// <summary>Edit the bodies, their mediators and the mediation rules.</summary>
    public static readonly Permission Manage = new("Mediation.Manage", new("管理调解组织和规则", "Manage mediation bodies and rules"), Group);

    /// <summary>Every permission, in the order of the role editor.</summary>
    public static IReadOnlyList<Permission> All { get; } = [View, Register, Mediate, Supervise, Statistics, Manage];
}
