using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identifiers;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// Members' personal data through HTTP: community staff (no MemberData) never receive a full ID number or mobile in the
/// list, the member's page or the export, and their edits keep the stored values behind the masks; a street
/// administrator (MemberData) sees them in full and every such read is audited with the ids shown.
/// </summary>
public sealed class MemberPrivacyTests
{
    private const string Members = "/alpha/admin/redgrid/members";
    private const string Phone = "13912345678";

    [Fact]
    public async Task Without_MemberData_no_response_carries_the_full_id_or_phone_and_with_it_every_read_is_audited()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        var id = MemberTestData.IdNumber("19800215", 123);
        long memberId, otherId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var member = MemberTestData.Member("张建国", "D-01-01-01", MemberKind.InService, id, Phone);
            var other = MemberTestData.Member("李卫东", "D-02-01", idNumber: MemberTestData.IdNumber("19751003", 456), phone: "13700001111");
            await RedGridTestData.SaveAsync(scope.ServiceProvider, member, other);
            (memberId, otherId) = (member.Id, other.Id);
        }

        // Community staff of D-01-01: Members, not MemberData.
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        var list = await staff.GetStringAsync(Members);
        Assert.Contains("张建国", list, StringComparison.Ordinal);
        Assert.DoesNotContain("李卫东", list, StringComparison.Ordinal);   // D-02 is outside the scope
        AssertMasked(list, id);
        var page = await staff.GetStringAsync($"{Members}/{memberId}");
        AssertMasked(page, id);
        Assert.Contains("1980", page, StringComparison.Ordinal);
        Assert.DoesNotContain("1980-02-15", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{Members}/{otherId}")).StatusCode);
        var export = await staff.GetAsync($"{Members}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = new MemoryStream(await export.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(IdNumber.Mask(id), row["身份证号"]);
        Assert.Equal(MobileNumber.Mask(Phone), row["手机"]);
        Assert.DoesNotContain(rows.SelectMany(r => r.Values), v => v?.ToString()?.Contains(Phone, StringComparison.Ordinal) == true || v?.ToString() == id);
        Assert.Empty(await host.AuditAsync("alpha", "redgrid", "read-member"));

        // An edit that leaves the masked fields as shown keeps the stored ID number, phone and birth date.
        var saved = await IdentityTestSupport.PostFormAsync(staff, $"{Members}/{memberId}", $"{Members}/{memberId}",
            ("Name", "张建国（改）"), ("IdNumber", IdNumber.Mask(id)), ("Phone", MobileNumber.Mask(Phone)), ("BirthDate", "1980"), ("JoinedOn", ""),
            ("Kind", "InService"), ("Organisation", ""), ("GridUnit", "D-01-01-01"), ("Employer", "区财政局"), ("UserName", ""), ("Version", "1"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var stored = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<PartyMember>().AsNoTracking().SingleAsync(m => m.Id == memberId);
            Assert.Equal("张建国（改）", stored.Name);
            Assert.Equal(id, stored.IdNumber);
            Assert.Equal(Phone, stored.Phone);
            Assert.Equal(new DateOnly(1980, 2, 15), stored.BirthDate);
            Assert.Equal(2, stored.Version);
        }

        AssertMasked(await (await staff.GetAsync($"{Members}/{memberId}?done=saved")).Content.ReadAsStringAsync(), id);
        Assert.Empty(await host.AuditAsync("alpha", "redgrid", "read-member"));

        // The street administrator of D-01 holds MemberData: full values, each read on record.
        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        var full = await street1.GetStringAsync(Members);
        Assert.Contains(id, full, StringComparison.Ordinal);
        Assert.Contains(Phone, full, StringComparison.Ordinal);
        Assert.Contains(id, await street1.GetStringAsync($"{Members}/{memberId}"), StringComparison.Ordinal);
        var fullExport = new MemoryStream(await (await street1.GetAsync($"{Members}/export")).Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(id, Assert.Single(fullExport)["身份证号"]);
        var reads = await host.AuditAsync("alpha", "redgrid", "read-member");
        Assert.Equal(3, reads.Count);
        Assert.All(reads, r => Assert.Equal("street1", r.UserName));
        Assert.All(reads, r => Assert.EndsWith($": {memberId}", r.Summary, StringComparison.Ordinal));
        Assert.Contains(reads, r => r.Summary!.StartsWith("list", StringComparison.Ordinal));
        Assert.Contains(reads, r => r.Summary!.StartsWith("page", StringComparison.Ordinal) && r.Subject == $"member:{memberId}");
        Assert.Contains(reads, r => r.Summary!.StartsWith("export", StringComparison.Ordinal));
        Assert.DoesNotContain(reads, r => r.Summary!.Contains(otherId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_page_audits_once_with_every_id_shown_in_full()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        var ids = new List<long>();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var members = Enumerable.Range(1, 60).Select(i => MemberTestData.Member($"党员{i:00}", "D-02-01", idNumber: MemberTestData.IdNumber("19900101", i), phone: $"1360000{i:0000}")).ToArray();
            await RedGridTestData.SaveAsync(scope.ServiceProvider, members);
            ids.AddRange(members.Select(m => m.Id));
        }

        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        await street.GetStringAsync(Members);
        await street.GetStringAsync($"{Members}?page=2");
        var reads = await host.AuditAsync("alpha", "redgrid", "read-member");
        Assert.Equal(2, reads.Count);
        var shown = reads.SelectMany(r => r.Summary![(r.Summary!.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(',')).Select(long.Parse).Order().ToList();
        Assert.Equal(ids.Order().ToList(), shown);
    }

    private static void AssertMasked(string html, string id)
    {
        Assert.DoesNotContain(id, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, html, StringComparison.Ordinal);
        Assert.Contains(IdNumber.Mask(id), html, StringComparison.Ordinal);
        Assert.Contains(MobileNumber.Mask(Phone), html, StringComparison.Ordinal);
    }
}
