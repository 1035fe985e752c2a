using GovPlatform.Localization;
using GovPlatform.Petitions.Loop;
using GovPlatform.Security;

namespace GovPlatform.Petitions.Security;

/// <summary>
/// The petitions hall's permissions. Those on cases are grid-scoped: a user confined to units acts on the cases their
/// units handle (and sees the cases located in them).
/// </summary>
public static class PetitionPermissions
{
    private static readonly BilingualText Group = new("诉求大厅", "Petitions hall");

    /// <summary>See cases, their timelines and attachments.</summary>
    public static readonly Permission View = new("Petitions.View", new("查看诉求", "View petitions"), Group, GridScoped: true);

    /// <summary>Reception: register visits, confirm, reject, merge, solve on the spot, record call-back ratings.</summary>
    public static readonly Permission Receive = new("Petitions.Receive", new("接待受理", "Receive petitions"), Group, GridScoped: true);

    /// <summary>File field reports from the grid.</summary>
    public static readonly Permission Report = new("Petitions.Report", new("上报事件", "File field reports"), Group, GridScoped: true);

    /// <summary>Assess and route: assign to units, send to rooms, ask for transfers, escalate.</summary>
    public static readonly Permission Dispatch = new("Petitions.Dispatch", new("研判交办", "Assess and route"), Group, GridScoped: true);

    /// <summary>Handle: take, return, co-handle, complete, answer supervision, escalate.</summary>
    public static readonly Permission Handle = new("Petitions.Handle", new("办理诉求", "Handle petitions"), Group, GridScoped: true);

    /// <summary>Approve or decline transfers to departments (a leader's approval).</summary>
    public static readonly Permission Approve = new("Petitions.Approve", new("审批转办", "Approve transfers"), Group, GridScoped: true);

    /// <summary>Supervise (督办) cases of the units below.</summary>
    public static readonly Permission Supervise = new("Petitions.Supervise", new("督办", "Supervise cases"), Group, GridScoped: true);

    /// <summary>Read the ledger and statistics, and export them.</summary>
    public static readonly Permission Ledger = new("Petitions.Ledger", new("台账与统计", "Ledger and statistics"), Group, GridScoped: true);

    /// <summary>Edit the duty list, the departments and the petition rules.</summary>
    public static readonly Permission Manage = new("Petitions.Manage", new("管理职责清单和规则", "Manage duty list and rules"), Group);

    /// <summary>Every permission, in the order of the role editor.</summary>
    public static IReadOnlyList<Permission> All { get; } = [View, Receive, Report, Dispatch, Handle, Approve, Supervise, Ledger, Manage];

    /// <summary>The permissions any one of which allows <paramref name="trigger"/>.</summary>
    internal static IReadOnlyList<Permission> For(PetitionTrigger trigger) => trigger switch
    {
        PetitionTrigger.Confirm or PetitionTrigger.Reject or PetitionTrigger.Merge or PetitionTrigger.SolveOnTheSpot
            or PetitionTrigger.Evaluate or PetitionTrigger.Reopen => [Receive],
        PetitionTrigger.Assess or PetitionTrigger.AssignUnit or PetitionTrigger.SendToRoom or PetitionTrigger.RequestTransfer => [Dispatch],
        PetitionTrigger.ApproveTransfer or PetitionTrigger.DeclineTransfer => [Approve],
        PetitionTrigger.Accept or PetitionTrigger.Return or PetitionTrigger.CoHandle or PetitionTrigger.ReportPart
            or PetitionTrigger.Complete or PetitionTrigger.RespondSupervision => [Handle],
        PetitionTrigger.Escalate => [Dispatch, Handle],
        PetitionTrigger.Supervise => [Supervise],
        PetitionTrigger.AddNote => [Receive, Dispatch, Handle, Supervise],
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };
}
