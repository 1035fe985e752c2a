using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Consultations;
using GovPlatform.LegalAid.Models;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>The legal counselling room: a petition becomes a pending consultation; advice sends the petition to feedback.</summary>
public sealed class LegalRoomTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_petition_sent_to_the_legal_room_is_advised_and_goes_to_feedback(string provider)
    {
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithClock(new ManualClock(LegalAidTestData.Monday)).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var seeded = await LegalAidTestData.SeedAsync(services);
        var workflow = services.GetRequiredService<PetitionWorkflow>();
        var petition = (await services.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online(), null, default)).Petition!;
        var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));
        foreach (var command in new PetitionCommand[] { new(PetitionTrigger.Confirm), new(PetitionTrigger.Assess), new(PetitionTrigger.SendToRoom) { Room = PetitionRooms.Legal, Note = "请律师解答" } })
        {
            var done = await workflow.ExecuteAsync(petition.Id, command, staff, default);
            Assert.True(done.Succeeded, $"{command.Trigger}: {string.Join("; ", done.Errors?.Select(e => e.Value.English) ?? [])}");
        }

        var sent = await workflow.FindAsync(petition.Id, default);
        var db = services.GetRequiredService<TenantDbContext>();
        var pending = await db.Set<Consultation>().AsNoTracking().SingleAsync();
        Assert.Equal(sent!.RoomReference, pending.Number);
        Assert.Equal(ConsultationChannel.Petition, pending.Channel);
        Assert.Equal("D-01-01", pending.GridUnitCode);
        Assert.Equal("张女士", pending.CitizenName);
        Assert.Equal(petition.TrackingNumber, pending.PetitionNumber);
        Assert.True(ConsultationService.IsPending(pending));

        var service = services.GetRequiredService<ConsultationService>();
        var lawyer1 = await PrincipalAsync(services, "lawyer1");
        Assert.Single((await service.ListAsync(new ConsultationFilter(PendingOnly: true), lawyer1)).Items);
        Assert.Equal(0, await service.ReportPendingAsync());

        var input = new ConsultationInput
        {
            GridUnitCode = "D-01-01",
            LawyerId = seeded.AdviserLawyerId,
            CitizenName = pending.CitizenName,
            Phone = pending.Phone,
            MatterType = MatterType.Neighbourhood,
            Matter = pending.Matter,
            Advice = "夜间施工噪音可向城管部门投诉，也可依法起诉停止侵害。",
            Outcome = ConsultationOutcome.Advised,
        };
        var advised = await service.EditAsync(pending.Id, input, pending.Version, lawyer1);
        Assert.True(advised.Succeeded, string.Join("; ", advised.Errors?.Select(e => $"{e.Key}: {e.Value.English}") ?? []));
        Assert.Equal(ConsultationChannel.Petition, advised.Value!.Channel);

        var after = await workflow.FindAsync(petition.Id, default);
        Assert.Equal(PetitionStage.Feedback, after!.Stage);
        Assert.Contains("夜间施工噪音", after.PublicReply, StringComparison.Ordinal);
        Assert.NotNull((await db.Set<Consultation>().AsNoTracking().SingleAsync()).PetitionReportedUtc);
        Assert.Equal(0, await service.ReportPendingAsync());
    }
}
