using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>The organisation and courtyard editors: their rules, stale edits, scope over HTTP, tenant isolation.</summary>
public sealed class OrganisationEditorTests
{
    private static OrganisationInput Input(string code, OrganisationKind kind, string unit, long? courtyard = null, string? parent = null) =>
        new(code, kind.ToString(), code + "名称", parent, unit, courtyard, "李示例", "0417-1234567", null, "2021-07-01", true);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_rules_branch_depth_courtyard_group_parent_and_unique_code_hold_and_a_stale_edit_is_refused(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var editor = scope.ServiceProvider.GetRequiredService<OrganisationEditor>();
        var yard = (await editor.SaveCourtyardAsync(null, new CourtyardInput("D-01-01-01", "红旗院", "3", "90", true), null)).Value!;
        Assert.Equal("name", Assert.Single((await editor.SaveCourtyardAsync(null, new CourtyardInput("D-01-01-01", "红旗院", "1", "1", true), null)).Errors).Key);
        Assert.Equal("gridUnit", Assert.Single((await editor.SaveCourtyardAsync(null, new CourtyardInput("D-01-01", "社区院", "1", "1", true), null)).Errors).Key);
        Assert.Equal("buildings", Assert.Single((await editor.SaveCourtyardAsync(null, new CourtyardInput("D-01-01-02", "新院", "-1", "1", true), null)).Errors).Key);

        var community = await editor.CreateAsync(Input("d-01-01", OrganisationKind.Committee, "D-01-01"), null);
        Assert.Equal(EditOutcome.Done, community.Outcome);
        var onCommunity = await editor.CreateAsync(Input("wrong-zb", OrganisationKind.GridBranch, "D-01-01"), null);
        Assert.Equal(EditOutcome.Invalid, onCommunity.Outcome);
        Assert.Contains("gridUnit", onCommunity.Errors.Keys);
        var branch = await editor.CreateAsync(Input("d-01-01-01-zb", OrganisationKind.GridBranch, "D-01-01-01", parent: "d-01-01"), null);
        Assert.Equal(EditOutcome.Done, branch.Outcome);
        Assert.Equal(community.Value!.Id, branch.Value!.ParentId);

        Assert.Contains("courtyard", (await editor.CreateAsync(Input("no-yard", OrganisationKind.CourtyardGroup, "D-01-01-01"), null)).Errors.Keys);
        Assert.Contains("courtyard", (await editor.CreateAsync(Input("other-grid", OrganisationKind.CourtyardGroup, "D-01-01-02", yard.Id), null)).Errors.Keys);
        Assert.Contains("courtyard", (await editor.CreateAsync(Input("branch-yard", OrganisationKind.GridBranch, "D-01-01-02", yard.Id), null)).Errors.Keys);
        Assert.Equal(EditOutcome.Done, (await editor.CreateAsync(Input("d-01-01-01-y1", OrganisationKind.CourtyardGroup, "D-01-01-01", yard.Id, "d-01-01-01-zb"), null)).Outcome);
        Assert.Contains("code", (await editor.CreateAsync(Input("d-01-01-01-zb", OrganisationKind.GridBranch, "D-01-01-02"), null)).Errors.Keys);
        Assert.Contains("code", (await editor.CreateAsync(Input("Bad Code", OrganisationKind.Committee, "D-01"), null)).Errors.Keys);
        // A parent must be above: a branch of D-01-01-01 cannot lead the committee of D-01-01, nor a community its own parent.
        Assert.Contains("parentCode", (await editor.CreateAsync(Input("d-01-01-02-zb", OrganisationKind.GridBranch, "D-01-01-02", parent: "d-01-01-01-zb"), null)).Errors.Keys);
        Assert.Contains("parentCode", (await editor.UpdateAsync(community.Value.Id, Input("d-01-01", OrganisationKind.Committee, "D-01-01", parent: "d-01-01-01-zb"), 1, null)).Errors.Keys);
        Assert.Contains("parentCode", (await editor.CreateAsync(Input("orphan", OrganisationKind.Committee, "D-01", parent: "missing"), null)).Errors.Keys);
        Assert.Contains("foundedOn", (await editor.CreateAsync(Input("d-01", OrganisationKind.Committee, "D-01") with { FoundedOn = "2021/07/01" }, null)).Errors.Keys);

        var saved = await editor.UpdateAsync(branch.Value.Id, Input("d-01-01-01-zb", OrganisationKind.GridBranch, "D-01-01-01", parent: "d-01-01") with { Name = "第一网格党支部" }, 1, null);
        Assert.Equal(EditOutcome.Done, saved.Outcome);
        var stale = await editor.UpdateAsync(branch.Value.Id, Input("d-01-01-01-zb", OrganisationKind.GridBranch, "D-01-01-01") with { Name = "过时" }, 1, null);
        Assert.Equal(EditOutcome.Stale, stale.Outcome);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        var stored = await db.Set<PartyOrganisation>().AsNoTracking().SingleAsync(o => o.Id == branch.Value.Id);
        Assert.Equal(("第一网格党支部", 2), (stored.Name, stored.Version));
        Assert.Contains(await host.AuditAsync("alpha", "redgrid"), e => e.Action == "organisation-edit" && e.Subject == "organisation:d-01-01-01-zb");
    }

    [Fact]
    public async Task Over_http_staff_edit_only_in_their_scope_bad_input_is_kept_and_another_tenant_sees_nothing()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha").WithRedGridTenant("beta");
        host.Start();
        long outside;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var other = RedGridTestData.Organisation("d-02-01", OrganisationKind.Committee, "D-02-01");
            await RedGridTestData.SaveAsync(scope.ServiceProvider, other);
            outside = other.Id;
        }

        const string New = "/alpha/admin/redgrid/organisations/new";
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);   // CommunityStaff of D-01-01
        var refused = await IdentityTestSupport.PostFormAsync(staff, New, New, ("Code", "d-02-01-x"), ("Kind", "Committee"), ("Name", "越界"), ("GridUnit", "D-02-01"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("管辖范围", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/alpha/admin/redgrid/organisations/{outside}")).StatusCode);

        var bad = await IdentityTestSupport.PostFormAsync(staff, New, New, ("Code", "d-01-01-zb"), ("Kind", "GridBranch"), ("Name", "社区上的支部"), ("GridUnit", "D-01-01"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("value=\"社区上的支部\"", page, StringComparison.Ordinal);
        Assert.Contains("网格党支部应建在第 4 级的网格上", page, StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(staff, New, New, ("Code", "d-01-01-01-zb"), ("Kind", "GridBranch"), ("Name", "第一网格党支部"), ("GridUnit", "D-01-01-01"), ("Leader", "王示例"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await staff.GetStringAsync("/alpha/admin/redgrid/organisations?kind=GridBranch");
        Assert.Contains("第一网格党支部", list, StringComparison.Ordinal);
        Assert.DoesNotContain("d-02-01", list, StringComparison.Ordinal);

        const string Yards = "/alpha/admin/redgrid/courtyards";
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(staff, Yards, Yards, ("GridUnit", "D-01-01-01"), ("Name", "红旗院"), ("Buildings", "3"), ("Households", "90"), ("Active", "true"))).StatusCode);
        var twice = await IdentityTestSupport.PostFormAsync(staff, Yards, Yards, ("GridUnit", "D-01-01-01"), ("Name", "红旗院"), ("Buildings", "3"), ("Households", "90"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("红旗院", await staff.GetStringAsync($"{Yards}?grid=D-01-01-01"), StringComparison.Ordinal);

        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("第一网格党支部", await beta.GetStringAsync("/beta/admin/redgrid/organisations"), StringComparison.Ordinal);
        Assert.DoesNotContain("红旗院", await beta.GetStringAsync("/beta/admin/redgrid/courtyards"), StringComparison.Ordinal);
        Assert.Contains("2 个网格中 0 个", await beta.GetStringAsync("/beta/admin/redgrid"), StringComparison.Ordinal);
    }
}
