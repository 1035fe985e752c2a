using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Pairings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// Pairing help sums per pairing, unit and year on both providers; the pairing pages: a household's name masked without
/// MemberData, help recorded with errors kept, and a street outside the pairing's community cannot add help.
/// </summary>
public sealed class PairingTests
{
    internal static readonly DateTimeOffset Today = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Seeds a branch–community pairing in D-01-01, a member–household pairing in D-02-01, and help over 2025 and 2026.</summary>
    internal static async Task<(Pairing Branch, Pairing Household)> SeedAsync(IServiceProvider services)
    {
        var branch = RedGridTestData.Organisation("finance-zb", OrganisationKind.UnitBranch, "D-01");
        branch.Name = "区财政局党支部";
        await RedGridTestData.SaveAsync(services, branch);
        var member = new PartyMember { Name = "王党员", GridUnitCode = "D-02-01", Kind = MemberKind.InService, UpdatedUtc = DateTime.UtcNow, Version = 1 };
        await RedGridTestData.SaveAsync(services, member);
        var first = new Pairing { Kind = PairingKind.BranchCommunity, OrganisationId = branch.Id, GridUnitCode = "D-01-01", StartsOn = new(2025, 1, 1), CreatedUtc = DateTime.UtcNow };
        var second = new Pairing { Kind = PairingKind.MemberHousehold, MemberId = member.Id, Household = "李秀兰", GridUnitCode = "D-02-01", StartsOn = new(2025, 3, 1), CreatedUtc = DateTime.UtcNow };
        await RedGridTestData.SaveAsync(services, first, second);
        PairingHelp Help(Pairing p, HelpKind kind, long fen, int problems, DateOnly on) =>
            new() { PairingId = p.Id, Kind = kind, AmountFen = fen, Problems = problems, Description = kind.ToString(), GivenOn = on, GridUnitCode = p.GridUnitCode, RecordedBy = "test", RecordedUtc = DateTime.UtcNow };
        await RedGridTestData.SaveAsync(services,
            Help(first, HelpKind.Money, 500_000, 0, new(2025, 2, 1)),
            Help(first, HelpKind.Goods, 123_456, 0, new(2025, 12, 31)),
            Help(first, HelpKind.Problem, 0, 3, new(2025, 6, 1)),
            Help(first, HelpKind.Money, 1_000_000, 0, new(2026, 1, 1)),
            Help(first, HelpKind.Visit, 0, 0, new(2026, 5, 4)),
            Help(first, HelpKind.Visit, 0, 1, new(2026, 5, 5)),
            Help(second, HelpKind.Goods, 20_050, 0, new(2025, 4, 1)),
            Help(second, HelpKind.Visit, 0, 0, new(2026, 2, 2)),
            Help(second, HelpKind.Money, 30_000, 0, new(2026, 10, 1)));
        return (first, second);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Help_sums_per_pairing_unit_and_year_are_exact(string provider)
    {
        await using var host = await new TestHost().WithRedGridTenant("alpha").WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        var (branch, household) = await SeedAsync(scope.ServiceProvider);
        var service = scope.ServiceProvider.GetRequiredService<PairingService>();

        var all = await service.SumsAsync(null);
        Assert.Equal(4, all.Count);
        Assert.Equal(new HelpSums(500_000, 123_456, 3, 0), all.Single(r => r.PairingId == branch.Id && r.Year == 2025).Sums);
        Assert.Equal(new HelpSums(1_000_000, 0, 1, 2), all.Single(r => r.PairingId == branch.Id && r.Year == 2026).Sums);
        Assert.Equal(new HelpSums(0, 20_050, 0, 0), all.Single(r => r.PairingId == household.Id && r.Year == 2025).Sums);
        Assert.Equal(new HelpSums(30_000, 0, 0, 1), all.Single(r => r.PairingId == household.Id && r.Year == 2026).Sums);

        var year = await service.SumsAsync(null, null, 2025);
        Assert.Equal([2025, 2025], year.Select(r => r.Year));
        Assert.Equal(["D-01-01"], (await service.SumsAsync(["D-01-01", "D-01-02"], null, null)).Select(r => r.GridUnitCode).Distinct());
        Assert.Single(await service.SumsAsync(null, [household.Id], 2026));

        // Rolled up per street and for the district.
        var rolled = PairingService.RollUp(all, new Dictionary<string, string[]>
        {
            ["D"] = ["D", "D-01", "D-02", "D-01-01", "D-01-02", "D-02-01"],
            ["D-01"] = ["D-01", "D-01-01", "D-01-02"],
            ["D-02"] = ["D-02", "D-02-01"],
        });
        Assert.Equal(new HelpSums(1_500_000, 123_456, 4, 2), rolled["D-01"]);
        Assert.Equal(new HelpSums(30_000, 20_050, 0, 1), rolled["D-02"]);
        Assert.Equal(rolled["D-01"] + rolled["D-02"], rolled["D"]);
    }

    [Fact]
    public async Task A_household_is_masked_without_MemberData_and_help_is_recorded_in_scope_only()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha").WithClock(new ManualClock(Today));
        host.Start();
        (Pairing Branch, Pairing Household) seeded;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            seeded = await SeedAsync(scope.ServiceProvider);
        }

        // Street admin of D-02 holds MemberData; the district admin too. A grid worker of D-01 sees neither this pairing nor the name.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var page = await street.GetStringAsync($"/alpha/admin/redgrid/pairings/{seeded.Household.Id}");
        Assert.Contains("李秀兰", page, StringComparison.Ordinal);
        Assert.Contains("¥300.00", page, StringComparison.Ordinal);
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/alpha/admin/redgrid/pairings/{seeded.Household.Id}")).StatusCode);
        var list = await staff.GetStringAsync("/alpha/admin/redgrid/pairings");
        Assert.Contains("区财政局党支部", list, StringComparison.Ordinal);
        Assert.DoesNotContain("王党员", list, StringComparison.Ordinal);

        // CommunityStaff has no MemberData: a household in its own community shows masked.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            var member = await db.Set<PartyMember>().FirstAsync();
            await RedGridTestData.SaveAsync(scope.ServiceProvider, new Pairing { Kind = PairingKind.MemberHousehold, MemberId = member.Id, Household = "张建国", GridUnitCode = "D-01-01", StartsOn = new(2026, 1, 1), CreatedUtc = DateTime.UtcNow });
        }

        var masked = await staff.GetStringAsync("/alpha/admin/redgrid/pairings");
        Assert.Contains("张**", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("张建国", masked, StringComparison.Ordinal);
        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        Assert.Contains("张建国", await street1.GetStringAsync("/alpha/admin/redgrid/pairings"), StringComparison.Ordinal);

        // Help: bad input kept and refused, good input summed; a street of D-02 cannot add help to a D-01 pairing.
        var url = $"/alpha/admin/redgrid/pairings/{seeded.Branch.Id}";
        var bad = await HtmlForms.SubmitAsync(staff, url, "/help", ("Kind", "Money"), ("Amount", "12.345"), ("Description", "慰问金"), ("GivenOn", "2026-11-20"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("最多两位小数", badPage, StringComparison.Ordinal);
        Assert.Contains("慰问金", badPage, StringComparison.Ordinal);
        var future = await HtmlForms.SubmitAsync(staff, url, "/help", ("Kind", "Visit"), ("Amount", ""), ("Description", "走访"), ("GivenOn", "2026-11-27"));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var good = await HtmlForms.SubmitAsync(staff, url, "/help", ("Kind", "Money"), ("Amount", "2000.50"), ("Problems", "2"), ("Description", "慰问金"), ("GivenOn", "2026-11-20"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var after = await staff.GetStringAsync(url);
        Assert.Contains("¥12,000.50", after, StringComparison.Ordinal);
        Assert.Contains("data-year=\"2026\"><td>2026</td><td>¥12,000.50</td><td>¥0.00</td><td>3</td><td>2</td>", after, StringComparison.Ordinal);

        // The street's own page (its antiforgery token) with the form pointed at the D-01 pairing.
        var html = (await street.GetStringAsync($"/alpha/admin/redgrid/pairings/{seeded.Household.Id}"))
            .Replace($"pairings/{seeded.Household.Id}/help", $"pairings/{seeded.Branch.Id}/help", StringComparison.Ordinal);
        var forbidden = await HtmlForms.SubmitFromAsync(street, html, url, "/help", ("Kind", "Visit"), ("Description", "越权"), ("GivenOn", "2026-11-20"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            Assert.Equal(7, await db.Set<PairingHelp>().CountAsync(h => h.PairingId == seeded.Branch.Id));
        }
    }

    [Fact]
    public async Task A_pairing_is_created_in_the_editors_communities_only()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha").WithClock(new ManualClock(Today));
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await SeedAsync(scope.ServiceProvider);
        }

        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        const string New = "/alpha/admin/redgrid/pairings/new";
        var outside = await HtmlForms.SubmitAsync(street1, New, "/new", ("Kind", "BranchCommunity"), ("Organisation", "finance-zb"), ("GridUnit", "D-02-01"), ("StartsOn", "2026-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var missing = await HtmlForms.SubmitAsync(street1, New, "/new", ("Kind", "BranchCommunity"), ("Organisation", "nobody"), ("GridUnit", "D-01-02"), ("StartsOn", "2026-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("value=\"nobody\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var created = await HtmlForms.SubmitAsync(street1, New, "/new", ("Kind", "BranchCommunity"), ("Organisation", "finance-zb"), ("GridUnit", "D-01-02"), ("StartsOn", "2026-01-01"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await street1.GetStringAsync(created.Headers.Location!.ToString());
        Assert.Contains("区财政局党支部", page, StringComparison.Ordinal);
        var worker = await host.SignedInAsync("alpha", "worker", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(New)).StatusCode);
    }
}
