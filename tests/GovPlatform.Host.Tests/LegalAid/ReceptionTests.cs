using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Receptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// Evening receptions: plan, sign up, withdraw, cancel (texts), record outcomes (a petition filed once, a consultation
/// made), the last place taken by exactly one resident on both providers, the public page without residents' data,
/// scope and tenant isolation.
/// </summary>
public sealed class ReceptionTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTime Local(int day, int hour) => new(2026, 9, day, hour, 0, 0, DateTimeKind.Unspecified);

    private static ReceptionInput Plan(string unit = "D-01-01", int capacity = 2, string title = "一社区夜间接访") =>
        new(title, unit, "一社区党群服务中心", Local(24, 19), Local(24, 21), capacity,
            [new("张代表", DeputyRole.PeoplesDeputy, "区人大代表"), new("李委员", DeputyRole.CppccMember, "区政协委员、某公司总经理")]);

    private static SignUpRequest SignUp(long id, string phone, string name = "陈阿姨") =>
        new(id, name, phone, MatterType.Housing, "小区电梯长期失修，物业不处理。", "D-01-01-01");

    private static async Task<(TestHost Host, ManualClock Clock)> StartAsync(string provider = "Sqlite", bool second = false)
    {
        var clock = new ManualClock(LegalAidTestData.Monday);
        var host = new TestHost().WithLegalAidTenant("alpha");
        if (second)
        {
            host.WithLegalAidTenant("beta");
        }

        host = await host.WithClock(clock).WithProviderAsync(provider);
        host.Start();
        return (host, clock);
    }

    private static async Task<EveningReception> PlanAsync(TestHost host, string user = "street1", ReceptionInput? input = null, string tenant = "alpha")
    {
        await using var scope = await host.ScopeAsync(tenant);
        var result = await scope.ServiceProvider.GetRequiredService<ReceptionService>()
            .PlanAsync(input ?? Plan(), await PrincipalAsync(scope.ServiceProvider, user));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors?.Values.Select(e => e.English) ?? []));
        return result.Reception!;
    }

    [Fact]
    public async Task A_reception_is_planned_signed_up_for_withdrawn_held_and_its_outcomes_recorded()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var reception = await PlanAsync(host);
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(Local(24, 19), Shanghai), reception.StartsUtc);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var service = scope.ServiceProvider.GetRequiredService<ReceptionService>();
            var worker = await PrincipalAsync(scope.ServiceProvider, "street");

            // Bad plans: a morning, an end before the start, too many places, no deputies; a unit outside the user's area.
            var bad = await service.PlanAsync(Plan() with { StartsLocal = Local(24, 9), Capacity = 201, Deputies = [] }, await PrincipalAsync(scope.ServiceProvider, "street1"));
            Assert.Equal(ReceptionResultStatus.Invalid, bad.Status);
            Assert.Equal(["capacity", "deputies", "startsLocal"], bad.Errors!.Keys.Order());
            var backwards = await service.PlanAsync(Plan() with { EndsLocal = Local(24, 18) }, await PrincipalAsync(scope.ServiceProvider, "street1"));
            Assert.Contains("endsLocal", backwards.Errors!.Keys);
            Assert.Equal(ReceptionResultStatus.Forbidden, (await service.PlanAsync(Plan(), worker)).Status);

            var first = await service.SignUpAsync(SignUp(reception.Id, "13900000001"), null);
            Assert.True(first.Succeeded);
            Assert.Matches("^[2-9A-HJ-NP-Z]{8}$", first.Matter!.Code);
            Assert.Equal(ReceptionResultStatus.NotAllowed, (await service.SignUpAsync(SignUp(reception.Id, "13900000001"), null)).Status);
            Assert.True((await service.SignUpAsync(SignUp(reception.Id, "13900000002", "王伯"), null)).Succeeded);
            Assert.Equal(ReceptionResultStatus.Full, (await service.SignUpAsync(SignUp(reception.Id, "13900000003"), null)).Status);
            Assert.Equal(ReceptionResultStatus.Invalid, (await service.SignUpAsync(SignUp(reception.Id, "123") with { Matter = new string('x', 2001) }, null)).Status);

            // Withdrawing needs the code with its phone, and gives the place back.
            Assert.Equal(ReceptionResultStatus.NotFound, (await service.WithdrawAsync(first.Matter.Code, "13900000002")).Status);
            Assert.True((await service.WithdrawAsync(first.Matter.Code, "13900000001")).Succeeded);
            Assert.Equal(1, await service.PlacesTakenAsync(reception.Id));
            Assert.True((await service.SignUpAsync(SignUp(reception.Id, "13900000003", "刘姐"), null)).Succeeded);
        }

        // The night: outcomes cannot be recorded before it begins.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var service = scope.ServiceProvider.GetRequiredService<ReceptionService>();
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var street1 = await PrincipalAsync(scope.ServiceProvider, "street1");
            var matters = await db.Set<ReceptionMatter>().AsNoTracking().Where(m => m.Status == ReceptionMatterStatus.Registered).OrderBy(m => m.Id).ToListAsync();
            var deputy = (await db.Set<ReceptionDeputy>().AsNoTracking().FirstAsync(d => d.ReceptionId == reception.Id)).Id;
            Assert.Equal(ReceptionResultStatus.NotAllowed, (await service.RecordAsync(matters[0].Id, new(true, deputy, ReceptionOutcome.Answered, null), street1)).Status);

            clock.Advance(new DateTimeOffset(2026, 9, 24, 19, 30, 0, TimeSpan.FromHours(8)) - clock.GetUtcNow());
            Assert.Equal(ReceptionResultStatus.NotAllowed, (await service.SignUpAsync(SignUp(reception.Id, "13900000009"), null)).Status);

            // Petition: filed once even when recorded twice, with the matter's key; the number is kept.
            var petition = await service.RecordAsync(matters[0].Id, new(true, deputy, ReceptionOutcome.Petition, "请街道协调物业尽快维修。"), street1);
            Assert.True(petition.Succeeded, string.Join(" ", petition.Errors?.Values.Select(e => e.English) ?? []));
            Assert.NotNull(petition.Matter!.PetitionNumber);
            var again = await service.RecordAsync(matters[0].Id, new(true, deputy, ReceptionOutcome.Petition, "再次登记。"), street1);
            Assert.Equal(petition.Matter.PetitionId, again.Matter!.PetitionId);
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM gp_petitions").SingleAsync());

            // Legal advice makes one consultation linked both ways; a missing deputy or outcome is refused.
            Assert.Equal(ReceptionResultStatus.Invalid, (await service.RecordAsync(matters[1].Id, new(true, null, null, null), street1)).Status);
            var advice = await service.RecordAsync(matters[1].Id, new(true, deputy, ReceptionOutcome.LegalAdvice, "可依据物业服务合同要求履行维修义务。"), street1);
            Assert.True(advice.Succeeded);
            await service.RecordAsync(matters[1].Id, new(true, deputy, ReceptionOutcome.LegalAdvice, "可依据物业服务合同要求履行维修义务。"), street1);
            var consultation = await db.Set<Consultation>().AsNoTracking().SingleAsync();
            Assert.Equal((ConsultationChannel.EveningReception, matters[1].Id, "D-01-01-01"), (consultation.Channel, consultation.ReceptionMatterId, consultation.GridUnitCode));
            Assert.Equal(consultation.Id, advice.Matter!.ConsultationId);
            Assert.StartsWith("ZX20260924", consultation.Number, StringComparison.Ordinal);

            // A walk-in on the night, absent, then held.
            var walkIn = await service.AddWalkInAsync(SignUp(reception.Id, "13900000010", "路过的居民"), street1);
            Assert.True(walkIn.Succeeded);
            Assert.True((await service.RecordAsync(walkIn.Matter!.Id, new(false, null, null, null), street1)).Succeeded);
            var held = await service.MarkHeldAsync(reception.Id, "共接待群众 3 人，转办 1 件。", reception.Version, street1);
            Assert.True(held.Succeeded);
            Assert.Equal(ReceptionResultStatus.Stale, (await service.MarkHeldAsync(reception.Id, "again", reception.Version, street1)).Status);
        }

        var audit = await host.AuditAsync("alpha", "legalaid");
        Assert.Contains(audit, a => a.Action == "reception-plan");
        Assert.Contains(audit, a => a.Action == "reception-withdraw");
        Assert.Contains(audit, a => a.Action == "reception-held");
        Assert.Equal(5, audit.Count(a => a.Action == "reception-record"));   // petition twice, advice twice, absent
    }

    [Fact]
    public async Task The_petition_outcome_is_refused_clearly_when_the_hall_is_off()
    {
        var (host, clock) = await StartAsync();
        await using var _ = host;
        var reception = await PlanAsync(host);
        long matterId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            matterId = (await scope.ServiceProvider.GetRequiredService<ReceptionService>().SignUpAsync(SignUp(reception.Id, "13900000001"), null)).Matter!.Id;
        }

        var off = await host.ChangeFeaturesAsync("alpha", disable: ["GovPlatform.Petitions"]);
        if (off.StatusCode != HttpStatusCode.OK)
        {
            // Legal aid does not depend on the hall, so it can be turned off; anything else is a setup problem worth seeing.
            Assert.Fail(await off.Content.ReadAsStringAsync());
        }

        clock.Advance(new DateTimeOffset(2026, 9, 24, 19, 30, 0, TimeSpan.FromHours(8)) - clock.GetUtcNow());
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var service = scope.ServiceProvider.GetRequiredService<ReceptionService>();
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var deputy = (await db.Set<ReceptionDeputy>().AsNoTracking().FirstAsync()).Id;
            var refused = await service.RecordAsync(matterId, new(true, deputy, ReceptionOutcome.Petition, null), await PrincipalAsync(scope.ServiceProvider, "street1"));
            Assert.Equal(ReceptionResultStatus.NotAllowed, refused.Status);
            Assert.Contains("petitions hall is off", refused.Errors!["outcome"].English, StringComparison.Ordinal);
            Assert.Equal(ReceptionMatterStatus.Registered, (await db.Set<ReceptionMatter>().AsNoTracking().SingleAsync()).Status);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Thirty_residents_signing_up_for_the_last_place_at_once_take_it_once(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _ = host;
        var reception = await PlanAsync(host, input: Plan(capacity: 1));

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = await host.ScopeAsync("alpha");
            return await scope.ServiceProvider.GetRequiredService<ReceptionService>().SignUpAsync(SignUp(reception.Id, $"139{i:D8}"), null);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ReceptionResultStatus.Full, r.Status));
        await using var check = await host.ScopeAsync("alpha");
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<TenantDbContext>().Set<ReceptionMatter>().CountAsync());
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<ReceptionService>().PlacesTakenAsync(reception.Id));
    }

    [Fact]
    public async Task Cancelling_texts_the_residents_signed_up_and_not_those_who_withdrew()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        var reception = await PlanAsync(host);
        await using var scope = await host.ScopeAsync("alpha");
        var service = scope.ServiceProvider.GetRequiredService<ReceptionService>();
        await service.SignUpAsync(SignUp(reception.Id, "13900000001"), null);
        var gone = await service.SignUpAsync(SignUp(reception.Id, "13900000002"), null);
        await service.WithdrawAsync(gone.Matter!.Code, "13900000002");
        var street1 = await PrincipalAsync(scope.ServiceProvider, "street1");

        Assert.Equal(ReceptionResultStatus.Invalid, (await service.CancelAsync(reception.Id, "", reception.Version, street1)).Status);
        Assert.Equal(ReceptionResultStatus.Stale, (await service.CancelAsync(reception.Id, "暴雨预警", reception.Version + 1, street1)).Status);
        Assert.True((await service.CancelAsync(reception.Id, "暴雨红色预警", reception.Version, street1)).Succeeded);
        Assert.Single(host.Logs, l => l.Contains("sms message to 13900000001", StringComparison.Ordinal) && l.Contains("暴雨红色预警", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Contains("sms message to 13900000002", StringComparison.Ordinal));
        Assert.Equal(ReceptionResultStatus.NotAllowed, (await service.SignUpAsync(SignUp(reception.Id, "13900000003"), null)).Status);
    }

    [Fact]
    public async Task The_public_page_lists_who_receives_and_signs_up_without_showing_residents()
    {
        var (host, clock) = await StartAsync(second: true);
        await using var _ = host;
        var reception = await PlanAsync(host);
        await PlanAsync(host, "admin", Plan(title: "贝塔街道接访"), "beta");
        var client = host.Client();

        var page = await client.GetStringAsync("/alpha/legal/receptions");
        Assert.Contains("一社区夜间接访", page, StringComparison.Ordinal);
        Assert.Contains("张代表", page, StringComparison.Ordinal);
        Assert.Contains("区政协委员、某公司总经理", page, StringComparison.Ordinal);
        Assert.DoesNotContain("贝塔街道接访", page, StringComparison.Ordinal);

        var signed = await IdentityTestSupport.PostFormAsync(client, "/alpha/legal/receptions", $"/alpha/legal/receptions/{reception.Id}/signup",
            ("residentName", "陈阿姨"), ("phone", "13911112222"), ("matterType", "Housing"), ("matter", "小区电梯长期失修，物业不处理。"), ("gridUnitCode", ""));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Contains("code=", signed.Headers.Location!.ToString(), StringComparison.Ordinal);
        var bad = await IdentityTestSupport.PostFormAsync(client, "/alpha/legal/receptions", $"/alpha/legal/receptions/{reception.Id}/signup",
            ("residentName", "王伯"), ("phone", "12"), ("matterType", "Housing"), ("matter", "电梯的事情很急。"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("11 位手机号码", badPage, StringComparison.Ordinal);
        Assert.Contains("电梯的事情很急。", badPage, StringComparison.Ordinal);

        // After the evening, held: counts only.
        clock.Advance(new DateTimeOffset(2026, 9, 24, 22, 0, 0, TimeSpan.FromHours(8)) - clock.GetUtcNow());
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var service = scope.ServiceProvider.GetRequiredService<ReceptionService>();
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var street1 = await PrincipalAsync(scope.ServiceProvider, "street1");
            var matter = await db.Set<ReceptionMatter>().AsNoTracking().SingleAsync();
            var deputy = (await db.Set<ReceptionDeputy>().AsNoTracking().FirstAsync()).Id;
            Assert.True((await service.RecordAsync(matter.Id, new(true, deputy, ReceptionOutcome.Petition, "转街道办理。"), street1)).Succeeded);
            Assert.True((await service.MarkHeldAsync(reception.Id, "接待 1 人。", reception.Version, street1)).Succeeded);
        }

        var past = await client.GetStringAsync("/alpha/legal/receptions");
        Assert.Contains("以往接访", past, StringComparison.Ordinal);
        foreach (var secret in new[] { "陈阿姨", "13911112222", "1391111", "电梯长期失修", "转街道办理" })
        {
            Assert.DoesNotContain(secret, past, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Staff_see_and_change_only_receptions_of_their_area()
    {
        var (host, _) = await StartAsync(second: true);
        await using var _ = host;
        var d01 = await PlanAsync(host);
        var d02 = await PlanAsync(host, "street", Plan("D-02-01", title: "二街道二社区接访"));
        await PlanAsync(host, "admin", Plan(title: "贝塔街道接访"), "beta");

        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var list = await street.GetStringAsync("/alpha/admin/legal/receptions");
        Assert.Contains("二街道二社区接访", list, StringComparison.Ordinal);
        Assert.DoesNotContain("一社区夜间接访", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"/alpha/admin/legal/receptions/{d01.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await street.GetAsync($"/alpha/admin/legal/receptions/{d02.Id}")).StatusCode);
        var forged = await IdentityTestSupport.PostFormAsync(street, $"/alpha/admin/legal/receptions/{d02.Id}", $"/alpha/admin/legal/receptions/{d01.Id}/cancel",
            ("reason", "不该能取消"), ("version", "1"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);   // outside the area, as if it did not exist
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(ReceptionStatus.Planned, (await db.Set<EveningReception>().AsNoTracking().SingleAsync(r => r.Id == d01.Id)).Status);
        }


        var planned = await IdentityTestSupport.PostFormAsync(street, "/alpha/admin/legal/receptions/new", "/alpha/admin/legal/receptions/new",
            ("title", "二街道夜访"), ("gridUnitCode", "D-02"), ("place", "二街道办事处"), ("startsLocal", "2026-09-25T19:00"), ("endsLocal", "2026-09-25T21:00"),
            ("capacity", "10"), ("deputyName", "赵代表"), ("deputyRole", "PartyDelegate"), ("deputyTitle", "街道党代表"));
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var refused = await IdentityTestSupport.PostFormAsync(street, "/alpha/admin/legal/receptions/new", "/alpha/admin/legal/receptions/new",
            ("title", "越界"), ("gridUnitCode", "D-01"), ("place", "一街道"), ("startsLocal", "2026-09-25T19:00"), ("endsLocal", "2026-09-25T21:00"),
            ("capacity", "10"), ("deputyName", "赵代表"), ("deputyRole", "PartyDelegate"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("贝塔街道接访", await admin.GetStringAsync("/alpha/admin/legal/receptions"), StringComparison.Ordinal);
    }
}
