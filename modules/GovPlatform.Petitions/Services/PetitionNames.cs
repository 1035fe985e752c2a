using GovPlatform.Localization;
using GovPlatform.Petitions.Loop;

namespace GovPlatform.Petitions.Services;

/// <summary>The bilingual names of stages, commands and channels, for staff and citizens.</summary>
internal static class PetitionNames
{
    /// <summary>The action of the events that carry an escalated case's result back down.</summary>
    public const string ReportBackAction = "ReportBack";

    /// <summary>The action of the intake event.</summary>
    public const string SubmitAction = "Submit";

    /// <summary>The actions of the deadline job's events.</summary>
    public const string WarnAction = "Warn";
    public const string OverdueAction = "Overdue";

    public static BilingualText Stage(PetitionStage stage) => stage switch
    {
        PetitionStage.Collect => new("信息采集", "Collected"),
        PetitionStage.Discover => new("问题发现", "Discovered"),
        PetitionStage.Assess => new("分析研判", "Assessing"),
        PetitionStage.Assign => new("流转交办", "Assigned"),
        PetitionStage.Handle => new("执行处置", "Handling"),
        PetitionStage.Coordinate => new("协调联动", "Coordinating"),
        PetitionStage.Supervise => new("日常督办", "Supervised"),
        PetitionStage.Feedback => new("结果反馈", "Feedback"),
        PetitionStage.Evaluate => new("考核评价", "Evaluated"),
        PetitionStage.Rejected => new("不予受理", "Rejected"),
        PetitionStage.Merged => new("已合并", "Merged"),
        PetitionStage.Reopened => new("重新办理", "Reopened"),
        _ => new(stage.ToString(), stage.ToString()),
    };

    public static BilingualText Trigger(PetitionTrigger trigger) => trigger switch
    {
        PetitionTrigger.Confirm => new("受理", "Confirm"),
        PetitionTrigger.Assess => new("研判定类", "Assess"),
        PetitionTrigger.SolveOnTheSpot => new("当场解决", "Solve on the spot"),
        PetitionTrigger.Reject => new("不予受理", "Reject"),
        PetitionTrigger.Merge => new("合并重复诉求", "Merge as duplicate"),
        PetitionTrigger.AssignUnit => new("交办下级", "Assign to a unit"),
        PetitionTrigger.SendToRoom => new("引导至功能室", "Send to a room"),
        PetitionTrigger.RequestTransfer => new("申请转办部门", "Request a transfer"),
        PetitionTrigger.ApproveTransfer => new("批准转办", "Approve the transfer"),
        PetitionTrigger.DeclineTransfer => new("不同意转办", "Decline the transfer"),
        PetitionTrigger.Accept => new("签收", "Take the case"),
        PetitionTrigger.Return => new("退回", "Send back"),
        PetitionTrigger.Escalate => new("上报上级", "Escalate"),
        PetitionTrigger.CoHandle => new("多部门协办", "Co-handle with departments"),
        PetitionTrigger.ReportPart => new("协办反馈", "Report a department's part"),
        PetitionTrigger.Complete => new("办结反馈", "Complete"),
        PetitionTrigger.Supervise => new("督办", "Supervise"),
        PetitionTrigger.RespondSupervision => new("答复督办", "Answer the supervision"),
        PetitionTrigger.Evaluate => new("评价", "Rate"),
        PetitionTrigger.Reopen => new("申请重新办理", "Reopen"),
        PetitionTrigger.AddNote => new("添加备注", "Add a note"),
        _ => new(trigger.ToString(), trigger.ToString()),
    };

    /// <summary>The name of an event's action (a command, the intake, the job's flags, the report back down).</summary>
    public static BilingualText Action(string action) => action switch
    {
        SubmitAction => new("提交诉求", "Submitted"),
        WarnAction => new("临期提醒", "Due soon"),
        OverdueAction => new("已超期", "Overdue"),
        ReportBackAction => new("结果反馈至下级", "Result reported back down"),
        _ => Enum.TryParse<PetitionTrigger>(action, out var trigger) ? Trigger(trigger) : new(action, action),
    };

    public static BilingualText Channel(PetitionChannel channel) => channel switch
    {
        PetitionChannel.Online => new("网上提交", "Online"),
        PetitionChannel.Reception => new("来访接待", "Reception"),
        PetitionChannel.Field => new("网格上报", "Field report"),
        PetitionChannel.Api => new("系统接入", "API"),
        PetitionChannel.Referral => new("模块转入", "Referral"),
        _ => new(channel.ToString(), channel.ToString()),
    };

    public static BilingualText Room(string code) => code switch
    {
        PetitionRooms.Mediation => new("矛盾纠纷调处室", "Mediation room"),
        PetitionRooms.Legal => new("法律咨询室", "Legal counselling room"),
        PetitionRooms.Psychological => new("心理咨询室", "Psychological counselling room"),
        _ => new(code, code),
    };
}
