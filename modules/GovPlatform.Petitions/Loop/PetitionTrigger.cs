namespace GovPlatform.Petitions.Loop;

/// <summary>The commands that move a petition through its loop. Each is permission-checked and recorded as an event.</summary>
internal enum PetitionTrigger
{
    /// <summary>受理: a staff member confirms the matter and becomes its first responder.</summary>
    Confirm,

    /// <summary>研判: decide the category (and so the deadline) before routing; again after a reopening.</summary>
    Assess,

    /// <summary>当场解决: solved at once (only for categories that allow it).</summary>
    SolveOnTheSpot,

    /// <summary>不予受理, with a reason.</summary>
    Reject,

    /// <summary>合并 into another petition about the same matter.</summary>
    Merge,

    /// <summary>交办 to a unit below the handling unit (or the handling unit itself).</summary>
    AssignUnit,

    /// <summary>Send to a room of the reception hall (mediation, legal or psychological counselling).</summary>
    SendToRoom,

    /// <summary>转办 to a department: asks for a leader's approval.</summary>
    RequestTransfer,

    /// <summary>A leader approves the transfer: the department has the case.</summary>
    ApproveTransfer,

    /// <summary>A leader declines the transfer.</summary>
    DeclineTransfer,

    /// <summary>签收: the assigned unit or department takes the case.</summary>
    Accept,

    /// <summary>退回: the assigned unit sends the case back for another route.</summary>
    Return,

    /// <summary>上报: the level cannot solve it; the level above assesses it.</summary>
    Escalate,

    /// <summary>协调联动: several departments handle it under a lead.</summary>
    CoHandle,

    /// <summary>A co-handling department reports its part.</summary>
    ReportPart,

    /// <summary>办结: handling finished; the result goes to the citizen.</summary>
    Complete,

    /// <summary>督办: the level above chases the case.</summary>
    Supervise,

    /// <summary>The handling unit answers the supervision and goes on.</summary>
    RespondSupervision,

    /// <summary>评价: the citizen's rating (online, or taken by staff on a call-back).</summary>
    Evaluate,

    /// <summary>重新办理: the citizen is not satisfied and asks to reopen, within the period.</summary>
    Reopen,

    /// <summary>A note on the case, without moving it.</summary>
    AddNote,
}
