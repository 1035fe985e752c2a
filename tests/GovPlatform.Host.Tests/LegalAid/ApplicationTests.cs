using System.Net;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Applications;
using GovPlatform.LegalAid.Consultations;
using GovPlatform.LegalAid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// Legal aid applications: the means test's arithmetic, every allowed and refused step of the review flow, the decision
/// deadline on the tenant's calendar, documents checked by their bytes and read only by those with the right, personal
/// data masked for staff without Review and hidden from other lawyers, reads audited, decision texts sent.
/// </summary>
public sealed class ApplicationTests
{
    private const string IdNumber = "440104198001011238";
    private const string Phone = "13922223333";

    /// <summary>Friday 2026-09-25 10:00 Shanghai: the week's last working day before the make-up Sunday and National Day.</summary>
    private static readonly DateTimeOffset Friday = new(2026, 9, 25, 10, 0, 0, TimeSpan.FromHours(8));

    private static AidSubmission Submission(long stationId, long incomeFen = 300_000, int household = 2, AidExemptions exemptions = AidExemptions.None) => new()
    {
        StationId = stationId,
        ApplicantName = "陈大明",
        IdNumber = IdNumber,
        Phone = Phone,
        Address = "一街一社区 3 号",
        ApplicantUnitCode = "D-01-01",
        CaseKind = AidCaseKind.Arbitration,
        MatterType = MatterType.Labour,
        Summary = "公司拖欠工资三个月，申请劳动仲裁。",
        OpposingParty = "某某制衣厂",
        HouseholdSize = household,
        MonthlyIncomeFen = incomeFen,
        Exemptions = exemptions,
    };

    /// <summary>A host at <see cref="Friday"/> with the seeded stations and a community room of D-01-01 that takes applications.</summary>
    private static async Task<(TestHost Host, LegalAidTestData.Seeded Seeded, long RoomId)> StartAsync(string provider = "Sqlite")
    {
        var host = await new TestHost().WithLegalAidTenant("alpha").WithClock(new ManualClock(Friday)).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var seeded = await LegalAidTestData.SeedAsync(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var room = new LegalStation
        {
            Code = "room-d0101",
            Kind = StationKind.CommunityRoom,
            Name = "一社区法律服务室",
            EnglishName = "Community 1 legal room",
            GridUnitCode = "D-01-01",
            Address = "一社区居委会",
            Services = LegalServices.Consultation | LegalServices.LegalAid,
            Phone = "020-88886666",
            Active = true,
            UpdatedUtc = DateTime.UtcNow,
            Version = 1,
        };
        db.Add(room);
        await db.SaveChangesAsync();
        return (host, seeded, room.Id);
    }

    [Theory]
    [InlineData(460_000, 2, AidExemptions.None, 230_000, MeansVerdict.Meets)]       // exactly at the limit per person
    [InlineData(459_999, 2, AidExemptions.None, 229_999, MeansVerdict.Meets)]       // under
    [InlineData(460_001, 2, AidExemptions.None, 230_000, MeansVerdict.Fails)]       // one fen over: per person rounds down to the limit, yet fails
    [InlineData(900_000, 1, AidExemptions.None, 900_000, MeansVerdict.Fails)]
    [InlineData(900_000, 1, AidExemptions.UnpaidWages, 900_000, MeansVerdict.Exempt)]
    [InlineData(0, 3, AidExemptions.None, 0, MeansVerdict.Meets)]
    public void The_means_test_compares_income_per_person_with_the_standard(long incomeFen, int household, AidExemptions exemptions, long perPerson, MeansVerdict verdict)
    {
        var test = MeansTest.Evaluate(household, incomeFen, exemptions, 230_000);
        Assert.Equal(verdict, test.Verdict);
        Assert.Equal(perPerson, test.PerPersonFen);
        Assert.Equal(verdict != MeansVerdict.Fails, test.Passes);
        Assert.Contains(verdict switch { MeansVerdict.Meets => "符合经济困难标准", MeansVerdict.Exempt => "免于经济困难审查（农民工", _ => "不符合经济困难标准" }, test.Text.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flow_allows_exactly_the_listed_steps()
    {
        var allowed = new Dictionary<AidStatus, AidTrigger[]>
        {
            [AidStatus.Submitted] = [AidTrigger.RequestDocuments, AidTrigger.AddDocument, AidTrigger.Grant, AidTrigger.Refuse, AidTrigger.Withdraw],
            [AidStatus.MoreDocuments] = [AidTrigger.AddDocument, AidTrigger.Refuse, AidTrigger.Withdraw],
            [AidStatus.Granted] = [AidTrigger.AddDocument, AidTrigger.Assign, AidTrigger.Withdraw],
            [AidStatus.Assigned] = [AidTrigger.AddDocument, AidTrigger.Assign, AidTrigger.Progress, AidTrigger.Close, AidTrigger.Withdraw],
            [AidStatus.Refused] = [],
            [AidStatus.Closed] = [],
            [AidStatus.Withdrawn] = [],
        };
        foreach (var status in Enum.GetValues<AidStatus>())
        {
            Assert.Equal(allowed[status].Order(), AidFlow.Allowed(status).Order());
            foreach (var trigger in Enum.GetValues<AidTrigger>().Except(allowed[status]))
            {
                Assert.Null(AidFlow.Next(status, trigger));
                Assert.Contains(Names.AidStatus(status).Chinese, AidFlow.Refusal(status, trigger).Chinese, StringComparison.Ordinal);
            }
        }

        Assert.Equal(AidStatus.Submitted, AidFlow.Next(AidStatus.MoreDocuments, AidTrigger.AddDocument));
        Assert.Equal(AidStatus.Assigned, AidFlow.Next(AidStatus.Granted, AidTrigger.Assign));
        Assert.Equal(AidStatus.Closed, AidFlow.Next(AidStatus.Assigned, AidTrigger.Close));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_application_goes_through_review_assignment_and_closing_with_each_step_recorded(string provider)
    {
        var (host, seeded, roomId) = await StartAsync(provider);
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var service = services.GetRequiredService<AidApplicationService>();
        var reviewer = await PrincipalAsync(services, "street1");
        var lawyer1 = await PrincipalAsync(services, "lawyer1");
        var staff = await PrincipalAsync(services, "staff");

        var invalid = await service.SubmitAsync(Submission(roomId) with { IdNumber = "440104198001011239", HouseholdSize = 0 }, reviewer);
        Assert.Equal(LegalStatus.Invalid, invalid.Status);
        Assert.True(invalid.Errors!.ContainsKey("idNumber"));
        Assert.True(invalid.Errors.ContainsKey("householdSize"));

        // 6,000 yuan for one person: over the 2,300 standard, no exemption.
        var submitted = await service.SubmitAsync(Submission(roomId, incomeFen: 600_000, household: 1), reviewer);
        Assert.True(submitted.Succeeded);
        var id = submitted.Value!.Id;
        Assert.Equal("D-01-01", submitted.Value.GridUnitCode);

        // Community staff have no Review; granting without the override when the means test fails is refused.
        Assert.Equal(LegalStatus.Forbidden, (await service.StepAsync(id, new AidStep(AidTrigger.Grant, "符合条件"), staff)).Status);
        var noOverride = await service.StepAsync(id, new AidStep(AidTrigger.Grant, "案情紧急"), reviewer);
        Assert.Equal(LegalStatus.Invalid, noOverride.Status);
        Assert.True(noOverride.Errors!.ContainsKey("overrideReason"));
        Assert.Equal(LegalStatus.Invalid, (await service.StepAsync(id, new AidStep(AidTrigger.RequestDocuments), reviewer)).Status);
        Assert.Equal(LegalStatus.NotAllowed, (await service.StepAsync(id, new AidStep(AidTrigger.Assign, LawyerId: seeded.AdviserLawyerId), reviewer)).Status);

        Assert.True((await service.StepAsync(id, new AidStep(AidTrigger.RequestDocuments, "请补充收入证明"), reviewer)).Succeeded);
        Assert.Equal(LegalStatus.NotAllowed, (await service.StepAsync(id, new AidStep(AidTrigger.Grant, "x", "y"), reviewer)).Status);
        var document = await service.AddDocumentAsync(id, new AidUpload(AidDocumentKind.Means, "收入证明.pdf", Pdf()), reviewer);
        Assert.True(document.Succeeded);
        Assert.Equal(AidStatus.Submitted, (await service.FindVisibleAsync(id, reviewer))!.Status);

        var stale = await service.StepAsync(id, new AidStep(AidTrigger.Grant, "农民工讨薪", "欠薪案件优先", ExpectedVersion: 1), reviewer);
        Assert.Equal(LegalStatus.Stale, stale.Status);
        var granted = await service.StepAsync(id, new AidStep(AidTrigger.Grant, "农民工讨薪", "欠薪案件优先"), reviewer);
        Assert.True(granted.Succeeded);
        Assert.Contains("欠薪案件优先", granted.Value!.DecisionReason, StringComparison.Ordinal);

        var inactive = await service.StepAsync(id, new AidStep(AidTrigger.Assign, LawyerId: 999_999), reviewer);
        Assert.True(inactive.Errors!.ContainsKey("lawyerId"));
        Assert.True((await service.StepAsync(id, new AidStep(AidTrigger.Assign, "请尽快联系申请人", LawyerId: seeded.AdviserLawyerId), reviewer)).Succeeded);
        Assert.Equal(LegalStatus.Forbidden, (await service.StepAsync(id, new AidStep(AidTrigger.Close, Result: AidResult.Won), lawyer1)).Status);
        Assert.True((await service.StepAsync(id, new AidStep(AidTrigger.Progress, "已提交仲裁申请"), lawyer1)).Succeeded);
        Assert.Equal(LegalStatus.Invalid, (await service.StepAsync(id, new AidStep(AidTrigger.Close), reviewer)).Status);
        Assert.True((await service.StepAsync(id, new AidStep(AidTrigger.Close, "仲裁支持全部请求", Result: AidResult.Won), reviewer)).Succeeded);
        var afterClose = await service.StepAsync(id, new AidStep(AidTrigger.Withdraw, "撤回"), reviewer);
        Assert.Equal(LegalStatus.NotAllowed, afterClose.Status);
        Assert.Contains("已结案", afterClose.Errors![""].Chinese, StringComparison.Ordinal);

        var db = services.GetRequiredService<TenantDbContext>();
        var events = await db.Set<AidEvent>().AsNoTracking().Where(e => e.ApplicationId == id).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["Submitted", "MoreDocuments", "Document", "Granted", "Assigned", "Progress", "Closed"], events.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, 7), events.Select(e => e.Sequence));

        // Texts on grant and assignment, with the station's phone and no reasons.
        var texts = host.Logs.Where(l => l.Contains($"sms message to {Phone} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, texts.Count);
        Assert.All(texts, t => Assert.Contains("详情请咨询 020-88886666", t, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("欠薪案件优先", StringComparison.Ordinal));

        // A refusal needs its reasons and is final.
        var second = (await service.SubmitAsync(Submission(roomId), reviewer)).Value!.Id;
        Assert.True((await service.StepAsync(second, new AidStep(AidTrigger.Refuse), reviewer)).Errors!.ContainsKey("note"));
        Assert.True((await service.StepAsync(second, new AidStep(AidTrigger.Refuse, "不属于法律援助范围"), reviewer)).Succeeded);
        Assert.Equal(LegalStatus.NotAllowed, (await service.StepAsync(second, new AidStep(AidTrigger.Grant, "x", "y"), reviewer)).Status);
        Assert.Equal(LegalStatus.NotAllowed, (await service.AddDocumentAsync(second, new AidUpload(AidDocumentKind.Other, "a.pdf", Pdf()), reviewer)).Status);
        Assert.Contains(host.Logs, l => l.Contains($"sms message to {Phone} ", StringComparison.Ordinal) && l.Contains("不予法律援助", StringComparison.Ordinal));

        var audit = await host.AuditAsync("alpha", "legalaid");
        Assert.Contains(audit, e => e.Action == "application-granted");
        Assert.Contains(audit, e => e.Action == "application-closed");
    }

    [Fact]
    public async Task The_decision_is_due_seven_working_days_later_on_the_tenant_calendar()
    {
        var (host, _, roomId) = await StartAsync();
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var application = (await services.GetRequiredService<AidApplicationService>().SubmitAsync(Submission(roomId), await PrincipalAsync(services, "street1"))).Value!;

        // From Friday 25 Sept: Sunday 27 (make-up), 28, 29, 30, then 1–7 Oct off, 8, 9 and Monday 12 Oct, at 17:00.
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 17, 0, 0, TimeSpan.FromHours(8)).UtcDateTime, application.DecisionDueUtc);
    }

    [Fact]
    public async Task Documents_are_recognised_by_their_bytes_and_read_only_by_those_with_the_right()
    {
        var (host, seeded, roomId) = await StartAsync();
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var service = services.GetRequiredService<AidApplicationService>();
        var reviewer = await PrincipalAsync(services, "street1");
        var id = (await service.SubmitAsync(Submission(roomId), reviewer)).Value!.Id;

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var renamed = await service.AddDocumentAsync(id, new AidUpload(AidDocumentKind.Identity, "身份证.pdf", png), reviewer);
        Assert.True(renamed.Succeeded);
        Assert.Equal("image/png", renamed.Value!.ContentType);
        Assert.Equal("身份证.png", renamed.Value.FileName);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), renamed.Value.Sha256);

        var text = await service.AddDocumentAsync(id, new AidUpload(AidDocumentKind.Evidence, "证据.pdf", "not a pdf"u8.ToArray()), reviewer);
        Assert.Equal(LegalStatus.Invalid, text.Status);
        Assert.True(text.Errors!.ContainsKey("file"));
        var large = new byte[AidApplicationService.MaxDocumentBytes + 1];
        Pdf().CopyTo(large, 0);
        Assert.Equal(LegalStatus.Invalid, (await service.AddDocumentAsync(id, new AidUpload(AidDocumentKind.Evidence, "big.pdf", large), reviewer)).Status);
        var jpeg = await service.AddDocumentAsync(id, new AidUpload(AidDocumentKind.Evidence, "photo", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), reviewer);
        Assert.Equal("image/jpeg", jpeg.Value!.ContentType);
        var db = services.GetRequiredService<TenantDbContext>();
        Assert.Equal(2, await db.Set<AidDocument>().CountAsync(d => d.ApplicationId == id));

        var opened = await service.OpenDocumentAsync(id, renamed.Value.Id, reviewer);
        Assert.NotNull(opened);
        using (var buffer = new MemoryStream())
        {
            await opened.Value.Content.CopyToAsync(buffer);
            await opened.Value.Content.DisposeAsync();
            Assert.Equal(png, buffer.ToArray());
        }

        // Staff with View but no Review, and lawyers not on the case, cannot read documents.
        Assert.Null(await service.OpenDocumentAsync(id, renamed.Value.Id, await PrincipalAsync(services, "staff")));
        Assert.Null(await service.OpenDocumentAsync(id, renamed.Value.Id, await PrincipalAsync(services, "lawyer1")));
        Assert.Null(await service.OpenDocumentAsync(id, renamed.Value.Id, await PrincipalAsync(services, "lawyer2")));
        Assert.Equal(LegalStatus.Forbidden, (await service.AddDocumentAsync(id, new AidUpload(AidDocumentKind.Evidence, "x.pdf", Pdf()), await PrincipalAsync(services, "staff"))).Status);
    }

    [Fact]
    public async Task Personal_data_is_masked_for_staff_without_review_hidden_from_other_lawyers_and_reads_are_audited()
    {
        var (host, seeded, roomId) = await StartAsync();
        await using var _ = host;
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var service = services.GetRequiredService<AidApplicationService>();
            var reviewer = await PrincipalAsync(services, "street1");
            id = (await service.SubmitAsync(Submission(roomId), reviewer)).Value!.Id;
            Assert.True((await service.StepAsync(id, new AidStep(AidTrigger.Grant, "符合条件", "特殊困难"), reviewer)).Succeeded);
            Assert.True((await service.StepAsync(id, new AidStep(AidTrigger.Assign, LawyerId: seeded.OtherLawyerId), reviewer)).Succeeded);
        }

        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var page = await staff.GetStringAsync($"/alpha/admin/legal/applications/{id}");
        Assert.Contains("陈大明", page, StringComparison.Ordinal);
        Assert.DoesNotContain(IdNumber, page, StringComparison.Ordinal);
        Assert.Contains(GovPlatform.Identifiers.IdNumber.Mask(IdNumber), page, StringComparison.Ordinal);
        Assert.DoesNotContain("¥3,000.00", page, StringComparison.Ordinal);
        var list = await staff.GetStringAsync("/alpha/admin/legal/applications");
        Assert.Contains(GovPlatform.Identifiers.IdNumber.Mask(IdNumber), list, StringComparison.Ordinal);
        Assert.DoesNotContain(IdNumber, list, StringComparison.Ordinal);

        // lawyer2 is on the case; lawyer1 (View over the community only) sees it masked.
        var lawyer2 = await host.SignedInAsync("alpha", "lawyer2", GridTestData.StaffPassword);
        Assert.Contains(IdNumber, await lawyer2.GetStringAsync($"/alpha/admin/legal/applications/{id}"), StringComparison.Ordinal);
        var lawyer1 = await host.SignedInAsync("alpha", "lawyer1", GridTestData.StaffPassword);
        Assert.DoesNotContain(IdNumber, await lawyer1.GetStringAsync($"/alpha/admin/legal/applications/{id}"), StringComparison.Ordinal);

        var reviewerClient = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        var full = await reviewerClient.GetStringAsync($"/alpha/admin/legal/applications/{id}");
        Assert.Contains(IdNumber, full, StringComparison.Ordinal);
        Assert.Contains("符合经济困难标准", full, StringComparison.Ordinal);

        var reads = (await host.AuditAsync("alpha", "legalaid", "read")).Where(e => e.Subject?.StartsWith("application:", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, reads.Count(e => e.Summary == "page: personal data shown"));
        Assert.Equal(2, reads.Count(e => e.Summary == "page: personal data hidden"));
    }

    [Fact]
    public async Task A_lawyer_cannot_read_another_lawyers_case_and_another_tenant_sees_nothing()
    {
        var host = await new TestHost().WithLegalAidTenant("alpha").WithLegalAidTenant("beta").WithClock(new ManualClock(Friday)).WithProviderAsync("Sqlite");
        host.Start();
        await using var _ = host;
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var services = scope.ServiceProvider;
            var seeded = await LegalAidTestData.SeedAsync(services);
            var service = services.GetRequiredService<AidApplicationService>();
            var admin = await PrincipalAsync(services, "admin");
            id = (await service.SubmitAsync(Submission(seeded.DistrictCentreId), admin)).Value!.Id;
            await service.StepAsync(id, new AidStep(AidTrigger.Grant, "符合条件", "特殊困难"), admin);
            await service.StepAsync(id, new AidStep(AidTrigger.Assign, LawyerId: seeded.AdviserLawyerId), admin);
            Assert.NotNull(await service.FindVisibleAsync(id, await PrincipalAsync(services, "lawyer1")));
            Assert.Null(await service.FindVisibleAsync(id, await PrincipalAsync(services, "lawyer2")));
            Assert.Equal(LegalStatus.NotFound, (await service.StepAsync(id, new AidStep(AidTrigger.Progress, "x"), await PrincipalAsync(services, "lawyer2"))).Status);
        }

        var lawyer2 = await host.SignedInAsync("alpha", "lawyer2", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await lawyer2.GetAsync($"/alpha/admin/legal/applications/{id}")).StatusCode);

        await using (var beta = await host.ScopeAsync("beta"))
        {
            Assert.Equal(0, await beta.ServiceProvider.GetRequiredService<TenantDbContext>().Set<AidApplication>().CountAsync());
            Assert.Null(await beta.ServiceProvider.GetRequiredService<AidApplicationService>().FindVisibleAsync(id, await PrincipalAsync(beta.ServiceProvider, "admin")));
        }

        var betaAdmin = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await betaAdmin.GetAsync($"/beta/admin/legal/applications/{id}")).StatusCode);
    }

    private static byte[] Pdf() => "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

    private static class Names
    {
        public static GovPlatform.Localization.BilingualText AidStatus(AidStatus status) => GovPlatform.LegalAid.Services.LegalAidNames.AidStatus(status);
    }
}
