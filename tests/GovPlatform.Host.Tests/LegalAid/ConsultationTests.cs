using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Applications;
using GovPlatform.LegalAid.Consultations;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// Consultations: recorded at a kept appointment (linked both ways, once only), edited with the version check, follow-ups
/// due and done, seen by staff over the unit and by the consultation's lawyer only, turned into an application, and
/// kept within their tenant.
/// </summary>
public sealed class ConsultationTests
{
    private static ConsultationInput Walk(long? stationId, string? unit = null, long? lawyerId = null) => new()
    {
        Channel = ConsultationChannel.WalkIn,
        StationId = stationId,
        GridUnitCode = unit,
        LawyerId = lawyerId,
        CitizenName = "黄女士",
        Phone = "13700001111",
        MatterType = MatterType.Family,
        Matter = "离婚后子女抚养费如何主张？",
        Advice = "可协商，协商不成可向法院起诉要求支付抚养费。",
        Outcome = ConsultationOutcome.Advised,
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_consultation_at_an_appointment_marks_it_kept_links_both_and_cannot_be_recorded_twice(string provider)
    {
        var clock = new ManualClock(LegalAidTestData.Monday);
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var seeded = await LegalAidTestData.SeedAsync(services);
        var tuesday = new DateTimeOffset(2026, 9, 22, 9, 0, 0, TimeSpan.FromHours(8)).UtcDateTime;
        var booked = await services.GetRequiredService<BookingService>().BookAsync(
            new BookingRequest(ProviderKind.Station, seeded.StreetCentreId, tuesday, "陈先生", "13911112222", MatterType.Labour, "拖欠工资", null), null);
        Assert.True(booked.Succeeded);
        clock.Advance(TimeSpan.FromHours(25.25));   // Tuesday 09:15

        var service = services.GetRequiredService<ConsultationService>();
        var street1 = await PrincipalAsync(services, "street1");
        var prefilled = await service.FromAppointmentAsync(booked.Appointment!.Id, street1);
        Assert.Equal("陈先生", prefilled!.CitizenName);
        Assert.Equal(seeded.StreetCentreId, prefilled.StationId);
        var input = prefilled with { Advice = "可向劳动仲裁委申请仲裁。", Outcome = ConsultationOutcome.AidApplication };
        var recorded = await service.RecordAsync(input, street1);
        Assert.True(recorded.Succeeded, string.Join("; ", recorded.Errors?.Select(e => $"{e.Key}: {e.Value.English}") ?? []));
        Assert.Equal(ConsultationChannel.Appointment, recorded.Value!.Channel);
        Assert.Equal("D-01", recorded.Value.GridUnitCode);

        var db = services.GetRequiredService<TenantDbContext>();
        var appointment = await db.Set<Appointment>().AsNoTracking().SingleAsync(a => a.Id == booked.Appointment.Id);
        Assert.Equal(AppointmentStatus.Kept, appointment.Status);
        Assert.Equal(recorded.Value.Id, appointment.ConsultationId);

        var again = await service.RecordAsync(input, street1);
        Assert.False(again.Succeeded);
        Assert.Equal(1, await db.Set<Consultation>().CountAsync());

        // The unique index stops a second record even when the link was not seen (two tabs at once).
        await db.Set<Appointment>().Where(a => a.Id == appointment.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.ConsultationId, (long?)null));
        var race = await service.RecordAsync(input, street1);
        Assert.Equal(LegalStatus.NotAllowed, race.Status);
        Assert.Equal(1, await db.Set<Consultation>().CountAsync());

        // Staff of another street cannot record at this appointment's station.
        var street = await PrincipalAsync(services, "street");
        Assert.Equal(LegalStatus.Forbidden, (await service.RecordAsync(Walk(seeded.StreetCentreId), street)).Status);
    }

    [Fact]
    public async Task Edits_check_the_version_follow_ups_come_due_and_only_the_unit_and_the_lawyer_see_a_consultation()
    {
        var clock = new ManualClock(LegalAidTestData.Monday);
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithLegalAidTenant("beta").WithClock(clock).WithProviderAsync("Sqlite");
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var seeded = await LegalAidTestData.SeedAsync(services);
            var service = services.GetRequiredService<ConsultationService>();
            var lawyer1 = await PrincipalAsync(services, "lawyer1");
            var lawyer2 = await PrincipalAsync(services, "lawyer2");

            var bad = await service.RecordAsync(Walk(null) with { Advice = "", CitizenName = "" }, lawyer1);
            Assert.Equal(LegalStatus.Invalid, bad.Status);
            Assert.True(bad.Errors!.ContainsKey("stationId") && bad.Errors.ContainsKey("advice") && bad.Errors.ContainsKey("citizenName"));
            var recorded = await service.RecordAsync(Walk(null, "D-01-01", seeded.AdviserLawyerId) with { FollowUp = "一周后电话回访", FollowUpOn = new DateOnly(2026, 9, 28) }, lawyer1);
            Assert.True(recorded.Succeeded);
            id = recorded.Value!.Id;
            // The other lawyer, outside the community, neither sees nor records there.
            Assert.Null(await service.FindVisibleAsync(id, lawyer2));
            Assert.Equal(LegalStatus.Forbidden, (await service.RecordAsync(Walk(null, "D-01-01"), lawyer2)).Status);
            Assert.DoesNotContain((await service.ListAsync(new ConsultationFilter(), lawyer2)).Items, c => c.Id == id);
            Assert.NotNull(await service.FindVisibleAsync(id, await PrincipalAsync(services, "staff")));

            var stale = await service.EditAsync(id, Walk(null, "D-01-01", seeded.AdviserLawyerId) with { Advice = "改" }, 7, lawyer1);
            Assert.Equal(LegalStatus.Stale, stale.Status);
            var edited = await service.EditAsync(id, Walk(null, "D-01-01", seeded.AdviserLawyerId) with { Outcome = ConsultationOutcome.Litigation, FollowUp = "一周后电话回访", FollowUpOn = new DateOnly(2026, 9, 28) }, 1, lawyer1);
            Assert.True(edited.Succeeded);
            Assert.Equal(2, edited.Value!.Version);

            Assert.Empty((await service.ListAsync(new ConsultationFilter(FollowUpsDue: true), lawyer1)).Items);
            clock.Advance(TimeSpan.FromDays(7));
            Assert.Single((await service.ListAsync(new ConsultationFilter(FollowUpsDue: true), lawyer1)).Items);
            Assert.True((await service.FollowUpDoneAsync(id, "已回访，当事人已起诉", lawyer1)).Succeeded);
            Assert.Empty((await service.ListAsync(new ConsultationFilter(FollowUpsDue: true), lawyer1)).Items);
            Assert.Equal(LegalStatus.NotAllowed, (await service.FollowUpDoneAsync(id, null, lawyer1)).Status);

            Assert.Single((await service.ListAsync(new ConsultationFilter(MatterType: MatterType.Family, Outcome: ConsultationOutcome.Litigation, Text: "黄"), lawyer1)).Items);
            Assert.Empty((await service.ListAsync(new ConsultationFilter(Channel: ConsultationChannel.Phone), lawyer1)).Items);

            // An application from the consultation links both and sets the outcome.
            var applications = services.GetRequiredService<AidApplicationService>();
            var admin = await PrincipalAsync(services, "admin");
            var from = await applications.FromConsultationAsync(id, admin);
            var submitted = await applications.SubmitAsync(from! with { StationId = seeded.DistrictCentreId, IdNumber = "440104195501011230", CaseKind = AidCaseKind.Civil, HouseholdSize = 1, MonthlyIncomeFen = 100_000 }, admin);
            Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors?.Select(e => $"{e.Key}: {e.Value.English}") ?? []));
            var linked = await services.GetRequiredService<TenantDbContext>().Set<Consultation>().AsNoTracking().SingleAsync(c => c.Id == id);
            Assert.Equal(submitted.Value!.Id, linked.ApplicationId);
            Assert.Equal(ConsultationOutcome.AidApplication, linked.Outcome);
            Assert.False((await applications.SubmitAsync(from! with { StationId = seeded.DistrictCentreId, IdNumber = "440104195501011230", HouseholdSize = 1 }, admin)).Succeeded);
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        Assert.Contains("黄女士", await staff.GetStringAsync("/alpha/admin/legal/consultations"), StringComparison.Ordinal);
        Assert.Contains("黄女士", await staff.GetStringAsync($"/alpha/admin/legal/consultations/{id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/alpha/admin/legal/consultations/new")).StatusCode);
        var lawyer2Client = await host.SignedInAsync("alpha", "lawyer2", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await lawyer2Client.GetAsync($"/alpha/admin/legal/consultations/{id}")).StatusCode);

        await using (var beta = await host.ScopeAsync("beta"))
        {
            Assert.Equal(0, await beta.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Consultation>().CountAsync());
        }

        var betaAdmin = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await betaAdmin.GetAsync($"/beta/admin/legal/consultations/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_form_records_a_consultation_and_keeps_the_input_on_errors()
    {
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithClock(new ManualClock(LegalAidTestData.Monday)).WithProviderAsync("Sqlite");
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await LegalAidTestData.SeedAsync(scope.ServiceProvider);
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        const string page = "/alpha/admin/legal/consultations/new";
        (string, string)[] fields = [("channel", "WalkIn"), ("gridUnitCode", "D-01-01"), ("citizenName", "黄女士"), ("matterType", "Family"), ("matter", "抚养费问题"), ("outcome", "Advised")];
        var refused = await IdentityTestSupport.PostFormAsync(staff, page, page, [.. fields, ("advice", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("抚养费问题", html, StringComparison.Ordinal);
        Assert.Contains("请填写解答意见", html, StringComparison.Ordinal);
        var saved = await IdentityTestSupport.PostFormAsync(staff, page, page, [.. fields, ("advice", "可起诉。")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("done=recorded", saved.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
