using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Localization;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Services;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>Petitions into disputes and back: the mediation room, and disputes the ledger files in the petitions hall.</summary>
public sealed class PetitionRoundTripTests
{
    private static string Errors(IReadOnlyDictionary<string, BilingualText>? errors) =>
        string.Join("; ", (errors ?? new Dictionary<string, BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}"));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_petition_sent_to_the_mediation_room_becomes_a_dispute_and_its_settlement_moves_the_petition_to_feedback(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var bodies = await MediationTestData.SeedBodiesAsync(services);
        var workflow = services.GetRequiredService<PetitionWorkflow>();
        var filed = await services.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online(), null, default);
        var petition = filed.Petition!;
        var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));
        foreach (var command in new PetitionCommand[] { new(PetitionTrigger.Confirm), new(PetitionTrigger.Assess), new(PetitionTrigger.SendToRoom) { Room = PetitionRooms.Mediation, Note = "邻里噪音纠纷，请调解" } })
        {
            var done = await workflow.ExecuteAsync(petition.Id, command, staff, default);
            Assert.True(done.Succeeded, $"{command.Trigger}: {Errors(done.Errors)}");
        }

        var ledger = services.GetRequiredService<DisputeLedger>();
        var sent = await workflow.FindAsync(petition.Id, default);
        Assert.NotNull(sent!.RoomReference);
        var db = services.GetRequiredService<GovPlatform.Data.TenantDbContext>();
        var dispute = db.Set<Dispute>().Single(d => d.Number == sent.RoomReference);
        Assert.Equal(DisputeSource.Petition, dispute.Source);
        Assert.Equal(petition.Id, dispute.PetitionId);
        Assert.Equal("D-01-01-01", dispute.GridUnitCode);
        Assert.Equal("D-01-01", dispute.HandlingUnitCode);
        Assert.Equal("张女士", db.Set<DisputeParty>().Single(p => p.DisputeId == dispute.Id).Name);

        var elder = DisputeActor.Staff(await PrincipalAsync(services, "elder"));
        var assigned = await ledger.AssignAsync(dispute.Id, bodies.Studio, bodies.Li, [bodies.Wang], "五老工作室接手", elder);
        Assert.True(assigned.Succeeded, Errors(assigned.Errors));
        Assert.Equal(DisputeStatus.Mediating, assigned.Dispute!.Status);
        var settled = await ledger.CloseAsync(dispute.Id, new DisputeOutcome(DisputeStatus.Settled) { AgreementTerms = "楼上住户晚十点后停止装修，赔偿楼下 500 元。" }, elder);
        Assert.True(settled.Succeeded, Errors(settled.Errors));
        Assert.NotNull(settled.Dispute!.PetitionReportedUtc);

        var after = await workflow.FindAsync(petition.Id, default);
        Assert.Equal(PetitionStage.Feedback, after!.Stage);
        Assert.Equal(DisputeLedger.PublicReply(DisputeStatus.Settled).Chinese, after.PublicReply);
        var tracking = services.GetRequiredService<PetitionTracking>();
        var rated = await tracking.RateAsync((await tracking.FindAsync(petition.TrackingNumber, "13912345678", default))!, 5, true, "满意", default);
        Assert.Equal(PetitionStage.Evaluate, rated.Petition!.Stage);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_registered_dispute_is_filed_with_the_mediation_room_and_a_failed_mediation_sends_the_petition_back_to_assessment(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var bodies = await MediationTestData.SeedBodiesAsync(services);
        var ledger = services.GetRequiredService<DisputeLedger>();
        var worker = DisputeActor.Staff(await PrincipalAsync(services, "worker"));
        var registration = new DisputeRegistration
        {
            Type = DisputeType.Neighbourhood,
            Source = DisputeSource.Screening,
            Title = "楼上漏水纠纷",
            Description = "302 室卫生间漏水到 202 室，双方因维修费用争执。",
            GridUnitCode = "D-01-01-01",
            Parties = [new(PartyRole.Applicant, "刘先生", "13700001111"), new(PartyRole.Respondent, "陈女士", "13700002222")],
            IdempotencyKey = "walk-1",
        };
        var registered = await ledger.RegisterAsync(registration, worker);
        Assert.True(registered.Succeeded, Errors(registered.Errors));
        var dispute = registered.Dispute!;
        Assert.Equal(DisputeStatus.Registered, dispute.Status);
        Assert.Equal("D-01-01", dispute.HandlingUnitCode);
        Assert.NotNull(dispute.PetitionId);

        var replay = await ledger.RegisterAsync(registration, worker);
        Assert.Equal(DisputeResultStatus.Replayed, replay.Status);
        Assert.Equal(dispute.Id, replay.Dispute!.Id);

        var workflow = services.GetRequiredService<PetitionWorkflow>();
        var petition = await workflow.FindAsync(dispute.PetitionId!.Value, default);
        Assert.Equal(PetitionStage.Assign, petition!.Stage);
        Assert.Equal(PetitionRooms.Mediation, petition.Room);
        Assert.Equal(dispute.Number, petition.RoomReference);
        Assert.Equal(PetitionChannel.Referral, petition.Channel);

        // The grid worker may register but not mediate.
        var forbidden = await ledger.AssignAsync(dispute.Id, bodies.Studio, bodies.Li, [], null, worker);
        Assert.Equal(DisputeResultStatus.Forbidden, forbidden.Status);

        var elder = DisputeActor.Staff(await PrincipalAsync(services, "elder"));
        Assert.True((await ledger.AssignAsync(dispute.Id, bodies.Studio, bodies.Li, [], null, elder)).Succeeded);
        var invalid = await ledger.CloseAsync(dispute.Id, new DisputeOutcome(DisputeStatus.Failed) { Referral = FailedReferral.Court }, elder);
        Assert.Equal(DisputeResultStatus.Invalid, invalid.Status);
        Assert.True(invalid.Errors!.ContainsKey("note"));
        var failed = await ledger.CloseAsync(dispute.Id, new DisputeOutcome(DisputeStatus.Failed) { Referral = FailedReferral.Court, Note = "双方分歧过大，引导诉讼。" }, elder);
        Assert.True(failed.Succeeded, Errors(failed.Errors));
        var back = await workflow.FindAsync(dispute.PetitionId.Value, default);
        Assert.Equal(PetitionStage.Assess, back!.Stage);
        Assert.Null(back.Room);

        var again = await ledger.AddNoteAsync(dispute.Id, "结案后补充", elder);
        Assert.Equal(DisputeResultStatus.Done, again.Status);
        var closedChange = await ledger.SetRiskAsync(dispute.Id, RiskLevel.High, null, elder);
        Assert.Equal(DisputeResultStatus.NotAllowed, closedChange.Status);
    }
}
