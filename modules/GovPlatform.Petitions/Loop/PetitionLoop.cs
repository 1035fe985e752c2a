using Stateless;

namespace GovPlatform.Petitions.Loop;

/// <summary>
/// The nine-step closed loop as a Stateless machine: which command may move a petition from which stage to which,
/// under which condition. The machine decides only the stage; <see cref="Services.PetitionWorkflow"/> applies the
/// command's effects and records it.
/// </summary>
internal static class PetitionLoop
{
    private static readonly PetitionStage[] Closed = [PetitionStage.Evaluate, PetitionStage.Rejected, PetitionStage.Merged];

    /// <summary>A machine for a petition in <paramref name="stage"/> with <paramref name="facts"/>.</summary>
    public static StateMachine<PetitionStage, PetitionTrigger> Create(PetitionStage stage, PetitionFacts facts)
    {
        var current = stage;
        var machine = new StateMachine<PetitionStage, PetitionTrigger>(() => current, s => current = s);

        bool OnTheSpot() => facts.OnTheSpotAllowed;
        bool CanEscalate() => facts.HasParentUnit;

        machine.Configure(PetitionStage.Collect)
            .Permit(PetitionTrigger.Confirm, PetitionStage.Discover)
            .PermitIf(PetitionTrigger.SolveOnTheSpot, PetitionStage.Feedback, OnTheSpot, "category allows on-the-spot")
            .Permit(PetitionTrigger.Reject, PetitionStage.Rejected)
            .Permit(PetitionTrigger.Merge, PetitionStage.Merged)
            .Permit(PetitionTrigger.Supervise, PetitionStage.Supervise)
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Discover)
            .Permit(PetitionTrigger.Assess, PetitionStage.Assess)
            .PermitIf(PetitionTrigger.SolveOnTheSpot, PetitionStage.Feedback, OnTheSpot, "category allows on-the-spot")
            .Permit(PetitionTrigger.Reject, PetitionStage.Rejected)
            .Permit(PetitionTrigger.Merge, PetitionStage.Merged)
            .Permit(PetitionTrigger.Supervise, PetitionStage.Supervise)
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Assess)
            .PermitReentryIf(PetitionTrigger.Assess, () => !facts.PendingTransfer, "no transfer pending")
            .PermitIf(PetitionTrigger.AssignUnit, PetitionStage.Assign, () => !facts.PendingTransfer, "no transfer pending")
            .PermitIf(PetitionTrigger.SendToRoom, PetitionStage.Assign, () => !facts.PendingTransfer, "no transfer pending")
            .PermitReentryIf(PetitionTrigger.RequestTransfer, () => !facts.PendingTransfer, "no transfer pending")
            .PermitIf(PetitionTrigger.ApproveTransfer, PetitionStage.Assign, () => facts.PendingTransfer, "a transfer is pending")
            .PermitReentryIf(PetitionTrigger.DeclineTransfer, () => facts.PendingTransfer, "a transfer is pending")
            .PermitIf(PetitionTrigger.SolveOnTheSpot, PetitionStage.Feedback, () => OnTheSpot() && !facts.PendingTransfer, "category allows on-the-spot")
            .PermitReentryIf(PetitionTrigger.Escalate, () => CanEscalate() && !facts.PendingTransfer, "a unit above")
            .Permit(PetitionTrigger.Reject, PetitionStage.Rejected)
            .Permit(PetitionTrigger.Merge, PetitionStage.Merged)
            .Permit(PetitionTrigger.Supervise, PetitionStage.Supervise)
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Assign)
            .PermitIf(PetitionTrigger.Accept, PetitionStage.Handle, () => !facts.HasRoom, "not with a room")
            .PermitIf(PetitionTrigger.Complete, PetitionStage.Feedback, () => facts.HasRoom, "with a room that reports its outcome")
            .Permit(PetitionTrigger.Return, PetitionStage.Assess)
            .PermitIf(PetitionTrigger.Escalate, PetitionStage.Assess, CanEscalate, "a unit above")
            .Permit(PetitionTrigger.Supervise, PetitionStage.Supervise)
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Handle)
            .Permit(PetitionTrigger.Complete, PetitionStage.Feedback)
            .Permit(PetitionTrigger.CoHandle, PetitionStage.Coordinate)
            .PermitIf(PetitionTrigger.Escalate, PetitionStage.Assess, CanEscalate, "a unit above")
            .Permit(PetitionTrigger.Supervise, PetitionStage.Supervise)
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Coordinate)
            .PermitReentryIf(PetitionTrigger.ReportPart, () => facts.OpenParts > 0, "a part not yet reported")
            .PermitIf(PetitionTrigger.Complete, PetitionStage.Feedback, () => facts.OpenParts == 0, "every part reported")
            .PermitIf(PetitionTrigger.Escalate, PetitionStage.Assess, CanEscalate, "a unit above")
            .Permit(PetitionTrigger.Supervise, PetitionStage.Supervise)
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Supervise)
            .PermitDynamic(PetitionTrigger.RespondSupervision, () => facts.StageBeforeSupervision)
            .PermitIf(PetitionTrigger.Complete, PetitionStage.Feedback,
                () => facts.StageBeforeSupervision == PetitionStage.Handle
                    || (facts.StageBeforeSupervision == PetitionStage.Coordinate && facts.OpenParts == 0), "being handled, every part reported")
            .PermitIf(PetitionTrigger.Escalate, PetitionStage.Assess, CanEscalate, "a unit above")
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Feedback)
            .Permit(PetitionTrigger.Evaluate, PetitionStage.Evaluate)
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Evaluate)
            .PermitIf(PetitionTrigger.Reopen, PetitionStage.Reopened, () => facts.WithinReopenPeriod, "within the reopening period");

        machine.Configure(PetitionStage.Reopened)
            .Permit(PetitionTrigger.Assess, PetitionStage.Assess)
            .Permit(PetitionTrigger.Reject, PetitionStage.Rejected)
            .Permit(PetitionTrigger.Merge, PetitionStage.Merged)
            .Permit(PetitionTrigger.Supervise, PetitionStage.Supervise)
            .PermitReentry(PetitionTrigger.AddNote);

        machine.Configure(PetitionStage.Rejected);
        machine.Configure(PetitionStage.Merged);
        return machine;
    }

    /// <summary>Whether <paramref name="stage"/> ends the loop (evaluated, rejected, merged).</summary>
    public static bool IsClosed(PetitionStage stage) => Closed.Contains(stage);

    /// <summary>The commands the machine allows now (before permissions).</summary>
    public static IReadOnlyList<PetitionTrigger> Allowed(PetitionStage stage, PetitionFacts facts)
    {
        var machine = Create(stage, facts);
        return [.. Enum.GetValues<PetitionTrigger>().Where(t => machine.CanFire(t))];
    }

    /// <summary>The stage <paramref name="trigger"/> leads to, or null when the machine refuses it.</summary>
    public static PetitionStage? Next(PetitionStage stage, PetitionFacts facts, PetitionTrigger trigger)
    {
        var machine = Create(stage, facts);
        if (!machine.CanFire(trigger))
        {
            return null;
        }

        machine.Fire(trigger);
        return machine.State;
    }
}
