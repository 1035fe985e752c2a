namespace GovPlatform.Petitions;

/// <summary>Where a petition stands in the nine-step closed loop (九步闭环), or how it left it.</summary>
public enum PetitionStage
{
    /// <summary>信息采集: received, not yet looked at.</summary>
    Collect = 0,

    /// <summary>问题发现: confirmed as a matter to handle, with its first responder.</summary>
    Discover = 1,

    /// <summary>分析研判: category and route being decided.</summary>
    Assess = 2,

    /// <summary>流转交办: sent to a unit, a department or a room, waiting for it to take the case.</summary>
    Assign = 3,

    /// <summary>执行处置: being handled.</summary>
    Handle = 4,

    /// <summary>协调联动: several departments handle it under a lead.</summary>
    Coordinate = 5,

    /// <summary>日常督办: overdue or chased by the level above.</summary>
    Supervise = 6,

    /// <summary>结果反馈: handled; the result is reported to the citizen, who may rate it.</summary>
    Feedback = 7,

    /// <summary>考核评价: rated (or the rating period passed); closed.</summary>
    Evaluate = 8,

    /// <summary>不予受理: refused, with a reason; closed.</summary>
    Rejected = 9,

    /// <summary>已合并: a duplicate, merged into another petition; closed.</summary>
    Merged = 10,

    /// <summary>重新办理: the citizen asked to reopen it after evaluation; to be assessed again.</summary>
    Reopened = 11,
}
