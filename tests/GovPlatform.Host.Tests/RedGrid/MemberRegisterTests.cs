using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Members;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>Registering, editing, transferring out and ending members: validation by field, scope, unique ID numbers, stale edits, tenant isolation.</summary>
public sealed class MemberRegisterTests
{
    private const string Members = "/alpha/admin/redgrid/members";

    private static MemberInput Input(string name = "王红梅", string? id = null, string? phone = "13812345678", string kind = "Resident", string unit = "D-01-01-01",
        string? organisation = null, string? employer = null, string? birth = null) =>
        new(name, id, phone, birth, "2001-07-01", kind, organisation, unit, employer, null);

    [Fact]
    public async Task Registration_checks_every_field_derives_the_birth_date_and_refuses_a_second_id_number_or_a_stale_edit()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        long inScope, outOfScope;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var a = RedGridTestData.Organisation("d0101-zb", OrganisationKind.GridBranch, "D-01-01-01");
            var b = RedGridTestData.Organisation("d02-zb", OrganisationKind.GridBranch, "D-02-01");
            await RedGridTestData.SaveAsync(scope.ServiceProvider, a, b);
            (inScope, outOfScope) = (a.Id, b.Id);
        }

        await using var check = await host.ScopeAsync("alpha");
        var service = check.ServiceProvider.GetRequiredService<MemberService>();
        var staff = await MemberTestData.PrincipalAsync(check.ServiceProvider, "staff");
        var id = MemberTestData.IdNumber("19850312", 7);

        var bad = await service.CreateAsync(Input(name: " ", id: id[..17] + (id[17] == '1' ? "2" : "1"), phone: "1234", kind: "InService", unit: "D-02-01",
            organisation: outOfScope.ToString(System.Globalization.CultureInfo.InvariantCulture), birth: "1985/03/12"), staff);
        Assert.Equal(MemberOutcome.Invalid, bad.Outcome);
        Assert.Equal(["birthDate", "employer", "gridUnit", "idNumber", "name", "organisation", "phone"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PartyMember>().CountAsync());

        var created = await service.CreateAsync(Input(id: id.ToLowerInvariant(), phone: "+86 138 1234 5678", organisation: inScope.ToString(System.Globalization.CultureInfo.InvariantCulture)), staff);
        Assert.Equal(MemberOutcome.Done, created.Outcome);
        var member = created.Member!;
        Assert.Equal(id, member.IdNumber);
        Assert.Equal("13812345678", member.Phone);
        Assert.Equal(new DateOnly(1985, 3, 12), member.BirthDate);
        Assert.Equal(MemberStatus.Active, member.Status);

        var twice = await service.CreateAsync(Input(name: "另一人", id: id), staff);
        Assert.Equal(["idNumber"], twice.Errors.Keys);

        var edited = await service.UpdateAsync(member.Id, Input(name: "王红梅", id: id, kind: "InService", employer: "区教育局"), 1, staff);
        Assert.Equal(MemberOutcome.Done, edited.Outcome);
        var stale = await service.UpdateAsync(member.Id, Input(name: "过时", id: id), 1, staff);
        Assert.Equal(MemberOutcome.Stale, stale.Outcome);
        var street = await MemberTestData.PrincipalAsync(check.ServiceProvider, "street");
        Assert.Equal(MemberOutcome.Forbidden, (await service.UpdateAsync(member.Id, Input(id: id), 2, street)).Outcome);

        var noReason = await service.EndAsync(member.Id, MemberStatus.Transferred, " ", 2, staff);
        Assert.Equal(["reason"], noReason.Errors.Keys);
        Assert.Equal(MemberOutcome.Done, (await service.EndAsync(member.Id, MemberStatus.Transferred, "组织关系转至外区", 2, staff)).Outcome);
        Assert.Equal(["status"], (await service.EndAsync(member.Id, MemberStatus.Ended, "again", 3, staff)).Errors.Keys);
        var audit = await host.AuditAsync("alpha", "redgrid");
        Assert.Contains(audit, e => e.Action == "member-transfer" && e.Summary!.Contains("组织关系转至外区", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "member-create");
        Assert.Contains(audit, e => e.Action == "member-edit");

        var (listed, total) = await service.ListAsync(new MemberFilter(null, null, null, MemberStatus.Transferred, "红梅"), 1, 50, staff);
        Assert.Equal(1, total);
        Assert.Equal("王红梅", listed[0].Name);
        Assert.Equal(0, (await service.ListAsync(new MemberFilter(null, null, MemberKind.Retired, null, null), 1, 50, staff)).Total);
    }

    [Fact]
    public async Task The_editor_keeps_bad_input_and_answers_a_stale_save_with_409()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        (string, string)[] fields = [("Name", "赵志刚"), ("IdNumber", "110105198503120000"), ("Phone", "13812345678"), ("BirthDate", ""), ("JoinedOn", ""),
            ("Kind", "Retired"), ("Organisation", ""), ("GridUnit", "D-01-02"), ("Employer", ""), ("UserName", "")];
        var bad = await IdentityTestSupport.PostFormAsync(admin, $"{Members}/new", $"{Members}/new", fields);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("身份证号码无效", page, StringComparison.Ordinal);
        Assert.Contains("value=\"赵志刚\"", page, StringComparison.Ordinal);

        var id = MemberTestData.IdNumber("19500101", 1);
        var created = await IdentityTestSupport.PostFormAsync(admin, $"{Members}/new", $"{Members}/new", [.. fields.Select(f => f.Item1 == "IdNumber" ? ("IdNumber", id) : f)]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = created.Headers.Location!.OriginalString.Split('?')[0];
        (string, string)[] changed = [.. fields.Select(f => f.Item1 == "IdNumber" ? ("IdNumber", id) : f.Item1 == "Name" ? ("Name", "赵志刚同志") : f), ("Version", "1")];
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, edit, edit, changed)).StatusCode);
        var stale = await IdentityTestSupport.PostFormAsync(admin, edit, edit, [.. changed.Select(f => f.Item1 == "Name" ? ("Name", "过时的修改") : f)]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("过时的修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("赵志刚同志", await admin.GetStringAsync(Members), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_sees_none_of_the_register()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha").WithRedGridTenant("beta");
        host.Start();
        long id;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var member = MemberTestData.Member("阿尔法党员", "D-01-01-01", MemberKind.InService, MemberTestData.IdNumber("19700101", 9), "13911112222");
            await RedGridTestData.SaveAsync(scope.ServiceProvider, member);
            id = member.Id;
        }

        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("阿尔法党员", await beta.GetStringAsync("/beta/admin/redgrid/members"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/redgrid/members/{id}")).StatusCode);
        Assert.DoesNotContain("阿尔法党员", await beta.GetStringAsync("/beta/admin/redgrid/reporting?community=D-01-01"), StringComparison.Ordinal);
        var alpha = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        Assert.Contains("阿尔法党员", await alpha.GetStringAsync("/alpha/admin/redgrid/members"), StringComparison.Ordinal);
    }
}
