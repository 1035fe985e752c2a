using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Committees;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>Joint committees: the kind follows the unit's depth, dates, one secretary, seats replaced on save.</summary>
public sealed class CommitteeTests
{
    private static SeatInput Seat(string role, string? starts = null, string? ends = null) => new("辖区中学党支部", null, "赵示例", role, starts, ends);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_committee_is_checked_and_its_seats_are_replaced(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var editor = scope.ServiceProvider.GetRequiredService<CommitteeEditor>();
        CommitteeInput Input(string kind, string unit, params SeatInput[] seats) => new(kind, "五大门社区大党委", unit, "2024-01-01", "2026-12-31", seats);

        Assert.Contains("gridUnit", (await editor.SaveAsync(null, Input("CommunityCommittee", "D-01"), null)).Errors.Keys);
        Assert.Contains("gridUnit", (await editor.SaveAsync(null, Input("StreetWorkCommittee", "D-01-01"), null)).Errors.Keys);
        Assert.Contains("termEndsOn", (await editor.SaveAsync(null, Input("CommunityCommittee", "D-01-01") with { TermEndsOn = "2023-12-31" }, null)).Errors.Keys);
        Assert.Contains("seats", (await editor.SaveAsync(null, Input("CommunityCommittee", "D-01-01", Seat("Member")), null)).Errors.Keys);
        Assert.Contains("seats", (await editor.SaveAsync(null, Input("CommunityCommittee", "D-01-01", Seat("Secretary"), Seat("Secretary")), null)).Errors.Keys);
        Assert.Contains("seats[1].startsOn", (await editor.SaveAsync(null, Input("CommunityCommittee", "D-01-01", Seat("Secretary"), Seat("Member", "2023-06-01")), null)).Errors.Keys);
        Assert.Contains("seats[1].endsOn", (await editor.SaveAsync(null, Input("CommunityCommittee", "D-01-01", Seat("Secretary"), Seat("Member", "2025-06-01", "2025-01-01")), null)).Errors.Keys);
        Assert.Contains("seats[0].representative", (await editor.SaveAsync(null, Input("CommunityCommittee", "D-01-01", Seat("Secretary") with { Representative = " " }), null)).Errors.Keys);
        Assert.Contains("seats[0].residentUnit", (await editor.SaveAsync(null, Input("CommunityCommittee", "D-01-01", Seat("Secretary") with { ResidentUnitId = 999 }), null)).Errors.Keys);

        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        Assert.Empty(await db.Set<JointCommittee>().AsNoTracking().ToListAsync());
        var created = await editor.SaveAsync(null, Input("CommunityCommittee", "D-01-01", Seat("Secretary"), Seat("Member", "2025-01-01")), null);
        Assert.Equal(EditOutcome.Done, created.Outcome);
        var id = created.Value!.Id;
        Assert.Equal(2, await db.Set<CommitteeSeat>().CountAsync(s => s.CommitteeId == id));
        Assert.Equal(EditOutcome.Done, (await editor.SaveAsync(id, Input("CommunityCommittee", "D-01-01", Seat("Secretary")), null)).Outcome);
        var seat = await db.Set<CommitteeSeat>().AsNoTracking().SingleAsync(s => s.CommitteeId == id);
        Assert.Equal((CommitteeRole.Secretary, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31)), (seat.Role, seat.StartsOn, seat.EndsOn));
        Assert.Contains(await host.AuditAsync("alpha", "redgrid"), e => e.Action == "committee-edit");
    }

    [Fact]
    public async Task Over_http_the_form_keeps_bad_input_and_staff_are_kept_to_their_scope()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha");
        host.Start();
        const string New = "/alpha/admin/redgrid/committees/new";
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        (string, string)[] fields = [("Kind", "CommunityCommittee"), ("Name", "五大门社区大党委"), ("GridUnit", "D-01-01"), ("TermStartsOn", "2024-01-01"), ("TermEndsOn", "2026-12-31"),
            ("SeatOrganisation", "社区党委"), ("SeatResidentUnit", ""), ("SeatRepresentative", "钱示例"), ("SeatRole", "Secretary"), ("SeatStartsOn", ""), ("SeatEndsOn", ""),
            ("SeatOrganisation", "辖区医院党总支"), ("SeatResidentUnit", ""), ("SeatRepresentative", "孙示例"), ("SeatRole", "Secretary"), ("SeatStartsOn", ""), ("SeatEndsOn", "")];
        var bad = await IdentityTestSupport.PostFormAsync(staff, New, New, fields);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("只有一名书记", page, StringComparison.Ordinal);
        Assert.Contains("value=\"孙示例\"", page, StringComparison.Ordinal);

        var good = await IdentityTestSupport.PostFormAsync(staff, New, New, [.. fields.Take(fields.Length - 3), ("SeatRole", "AdjunctMember"), ("SeatStartsOn", ""), ("SeatEndsOn", "")]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var list = await staff.GetStringAsync("/alpha/admin/redgrid/committees");
        Assert.Contains("五大门社区大党委", list, StringComparison.Ordinal);
        var outside = await IdentityTestSupport.PostFormAsync(staff, New, New, [("Kind", "CommunityCommittee"), ("Name", "东关社区大党委"), ("GridUnit", "D-02-01"), ("TermStartsOn", "2024-01-01"), ("TermEndsOn", "2026-12-31")]);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.DoesNotContain("五大门社区大党委", await street.GetStringAsync("/alpha/admin/redgrid/committees"), StringComparison.Ordinal);
    }
}
