using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Services;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>A petition through the loop with the real services, permissions and grid, on both providers.</summary>
public sealed class PetitionLoopTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_online_petition_is_located_routed_escalated_completed_reported_back_and_rated(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var intake = services.GetRequiredService<PetitionIntakeService>();
        var workflow = services.GetRequiredService<PetitionWorkflow>();

        var filed = await intake.SubmitAsync(Online(), null, default);
        Assert.True(filed.Succeeded, string.Join("; ", filed.Errors.Select(e => $"{e.Key}: {e.Value.English}")));
        var petition = filed.Petition!;
        Assert.Equal("D-01-01-01", petition.GridUnitCode);
        Assert.Equal("D-01-01", petition.HandlingUnitCode);
        Assert.Equal(PetitionStage.Collect, petition.Stage);
        Assert.NotNull(petition.DueUtc);

        var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));
        var street1 = PetitionActor.Staff(await PrincipalAsync(services, "street1"));
        async Task<PetitionCommandResult> Run(PetitionActor actor, PetitionCommand command)
        {
            var result = await workflow.ExecuteAsync(petition.Id, command, actor, default);
            Assert.True(result.Succeeded, $"{command.Trigger}: {result.Status} {string.Join("; ", (result.Errors ?? new Dictionary<string, GovPlatform.Localization.BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}"))}");
            return result;
        }

        await Run(staff, new(PetitionTrigger.Confirm));
        await Run(staff, new(PetitionTrigger.Assess));
        await Run(staff, new(PetitionTrigger.AssignUnit) { UnitCode = "D-01-01-01" });
        await Run(staff, new(PetitionTrigger.Accept));
        await Run(staff, new(PetitionTrigger.Escalate) { Note = "社区无法协调" });
        var afterEscalation = await workflow.FindAsync(petition.Id, default);
        Assert.Equal("D-01-01", afterEscalation!.HandlingUnitCode);
        await Run(staff, new(PetitionTrigger.Escalate) { Note = "需要街道协调" });
        var denied = await workflow.ExecuteAsync(petition.Id, new(PetitionTrigger.AssignUnit) { UnitCode = "D-01-01" }, staff, default);
        Assert.Equal(PetitionCommandStatus.Forbidden, denied.Status);
        await Run(street1, new(PetitionTrigger.AssignUnit) { UnitCode = "D-01" });
        await Run(street1, new(PetitionTrigger.Accept));
        await Run(street1, new(PetitionTrigger.Complete) { PublicReply = "已约谈施工方，夜间停止施工。" });

        var tracking = services.GetRequiredService<PetitionTracking>();
        var found = await tracking.FindAsync(petition.TrackingNumber, "13912345678", default);
        Assert.NotNull(found);
        var view = await tracking.ViewAsync(found, new System.Globalization.CultureInfo("zh-CN"), default);
        Assert.True(view.CanRate);
        Assert.DoesNotContain(view.Steps, s => s.PublicNote == "社区无法协调");
        var rated = await tracking.RateAsync(found, 5, true, "很满意", default);
        Assert.Equal(PetitionCommandStatus.Done, rated.Status);
        Assert.Equal(PetitionStage.Evaluate, rated.Petition!.Stage);
    }
}
