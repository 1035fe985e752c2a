using GovPlatform.Petitions.Loop;
using static GovPlatform.Petitions.Loop.PetitionTrigger;
using static GovPlatform.Petitions.PetitionStage;

namespace GovPlatform.Petitions.Tests;

/// <summary>
/// Every stage against every command: the transitions written out here by hand are exactly those the machine allows,
/// with their destination; every other pair is refused.
/// </summary>
public sealed class PetitionLoopRulesTests
{
    /// <summary>Facts under which every guard that can pass does (no pending transfer, parts open only where it matters).</summary>
    private static readonly PetitionFacts Open = new(OnTheSpotAllowed: true, HasParentUnit: true, WithinReopenPeriod: true);

    private static readonly Dictionary<(PetitionStage, PetitionTrigger), PetitionStage> Expected = new()
    {
        [(Collect, Confirm)] = Discover,
        [(Collect, SolveOnTheSpot)] = Feedback,
        [(Collect, Reject)] = Rejected,
        [(Collect, Merge)] = Merged,
        [(Collect, PetitionTrigger.Supervise)] = PetitionStage.Supervise,
        [(Collect, AddNote)] = Collect,

        [(Discover, PetitionTrigger.Assess)] = PetitionStage.Assess,
        [(Discover, SolveOnTheSpot)] = Feedback,
        [(Discover, Reject)] = Rejected,
        [(Discover, Merge)] = Merged,
        [(Discover, PetitionTrigger.Supervise)] = PetitionStage.Supervise,
        [(Discover, AddNote)] = Discover,

        [(PetitionStage.Assess, PetitionTrigger.Assess)] = PetitionStage.Assess,
        [(PetitionStage.Assess, AssignUnit)] = Assign,
        [(PetitionStage.Assess, SendToRoom)] = Assign,
        [(PetitionStage.Assess, RequestTransfer)] = PetitionStage.Assess,
        [(PetitionStage.Assess, SolveOnTheSpot)] = Feedback,
        [(PetitionStage.Assess, Escalate)] = PetitionStage.Assess,
        [(PetitionStage.Assess, Reject)] = Rejected,
        [(PetitionStage.Assess, Merge)] = Merged,
        [(PetitionStage.Assess, PetitionTrigger.Supervise)] = PetitionStage.Supervise,
        [(PetitionStage.Assess, AddNote)] = PetitionStage.Assess,

        [(Assign, Accept)] = Handle,
        [(Assign, Return)] = PetitionStage.Assess,
        [(Assign, Escalate)] = PetitionStage.Assess,
        [(Assign, PetitionTrigger.Supervise)] = PetitionStage.Supervise,
        [(Assign, AddNote)] = Assign,

        [(Handle, Complete)] = Feedback,
        [(Handle, CoHandle)] = Coordinate,
        [(Handle, Escalate)] = PetitionStage.Assess,
        [(Handle, PetitionTrigger.Supervise)] = PetitionStage.Supervise,
        [(Handle, AddNote)] = Handle,

        [(Coordinate, Complete)] = Feedback,
        [(Coordinate, Escalate)] = PetitionStage.Assess,
        [(Coordinate, PetitionTrigger.Supervise)] = PetitionStage.Supervise,
        [(Coordinate, AddNote)] = Coordinate,

        [(PetitionStage.Supervise, RespondSupervision)] = Handle,
        [(PetitionStage.Supervise, Complete)] = Feedback,
        [(PetitionStage.Supervise, Escalate)] = PetitionStage.Assess,
        [(PetitionStage.Supervise, AddNote)] = PetitionStage.Supervise,

        [(Feedback, PetitionTrigger.Evaluate)] = PetitionStage.Evaluate,
        [(Feedback, AddNote)] = Feedback,

        [(PetitionStage.Evaluate, Reopen)] = Reopened,

        [(Reopened, PetitionTrigger.Assess)] = PetitionStage.Assess,
        [(Reopened, Reject)] = Rejected,
        [(Reopened, Merge)] = Merged,
        [(Reopened, PetitionTrigger.Supervise)] = PetitionStage.Supervise,
        [(Reopened, AddNote)] = Reopened,
    };

    public static TheoryData<PetitionStage, int> AllPairs()
    {
        var data = new TheoryData<PetitionStage, int>();
        foreach (var stage in Enum.GetValues<PetitionStage>())
        {
            foreach (var trigger in Enum.GetValues<PetitionTrigger>())
            {
                data.Add(stage, (int)trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Each_stage_allows_exactly_the_listed_commands(PetitionStage stage, int command)
    {
        var trigger = (PetitionTrigger)command;
        var next = PetitionLoop.Next(stage, Open, trigger);

        if (Expected.TryGetValue((stage, trigger), out var expected))
        {
            Assert.Equal(expected, next);
            Assert.Contains(trigger, PetitionLoop.Allowed(stage, Open));
        }
        else
        {
            Assert.Null(next);
            Assert.DoesNotContain(trigger, PetitionLoop.Allowed(stage, Open));
        }
    }

    [Theory]
    [InlineData(Collect)]
    [InlineData(Discover)]
    [InlineData(PetitionStage.Assess)]
    public void Solving_on_the_spot_needs_a_category_that_allows_it(PetitionStage stage)
    {
        Assert.Equal(Feedback, PetitionLoop.Next(stage, Open, SolveOnTheSpot));
        Assert.Null(PetitionLoop.Next(stage, Open with { OnTheSpotAllowed = false }, SolveOnTheSpot));
    }

    [Fact]
    public void A_pending_transfer_blocks_other_routes_until_a_leader_decides()
    {
        var pending = Open with { PendingTransfer = true };

        Assert.Equal(
            [Reject, Merge, ApproveTransfer, DeclineTransfer, PetitionTrigger.Supervise, AddNote],
            PetitionLoop.Allowed(PetitionStage.Assess, pending).Order());
        Assert.Equal(Assign, PetitionLoop.Next(PetitionStage.Assess, pending, ApproveTransfer));
        Assert.Equal(PetitionStage.Assess, PetitionLoop.Next(PetitionStage.Assess, pending, DeclineTransfer));
        Assert.Null(PetitionLoop.Next(PetitionStage.Assess, Open, ApproveTransfer));
    }

    [Fact]
    public void The_top_unit_cannot_escalate()
    {
        var top = Open with { HasParentUnit = false };
        foreach (var stage in new[] { PetitionStage.Assess, Assign, Handle, Coordinate, PetitionStage.Supervise })
        {
            Assert.Null(PetitionLoop.Next(stage, top, Escalate));
        }
    }

    [Fact]
    public void Co_handling_completes_only_when_every_department_has_reported()
    {
        var open = Open with { OpenParts = 2 };

        Assert.Equal(Coordinate, PetitionLoop.Next(Coordinate, open, ReportPart));
        Assert.Null(PetitionLoop.Next(Coordinate, open, Complete));
        Assert.Null(PetitionLoop.Next(Coordinate, Open, ReportPart));
        Assert.Equal(Feedback, PetitionLoop.Next(Coordinate, Open, Complete));
    }

    [Theory]
    [InlineData(Collect)]
    [InlineData(PetitionStage.Assess)]
    [InlineData(Assign)]
    [InlineData(Handle)]
    [InlineData(Coordinate)]
    public void Answering_supervision_returns_to_the_stage_it_interrupted(PetitionStage before)
    {
        var facts = Open with { StageBeforeSupervision = before };

        Assert.Equal(before, PetitionLoop.Next(PetitionStage.Supervise, facts, RespondSupervision));
    }

    [Fact]
    public void Supervision_can_complete_only_a_case_that_was_being_handled()
    {
        Assert.Null(PetitionLoop.Next(PetitionStage.Supervise, Open with { StageBeforeSupervision = Assign }, Complete));
        Assert.Null(PetitionLoop.Next(PetitionStage.Supervise, Open with { StageBeforeSupervision = Coordinate, OpenParts = 1 }, Complete));
        Assert.Equal(Feedback, PetitionLoop.Next(PetitionStage.Supervise, Open with { StageBeforeSupervision = Coordinate }, Complete));
    }

    [Fact]
    public void Reopening_is_possible_only_within_the_period()
    {
        Assert.Null(PetitionLoop.Next(PetitionStage.Evaluate, Open with { WithinReopenPeriod = false }, Reopen));
        Assert.Empty(PetitionLoop.Allowed(PetitionStage.Evaluate, Open with { WithinReopenPeriod = false }));
    }

    [Fact]
    public void A_case_with_a_room_is_completed_or_returned_by_the_room_not_taken_by_hand()
    {
        var room = Open with { HasRoom = true };

        Assert.Null(PetitionLoop.Next(Assign, room, Accept));
        Assert.Equal(Feedback, PetitionLoop.Next(Assign, room, Complete));
        Assert.Equal(PetitionStage.Assess, PetitionLoop.Next(Assign, room, Return));
    }

    [Theory]
    [InlineData(Rejected)]
    [InlineData(Merged)]
    public void Rejected_and_merged_petitions_accept_no_command(PetitionStage stage)
    {
        Assert.Empty(PetitionLoop.Allowed(stage, Open));
        Assert.True(PetitionLoop.IsClosed(stage));
    }
}
