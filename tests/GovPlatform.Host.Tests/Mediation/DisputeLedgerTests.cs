using System.Net;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.PetitionTestData;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>The ledger's pages, privacy of parties, escalation and high-risk alerts.</summary>
public sealed class DisputeLedgerTests
{
    private const string Ledger = "/alpha/admin/mediation";

    private static DisputeRegistration Neighbours(RiskLevel risk = RiskLevel.Low, string key = "k1") => new()
    {
        Type = DisputeType.Neighbourhood,
        Source = DisputeSource.WalkIn,
        Risk = risk,
        Title = "楼道堆物纠纷",
        Description = "赵大妈在楼道堆放杂物，孙先生多次要求清理未果。",
        GridUnitCode = "D-01-01-01",
        Parties = [new(PartyRole.Applicant, "孙先生", "13811112222"), new(PartyRole.Respondent, "赵大妈", null, "110101195001011234")],
        IdempotencyKey = key,
    };

    private static async Task<(Dispute Dispute, MediationTestData.TestBodies Bodies)> RegisterAsync(TestHost host, RiskLevel risk = RiskLevel.Low, string user = "staff", bool seed = true)
    {
        await using var scope = await host.ScopeAsync("alpha");
        var bodies = seed ? await MediationTestData.SeedBodiesAsync(scope.ServiceProvider) : await MediationTestData.BodiesAsync(scope.ServiceProvider);
        var result = await scope.ServiceProvider.GetRequiredService<DisputeLedger>().RegisterAsync(Neighbours(risk), DisputeActor.Staff(await PrincipalAsync(scope.ServiceProvider, user)));
        Assert.True(result.Succeeded, string.Join("; ", (result.Errors ?? new Dictionary<string, GovPlatform.Localization.BilingualText>()).Select(e => e.Value.English)));
        return (result.Dispute!, bodies);
    }

    [Fact]
    public async Task Parties_are_shown_only_to_the_disputes_mediators_and_their_superiors_and_every_read_is_audited()
    {
        await using var host = new TestHost().WithMediationTenant("alpha");
        host.Start();
        var (dispute, bodies) = await RegisterAsync(host);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var ledger = scope.ServiceProvider.GetRequiredService<DisputeLedger>();
            var assigned = await ledger.AssignAsync(dispute.Id, bodies.Studio, bodies.Li, [], null, DisputeActor.Staff(await PrincipalAsync(scope.ServiceProvider, "staff")));
            Assert.True(assigned.Succeeded);
        }

        var page = $"{Ledger}/disputes/{dispute.Id}";
        var elder = await PageAsync(await host.SignedInAsync("alpha", "elder", Password), page);           // the lead mediator
        var street1 = await PageAsync(await host.SignedInAsync("alpha", "street1", Password), page);       // the street above
        var elder2 = await PageAsync(await host.SignedInAsync("alpha", "elder2", Password), page);         // a mediator of the same community, not of this dispute
        var staff = await PageAsync(await host.SignedInAsync("alpha", "staff", Password), page);           // registered it, does not mediate it
        foreach (var html in new[] { elder, street1 })
        {
            Assert.Contains("孙先生", html, StringComparison.Ordinal);
            Assert.Contains("110101195001011234", html, StringComparison.Ordinal);
            Assert.Contains("赵大妈在楼道堆放杂物", html, StringComparison.Ordinal);
        }

        foreach (var html in new[] { elder2, staff })
        {
            Assert.Contains("楼道堆物纠纷", html, StringComparison.Ordinal);
            Assert.Contains("共 2 名当事人", html, StringComparison.Ordinal);
            Assert.DoesNotContain("孙先生", html, StringComparison.Ordinal);
            Assert.DoesNotContain("13811112222", html, StringComparison.Ordinal);
            Assert.DoesNotContain("赵大妈在楼道堆放杂物", html, StringComparison.Ordinal);
        }

        // Another street's admin does not see the dispute at all, nor find it in the list.
        var street = await host.SignedInAsync("alpha", "street", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync(page)).StatusCode);
        Assert.DoesNotContain(dispute.Number, await PageAsync(street, Ledger), StringComparison.Ordinal);
        Assert.Contains(dispute.Number, await PageAsync(await host.SignedInAsync("alpha", "staff", Password), Ledger), StringComparison.Ordinal);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var entries = (await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Category: "mediation", PageSize: 200))).Entries
                .Where(e => e.Subject == dispute.Number && e.Action.StartsWith("read", StringComparison.Ordinal)).ToList();
            Assert.Equal(["elder", "street1"], entries.Where(e => e.Action == "read-parties").Select(e => e.UserName ?? "").Order().ToArray());
            Assert.Equal(["elder2", "staff"], entries.Where(e => e.Action == "read").Select(e => e.UserName ?? "").Order().ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_high_risk_dispute_alerts_the_level_above_and_escalation_goes_community_street_district(string provider)
    {
        await using var host = await new TestHost().WithMediationTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using (var setup = await host.ScopeAsync("alpha"))
        {
            // The street committee's duty phone: where the street hears of alerts at once.
            await MediationTestData.SeedBodiesAsync(setup.ServiceProvider);
            await setup.ServiceProvider.GetRequiredService<TenantDbContext>().Set<MediationBody>().Where(b => b.Code == "d01-committee")
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.Phone, "0417-2881234"));
        }

        var (dispute, bodies) = await RegisterAsync(host, RiskLevel.High, seed: false);
        var texts = SessionTestSupport.Texts(host, "0417-2881234");
        Assert.Contains(dispute.Number, Assert.Single(texts), StringComparison.Ordinal);
        Assert.DoesNotContain("孙先生", texts[0], StringComparison.Ordinal);
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<TenantDbContext>();
        var alert = Assert.Single(await db.Set<MediationAlert>().AsNoTracking().ToListAsync());
        Assert.Equal(AlertKind.HighRisk, alert.Kind);
        Assert.Equal("D-01", alert.UnitCode);              // the street above the community that handles it
        Assert.Equal("D-01-01", alert.SubjectUnitCode);
        Assert.Equal(dispute.Id, alert.DisputeId);

        var ledger = services.GetRequiredService<DisputeLedger>();
        var staff = DisputeActor.Staff(await PrincipalAsync(services, "staff"));
        var street1 = DisputeActor.Staff(await PrincipalAsync(services, "street1"));
        var leader = DisputeActor.Staff(await PrincipalAsync(services, "leader"));
        Assert.Equal(DisputeResultStatus.Invalid, (await ledger.EscalateAsync(dispute.Id, " ", staff)).Status);
        var up = await ledger.EscalateAsync(dispute.Id, "双方情绪激动，社区无法化解", staff);
        Assert.True(up.Succeeded);
        Assert.Equal("D-01", up.Dispute!.HandlingUnitCode);
        Assert.Equal(1, up.Dispute.EscalationCount);
        Assert.Equal(DisputeStatus.Registered, up.Dispute.Status);

        // The community no longer acts on it; the street does, with its own committee.
        Assert.Equal(DisputeResultStatus.Forbidden, (await ledger.AssignAsync(dispute.Id, bodies.Studio, bodies.Li, [], null, staff)).Status);
        Assert.True((await ledger.AssignAsync(dispute.Id, bodies.Committee, bodies.Zhao, [bodies.Li], "街道调委会接手", street1)).Succeeded);
        var top = await ledger.EscalateAsync(dispute.Id, "涉及多个部门", street1);
        Assert.Equal("D", top.Dispute!.HandlingUnitCode);
        Assert.Null(top.Dispute.BodyId);
        Assert.Equal(DisputeResultStatus.Invalid, (await ledger.EscalateAsync(dispute.Id, "再上报", leader)).Status);

        var alerts = await db.Set<MediationAlert>().AsNoTracking().Where(a => a.Kind == AlertKind.Escalated).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["D-01", "D"], alerts.Select(a => a.UnitCode).ToArray());
        var events = await db.Set<DisputeEvent>().AsNoTracking().Where(e => e.DisputeId == dispute.Id).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["Register", "FileInPetitionsHall", "Escalate", "Assign", "Escalate"], events.Select(e => e.Action).ToArray());
        Assert.Equal(("D-01-01", "D-01"), (events[2].FromUnitCode, events[2].UnitCode));
        Assert.Equal(Enumerable.Range(1, 5), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task The_ledger_pages_register_act_and_refuse_with_the_input_kept()
    {
        await using var host = new TestHost().WithMediationTenant("alpha");
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await MediationTestData.SeedBodiesAsync(scope.ServiceProvider);
        }

        var staff = await host.SignedInAsync("alpha", "staff", Password);
        var form = $"{Ledger}/disputes/new";
        var newPage = await PageAsync(staff, form);
        Assert.Contains("<option value=\"D-01-01-01\"", newPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"D-02-01\"", newPage, StringComparison.Ordinal);   // not the user's community

        var refused = await IdentityTestSupport.PostFormAsync(staff, form, form,
            ("key", "p1"), ("title", "噪音纠纷"), ("type", "Neighbourhood"), ("source", "WalkIn"), ("risk", "Medium"), ("gridUnitCode", "D-01-01-02"),
            ("description", "楼下商铺夜间噪音扰民。"), ("parties[0].role", "Applicant"), ("parties[0].name", "周女士"), ("parties[0].phone", "not-a-phone"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await HtmlAsync(refused);
        Assert.Contains("电话号码格式不正确", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"周女士\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("楼下商铺夜间噪音扰民。</textarea>", refusedHtml, StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(staff, form, form,
            ("key", "p2"), ("title", "噪音纠纷"), ("type", "Neighbourhood"), ("source", "WalkIn"), ("risk", "Medium"), ("gridUnitCode", "D-01-01-01"),
            ("description", "楼下商铺夜间噪音扰民。"), ("parties[0].role", "Applicant"), ("parties[0].name", "周女士"), ("parties[0].phone", "13900001234"),
            ("parties[1].role", "Respondent"), ("parties[1].name", "某烧烤店"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString.Split('?')[0];
        Assert.Contains("纠纷已登记", await PageAsync(staff, created.Headers.Location.OriginalString), StringComparison.Ordinal);

        // The grid worker of the dispute's grid may view it but is not offered (nor allowed) the mediator's actions.
        var worker = await host.SignedInAsync("alpha", "worker", Password);
        Assert.DoesNotContain("action-settle", await PageAsync(worker, page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(worker, page, $"{page}/note", ("note", "试图备注"))).StatusCode);

        var version = System.Text.RegularExpressions.Regex.Match(await PageAsync(staff, page), "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var settleEmpty = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/settle", ("version", version), ("agreementTerms", " "), ("note", "当面签字"));
        Assert.Equal(HttpStatusCode.BadRequest, settleEmpty.StatusCode);
        var settleHtml = await HtmlAsync(settleEmpty);
        Assert.Contains("请填写调解协议的内容", settleHtml, StringComparison.Ordinal);
        Assert.Contains("当面签字</textarea>", settleHtml, StringComparison.Ordinal);

        var stale = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/settle", ("version", "7"), ("agreementTerms", "商铺晚十点后停止营业。"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var settled = await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/settle", ("version", version), ("agreementTerms", "商铺晚十点后停止营业。"));
        Assert.Equal(HttpStatusCode.Redirect, settled.StatusCode);
        var closed = await PageAsync(staff, page);
        Assert.Contains("调解成功", closed, StringComparison.Ordinal);
        Assert.Contains("action-follow-up", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("action-settle", closed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/follow-up", ("kept", "true"), ("note", "双方关系缓和"))).StatusCode);
        Assert.Contains("协议履行良好", await PageAsync(staff, page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_mediator_of_the_dispute_changes_its_parties_and_a_bad_row_keeps_what_was_typed()
    {
        await using var host = new TestHost().WithMediationTenant("alpha");
        host.Start();
        var (dispute, bodies) = await RegisterAsync(host);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var assigned = await scope.ServiceProvider.GetRequiredService<DisputeLedger>()
                .AssignAsync(dispute.Id, bodies.Studio, bodies.Li, [], null, DisputeActor.Staff(await PrincipalAsync(scope.ServiceProvider, "staff")));
            Assert.True(assigned.Succeeded);
        }

        var page = $"{Ledger}/disputes/{dispute.Id}";
        var elder = await host.SignedInAsync("alpha", "elder", Password);
        var html = await PageAsync(elder, page);
        Assert.Contains("action-parties", html, StringComparison.Ordinal);
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;

        // The second row (the respondent) is cleared, a third is added with a bad ID number.
        (string, string)[] rows =
        [
            ("version", version), ("parties[0].role", "Applicant"), ("parties[0].name", "孙先生"), ("parties[0].phone", "13811112222"),
            ("parties[1].role", "Respondent"), ("parties[1].name", ""),
            ("parties[2].role", "Respondent"), ("parties[2].name", "赵大妈之子"), ("parties[2].idNumber", "12345"),
        ];
        var refused = await IdentityTestSupport.PostFormAsync(elder, page, $"{page}/parties", rows);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await HtmlAsync(refused);
        Assert.Contains("id=\"parties-parties[2].idNumber-error\">身份证号应为 18 位", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"赵大妈之子\"", refusedHtml, StringComparison.Ordinal);

        rows[^1] = ("parties[2].idNumber", "11010119800101123x");
        var staff = await host.SignedInAsync("alpha", "staff", Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await IdentityTestSupport.PostFormAsync(staff, page, $"{page}/parties", rows)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(elder, page, $"{page}/parties", rows)).StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var parties = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<DisputeParty>().AsNoTracking()
                .Where(p => p.DisputeId == dispute.Id).OrderBy(p => p.Id).ToListAsync();
            Assert.Equal([("孙先生", PartyRole.Applicant), ("赵大妈之子", PartyRole.Respondent)], parties.Select(p => (p.Name, p.Role)).ToArray());
            Assert.Equal("11010119800101123X", parties[1].IdNumber);
        }
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_disputes_or_alerts()
    {
        await using var host = new TestHost().WithMediationTenant("alpha").WithMediationTenant("beta");
        host.Start();
        var (dispute, _) = await RegisterAsync(host, RiskLevel.High);
        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/mediation/disputes/{dispute.Id}")).StatusCode);
        var list = await PageAsync(beta, "/beta/admin/mediation");
        Assert.DoesNotContain(dispute.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain("重大风险纠纷", list, StringComparison.Ordinal);
        var alpha = await PageAsync(await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword), "/alpha/admin/mediation");
        Assert.Contains(dispute.Number, alpha, StringComparison.Ordinal);
        Assert.Contains("重大风险纠纷", alpha, StringComparison.Ordinal);
    }
}
