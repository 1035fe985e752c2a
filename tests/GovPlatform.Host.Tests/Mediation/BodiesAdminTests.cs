using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>The bodies, mediators and rules pages through HTTP: permissions, grid scope, edits, errors with input kept, stale edits, tenant isolation.</summary>
public sealed class BodiesAdminTests
{
    private const string Bodies = "/alpha/admin/mediation/bodies";
    private const string Settings = "/alpha/admin/mediation/settings";

    private static async Task<MediationTestData.TestBodies> SeedAsync(TestHost host, string tenant = "alpha")
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await MediationTestData.SeedBodiesAsync(scope.ServiceProvider);
    }

    [Fact]
    public async Task Readers_see_the_bodies_of_their_grid_scope_and_only_Manage_may_edit()
    {
        await using var host = new TestHost().WithMediationTenant("alpha");
        host.Start();
        var bodies = await SeedAsync(host);

        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        var list = await street1.GetStringAsync(Bodies);
        Assert.Contains("一社区五老调解工作室", list, StringComparison.Ordinal);
        Assert.Contains("一街道人民调解委员会", list, StringComparison.Ordinal);
        Assert.DoesNotContain("区综治中心矛盾纠纷调处室", list, StringComparison.Ordinal);
        Assert.DoesNotContain("bodies/new", list, StringComparison.Ordinal);
        var studios = await street1.GetStringAsync($"{Bodies}?kind=EldersStudio");
        Assert.DoesNotContain("一街道人民调解委员会", studios, StringComparison.Ordinal);
        var page = await street1.GetStringAsync($"{Bodies}/{bodies.Studio}");
        Assert.Contains("老李", page, StringComparison.Ordinal);
        Assert.Contains("<fieldset disabled", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await street1.GetAsync($"{Bodies}/{bodies.Centre}")).StatusCode);

        // StreetAdmin holds View but not Manage.
        foreach (var path in new[] { $"{Bodies}/new", Settings })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await street1.GetAsync(path)).StatusCode);
        }

        var forged = await IdentityTestSupport.PostFormAsync(street1, $"{Bodies}/{bodies.Studio}", $"{Bodies}/{bodies.Studio}/remove", ("Active", "false"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var forgedSettings = await IdentityTestSupport.PostFormAsync(street1, $"{Bodies}/{bodies.Studio}", Settings, ("ReportingDepth", "2"));
        Assert.Equal(HttpStatusCode.Forbidden, forgedSettings.StatusCode);
        Assert.Empty(await host.AuditAsync("alpha", "mediation"));

        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var all = await admin.GetStringAsync($"{Bodies}?culture=en");
        Assert.Contains("d-centre", all, StringComparison.Ordinal);
        Assert.Contains("Governance centre mediation room", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_edits_and_deactivates_with_errors_beside_fields_and_input_kept()
    {
        await using var host = new TestHost().WithMediationTenant("alpha");
        host.Start();
        var bodies = await SeedAsync(host);
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);

        (string, string)[] Fields(string code, string opens, string closes) =>
        [
            ("Code", code), ("Kind", "NamedRoom"), ("Name", "老张调解室"), ("EnglishName", "Old Zhang Mediation Room"), ("GridUnitCode", "D-01-01"),
            ("Address", "一社区服务站二楼"), ("Hours", "周一至周五"), ("Opens", opens), ("Closes", closes), ("Capacity", "2"), ("Phone", ""), ("Description", "老张的调解室"),
            ("Active", "true"),
        ];
        var invalid = await IdentityTestSupport.PostFormAsync(admin, $"{Bodies}/new", $"{Bodies}/new", Fields("laozhang", "17:00", "09:00"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("id=\"closes-error\"", html, StringComparison.Ordinal);
        Assert.Contains("关门时间应晚于开门时间", html, StringComparison.Ordinal);
        Assert.Contains("value=\"一社区服务站二楼\"", html, StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(admin, $"{Bodies}/new", $"{Bodies}/new", Fields("laozhang", "09:00", "16:00"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Contains("?done=created", location, StringComparison.Ordinal);
        var path = location.Split('?')[0];
        var id = long.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        // A mediator: an elder without background is refused beside the field, with the name kept.
        var noBackground = await IdentityTestSupport.PostFormAsync(admin, path, $"{path}/mediators", ("Name", "张德厚"), ("Role", "Elder"), ("Background", "None"), ("UserName", "nobody"));
        Assert.Equal(HttpStatusCode.BadRequest, noBackground.StatusCode);
        var mediatorHtml = await noBackground.Content.ReadAsStringAsync();
        Assert.Contains("id=\"mediator-background-error\"", mediatorHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"mediator-userName-error\"", mediatorHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"张德厚\"", mediatorHtml, StringComparison.Ordinal);
        var added = await IdentityTestSupport.PostFormAsync(admin, path, $"{path}/mediators", ("Name", "张德厚"), ("Role", "Elder"), ("Background", "Police"), ("UserName", "elder2"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        long mediatorId;
        long stamp;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            mediatorId = (await db.Set<Mediator>().SingleAsync(m => m.BodyId == id)).Id;
            stamp = (await db.Set<MediationBody>().SingleAsync(b => b.Id == id)).UpdatedUtc.Ticks;
        }

        // A page opened before the mediator was added is stale: refused, the typed hours kept.
        var stale = await IdentityTestSupport.PostFormAsync(admin, path, path, [.. Fields("laozhang", "09:00", "16:00").Where(f => f.Item1 != "Hours"), ("Hours", "全天开放"), ("Stamp", (stamp - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.Contains("刚被他人修改", staleHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"全天开放\"", staleHtml, StringComparison.Ordinal);
        var edited = await IdentityTestSupport.PostFormAsync(admin, path, path, [.. Fields("laozhang", "09:00", "16:00").Where(f => f.Item1 != "Hours"), ("Hours", "全天开放"), ("Stamp", stamp.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var deactivated = await IdentityTestSupport.PostFormAsync(admin, path, $"{path}/mediators/{mediatorId}/active", ("Active", "false"));
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var removed = await IdentityTestSupport.PostFormAsync(admin, path, $"{path}/remove", ("Active", "false"));
        Assert.EndsWith("bodies?done=deleted", removed.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.False(await db.Set<MediationBody>().AnyAsync(b => b.Id == id));
            Assert.True(await db.Set<MediationBody>().AnyAsync(b => b.Id == bodies.Studio));
        }

        var audit = (await host.AuditAsync("alpha", "mediation")).Select(e => e.Action).ToList();
        Assert.Equal(["delete-body", "deactivate-mediator", "update-body", "add-mediator", "create-body"], audit);
    }

    [Fact]
    public async Task The_rules_page_saves_valid_rules_and_keeps_bad_input_beside_its_field()
    {
        await using var host = new TestHost().WithMediationTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        var page = await admin.GetStringAsync(Settings);
        Assert.Contains("name=\"Category.Neighbourhood\"", page, StringComparison.Ordinal);

        var invalid = await IdentityTestSupport.PostFormAsync(admin, Settings, Settings,
            ("ReportingDepth", "9"), ("HolidayCampaignDays", "99"), ("ReminderHours", "24"), ("FollowUpDays", "abc"), ("DefaultPetitionCategory", "02 01"),
            ("Category.Family", "0202"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        foreach (var field in new[] { "reportingDepth", "holidayCampaignDays", "followUpDays", "defaultPetitionCategory" })
        {
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("value=\"abc\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"0202\"", html, StringComparison.Ordinal);

        var saved = await IdentityTestSupport.PostFormAsync(admin, Settings, Settings,
            ("ReportingDepth", "2"), ("HolidayCampaignDays", "5"), ("ReminderHours", "12"), ("FollowUpDays", "30"), ("FileInPetitionsHall", "true"),
            ("DefaultPetitionCategory", "0201"), ("Category.Family", "0202"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var scope = await host.ScopeAsync("alpha");
        var settings = await scope.ServiceProvider.GetRequiredService<MediationSettingsStore>().GetAsync();
        Assert.Equal((2, 5, 12, 30, false, true, "0201"), (settings.ReportingDepth, settings.HolidayCampaignDays, settings.ReminderHours, settings.FollowUpDays,
            settings.AutoCampaigns, settings.FileInPetitionsHall, settings.DefaultPetitionCategory));
        Assert.Equal(new Dictionary<string, string> { ["Family"] = "0202" }, settings.PetitionCategories);
        Assert.Single(await host.AuditAsync("alpha", "mediation", "update-settings"));
    }

    [Fact]
    public async Task Another_tenant_does_not_see_the_bodies()
    {
        await using var host = new TestHost().WithMediationTenant("alpha").WithMediationTenant("beta");
        host.Start();
        var bodies = await SeedAsync(host);
        var admin = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        var list = await admin.GetStringAsync("/beta/admin/mediation/bodies");
        Assert.DoesNotContain("一社区五老调解工作室", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/beta/admin/mediation/bodies/{bodies.Studio}")).StatusCode);
    }
}
