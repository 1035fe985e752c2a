using GovPlatform.Data;
using GovPlatform.Files;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Localization;
using GovPlatform.Petitions;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using GovPlatform.TestModules.PetitionRoom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>Intake on every channel, idempotency, duplicates, routing with approval, co-handling, rooms, merging and concurrency.</summary>
public sealed class PetitionCommandTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_repeated_intake_or_command_with_the_same_key_changes_nothing(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var intake = services.GetRequiredService<PetitionIntakeService>();
        var workflow = services.GetRequiredService<PetitionWorkflow>();

        var first = await intake.SubmitAsync(Online() with { IdempotencyKey = "app-7f3a" }, null, default);
        var again = await intake.SubmitAsync(Online("完全不同的内容也不会再建一件") with { IdempotencyKey = "app-7f3a" }, null, default);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Petition!.TrackingNumber, again.Petition!.TrackingNumber);
        var db = services.GetRequiredService<TenantDbContext>();
        Assert.Equal(1, await db.Set<Petition>().CountAsync());

        var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));
        var confirm = new PetitionCommand(PetitionTrigger.Confirm) { IdempotencyKey = "cmd-1" };
        var done = await workflow.ExecuteAsync(first.Petition.Id, confirm, staff, default);
        var replay = await workflow.ExecuteAsync(first.Petition.Id, confirm, staff, default);
        var misuse = await workflow.ExecuteAsync(first.Petition.Id, new(PetitionTrigger.Assess) { IdempotencyKey = "cmd-1" }, staff, default);

        Assert.Equal(PetitionCommandStatus.Done, done.Status);
        Assert.Equal(PetitionCommandStatus.Replayed, replay.Status);
        Assert.Equal(done.Event!.Id, replay.Event!.Id);
        Assert.Equal(PetitionCommandStatus.Invalid, misuse.Status);
        Assert.Equal(2, await db.Set<PetitionEvent>().CountAsync(e => e.PetitionId == first.Petition.Id));
        Assert.Equal(PetitionStage.Discover, (await db.Set<Petition>().AsNoTracking().SingleAsync()).Stage);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_commands_on_one_petition_at_the_same_moment_land_once(string provider)
    {
        await using var host = await new TestHost().WithPetitionTenant("alpha").WithProviderAsync(provider);
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            id = (await scope.ServiceProvider.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online(), null, default)).Petition!.Id;
        }

        async Task<PetitionCommandResult> ConfirmAsync(string user)
        {
            await using var scope = await host.ScopeAsync("alpha");
            var actor = PetitionActor.Staff(await PrincipalAsync(scope.ServiceProvider, user));
            return await scope.ServiceProvider.GetRequiredService<PetitionWorkflow>().ExecuteAsync(id, new(PetitionTrigger.Confirm), actor, default);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ConfirmAsync(i % 2 == 0 ? "staff" : "street1")));

        Assert.Equal(1, results.Count(r => r.Status == PetitionCommandStatus.Done));
        Assert.All(results.Where(r => r.Status != PetitionCommandStatus.Done), r => Assert.Contains(r.Status, new[] { PetitionCommandStatus.Stale, PetitionCommandStatus.NotAllowed }));
        await using var check = await host.ScopeAsync("alpha");
        var db = check.ServiceProvider.GetRequiredService<TenantDbContext>();
        Assert.Equal(2, await db.Set<PetitionEvent>().CountAsync(e => e.PetitionId == id));
        Assert.Equal(2, (await db.Set<Petition>().AsNoTracking().SingleAsync()).Version);
    }

    [Fact]
    public async Task A_likely_duplicate_is_flagged_and_merged_into_the_first()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var intake = services.GetRequiredService<PetitionIntakeService>();

        var first = (await intake.SubmitAsync(Online(), null, default)).Petition!;
        var same = (await intake.SubmitAsync(Online("楼上邻居每天深夜装修噪音很大，沟通多次无果！"), null, default)).Petition!;
        var otherPhone = (await intake.SubmitAsync(Online(phone: "13700000000"), null, default)).Petition!;
        var otherMatter = (await intake.SubmitAsync(Online("小区门口的路灯坏了一个月，晚上很黑。"), null, default)).Petition!;

        Assert.Null(first.PossibleDuplicateOfId);
        Assert.Equal(first.Id, same.PossibleDuplicateOfId);
        Assert.Null(otherPhone.PossibleDuplicateOfId);
        Assert.Null(otherMatter.PossibleDuplicateOfId);

        var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));
        var workflow = services.GetRequiredService<PetitionWorkflow>();
        var self = await workflow.ExecuteAsync(same.Id, new(PetitionTrigger.Merge) { MergeInto = same.TrackingNumber }, staff, default);
        Assert.Equal(PetitionCommandStatus.Invalid, self.Status);
        var merged = await workflow.ExecuteAsync(same.Id, new(PetitionTrigger.Merge) { MergeInto = first.TrackingNumber }, staff, default);
        Assert.Equal(PetitionStage.Merged, merged.Petition!.Stage);
        Assert.Equal(first.Id, merged.Petition.MergedIntoId);
        Assert.NotNull(merged.Petition.ClosedUtc);
    }

    [Fact]
    public async Task Bad_submissions_get_a_message_per_field_and_save_nothing()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var intake = services.GetRequiredService<PetitionIntakeService>();

        var online = await intake.SubmitAsync(new PetitionSubmission(PetitionChannel.Online)
        {
            CategoryCode = "01", // a category with items is not selectable
            Description = "短",
            ContactPhone = "12345",
            Attachments = [new PetitionUpload("photo.jpg", "not an image"u8.ToArray())],
        }, null, default);
        var outside = await intake.SubmitAsync(Online() with { Longitude = 120.0, Latitude = 30.0 }, null, default);
        var field = await intake.SubmitAsync(Online() with { Channel = PetitionChannel.Field, Longitude = null, Latitude = null, GridUnitCode = "D-01-01-01" }, null, default);
        var reception = await intake.SubmitAsync(Online() with { Channel = PetitionChannel.Reception, ContactName = null }, null, default);

        Assert.Equal(["attachments", "categoryCode", "contactPhone", "description", "location"], online.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["location"], outside.Errors.Keys);
        Assert.Equal(["location"], field.Errors.Keys);
        Assert.Equal(["contactName"], reception.Errors.Keys);
        Assert.Equal(0, await services.GetRequiredService<TenantDbContext>().Set<Petition>().CountAsync());
    }

    [Fact]
    public async Task Reception_makes_the_receiver_first_responder_and_the_field_report_finds_its_grid_from_the_device()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var intake = services.GetRequiredService<PetitionIntakeService>();

        var visit = await intake.SubmitAsync(Online() with
        {
            Channel = PetitionChannel.Reception,
            Longitude = null,
            Latitude = null,
            GridUnitCode = "D-02-01",
            PeopleInvolved = "张某、李某",
            OnTheSpotHandling = "已安抚情绪",
            ReceptionOpinion = "建议转司法所调解",
        }, await PrincipalAsync(services, "street"), default);
        var report = await intake.SubmitAsync(Online() with
        {
            Channel = PetitionChannel.Field,
            Attachments = [new PetitionUpload("IMG_0001.JPG", Png())],
        }, await PrincipalAsync(services, "worker"), default);

        Assert.True(visit.Succeeded);
        Assert.Equal("street", visit.Petition!.FirstResponder);
        Assert.Equal("D-02", visit.Petition.HandlingUnitCode);
        Assert.Equal("建议转司法所调解", visit.Petition.ReceptionOpinion);
        Assert.True(report.Succeeded);
        Assert.Equal("D-01-01-01", report.Petition!.GridUnitCode);
        Assert.Null(report.Petition.CitizenUserId);

        var attachment = await services.GetRequiredService<TenantDbContext>().Set<PetitionAttachment>().SingleAsync();
        Assert.StartsWith($"petitions/{report.Petition.Id}/", attachment.Path, StringComparison.Ordinal);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.NotNull(services.GetRequiredService<ITenantFiles>().OpenRead(attachment.Path));
        var response = await host.Client().GetAsync($"/alpha/media/{attachment.Path}");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_transfer_waits_for_a_leader_and_several_departments_co_handle_under_a_lead()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var workflow = services.GetRequiredService<PetitionWorkflow>();
        var id = (await services.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online() with { CategoryCode = "0202" }, null, default)).Petition!.Id;
        var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));
        var leader = PetitionActor.Staff(await PrincipalAsync(services, "leader"));
        var dept = PetitionActor.Staff(await PrincipalAsync(services, "dept"));

        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Confirm), staff, default));
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Assess), staff, default));
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.RequestTransfer) { Department = "zhujian" }, staff, default));
        var staffApproves = await workflow.ExecuteAsync(id, new(PetitionTrigger.ApproveTransfer), staff, default);
        Assert.Equal(PetitionCommandStatus.Forbidden, staffApproves.Status);
        var routeWhilePending = await workflow.ExecuteAsync(id, new(PetitionTrigger.AssignUnit) { UnitCode = "D-01-01-01" }, staff, default);
        Assert.Equal(PetitionCommandStatus.NotAllowed, routeWhilePending.Status);

        var approved = await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.ApproveTransfer) { Note = "同意" }, leader, default));
        Assert.Equal("zhujian", approved.Petition!.HandlingDepartment);
        Assert.Null(approved.Petition.PendingTransferDepartment);

        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Accept), dept, default));
        var tooFew = await workflow.ExecuteAsync(id, new(PetitionTrigger.CoHandle) { Departments = ["zhujian"], LeadDepartment = "zhujian" }, dept, default);
        Assert.Contains("departments", tooFew.Errors!.Keys);
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.CoHandle) { Departments = ["zhujian", "chengguan", "sifa"], LeadDepartment = "zhujian" }, dept, default));
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.ReportPart) { Department = "chengguan", Note = "已拆除违建" }, dept, default));
        var early = await workflow.ExecuteAsync(id, new(PetitionTrigger.Complete) { PublicReply = "已办结" }, dept, default);
        Assert.Equal(PetitionCommandStatus.NotAllowed, early.Status);
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.ReportPart) { Department = "sifa", Note = "已组织调解" }, dept, default));
        await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.ReportPart) { Department = "zhujian", Note = "已督促物业整改" }, dept, default));
        var done = await Ok(workflow.ExecuteAsync(id, new(PetitionTrigger.Complete) { PublicReply = "物业已整改，违建已拆除。" }, dept, default));

        Assert.Equal(PetitionStage.Feedback, done.Petition!.Stage);
        var parts = await services.GetRequiredService<TenantDbContext>().Set<PetitionCoHandler>().Where(c => c.PetitionId == id).ToListAsync();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.NotNull(p.ReportedUtc));
        Assert.Single(parts, p => p.IsLead);
    }

    [Fact]
    public async Task A_petition_sent_to_a_room_is_taken_by_its_module_and_the_loop_goes_on_when_the_room_reports()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        var recipe = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(host.TenantsPath, "alpha", "recipe.json")))!;
        recipe["steps"]![0]!["enable"]!.AsArray().Add("Test.PetitionRoom");
        host.WriteFile("alpha/recipe.json", recipe.ToJsonString());
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var workflow = services.GetRequiredService<PetitionWorkflow>();
        var petition = (await services.GetRequiredService<PetitionIntakeService>().SubmitAsync(Online(), null, default)).Petition!;
        var staff = PetitionActor.Staff(await PrincipalAsync(services, "staff"));

        await Ok(workflow.ExecuteAsync(petition.Id, new(PetitionTrigger.Confirm), staff, default));
        await Ok(workflow.ExecuteAsync(petition.Id, new(PetitionTrigger.Assess), staff, default));
        var unknownRoom = await workflow.ExecuteAsync(petition.Id, new(PetitionTrigger.SendToRoom) { Room = "sauna" }, staff, default);
        Assert.Contains("room", unknownRoom.Errors!.Keys);
        var sent = await Ok(workflow.ExecuteAsync(petition.Id, new(PetitionTrigger.SendToRoom) { Room = PetitionRooms.Mediation, Note = "邻里纠纷，请调解" }, staff, default));

        Assert.Equal($"dispute-{petition.Id}", sent.Petition!.RoomReference);
        var referral = Assert.Single(services.GetRequiredService<RoomReferrals>().Received);
        Assert.Equal(petition.TrackingNumber, referral.TrackingNumber);
        Assert.Equal("邻里纠纷，请调解", referral.Note);
        Assert.Equal(PetitionCommandStatus.NotAllowed, (await workflow.ExecuteAsync(petition.Id, new(PetitionTrigger.Accept), staff, default)).Status);

        var loop = services.GetRequiredService<IPetitionLoop>();
        Assert.False(await loop.ReportRoomOutcomeAsync(petition.Id, PetitionRooms.Legal, true, "wrong room", null));
        Assert.True(await loop.ReportRoomOutcomeAsync(petition.Id, PetitionRooms.Mediation, true, "双方达成调解协议", "经调解，双方已达成协议。"));

        var after = await services.GetRequiredService<TenantDbContext>().Set<Petition>().AsNoTracking().SingleAsync(p => p.Id == petition.Id);
        Assert.Equal(PetitionStage.Feedback, after.Stage);
        Assert.Equal("经调解，双方已达成协议。", after.PublicReply);
    }

    [Fact]
    public async Task Another_module_files_a_referral_through_the_intake_contract()
    {
        await using var host = new TestHost().WithPetitionTenant("alpha");
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var intake = scope.ServiceProvider.GetRequiredService<IPetitionIntake>();

        var receipt = await intake.FileReferralAsync(new("0201", "夜间接访：居民反映楼道堆物", "13800001111", "王先生", "D-01-01-02", "evening-reception:7", "er-7"));
        var again = await intake.FileReferralAsync(new("0201", "夜间接访：居民反映楼道堆物", "13800001111", "王先生", "D-01-01-02", "evening-reception:7", "er-7"));

        Assert.False(receipt.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(receipt.TrackingNumber, again.TrackingNumber);
        await Assert.ThrowsAsync<ArgumentException>(() => intake.FileReferralAsync(new("9999", "x", "1", null, null, "test")));
        var petition = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Petition>().AsNoTracking().SingleAsync();
        Assert.Equal(PetitionChannel.Referral, petition.Channel);
        Assert.Equal("D-01-01", petition.HandlingUnitCode);
    }

    private static async Task<PetitionCommandResult> Ok(Task<PetitionCommandResult> command)
    {
        var result = await command;
        Assert.True(result.Succeeded, $"{result.Status}: {string.Join("; ", (result.Errors ?? new Dictionary<string, BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}"))}");
        return result;
    }

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(16, 12);
        bitmap.Erase(SKColors.SeaGreen);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
