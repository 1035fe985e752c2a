using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.Petitions;
using GovPlatform.LegalAid.Advisers;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Stations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>Lawyers and advisers' terms: one term in force per community and day, early ends, the coverage report.</summary>
public sealed class AdvisersTests
{
    private static readonly OpeningRulesInput Wednesdays = new(OpenDays.Of(DayOfWeek.Wednesday), "14:30", "17:30", "30", "1", "14");

    private static async Task<(TestHost Host, LegalAidTestData.Seeded Seeded)> StartAsync(string provider = "Sqlite")
    {
        var host = await new TestHost().WithLegalAidTenant("alpha").WithClock(new ManualClock(LegalAidTestData.Monday)).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        return (host, await LegalAidTestData.SeedAsync(scope.ServiceProvider));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Overlapping_terms_are_refused_and_a_term_ended_early_makes_room(string provider)
    {
        var (host, seeded) = await StartAsync(provider);
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var editor = scope.ServiceProvider.GetRequiredService<AdviserEditor>();
        var admin = await PetitionTestData.PrincipalAsync(scope.ServiceProvider, "admin");

        // 王芳 for D-01-01 from 2027-06-01: 李明's term runs to 2027-12-31.
        var overlap = await editor.AssignAsync(new AssignmentInput("D-01-01", "14401201910000002", "2027-06-01", "2028-05-31", null, null, Wednesdays), admin);
        Assert.False(overlap.Succeeded);
        Assert.Contains("李明", overlap.Errors[""].Chinese, StringComparison.Ordinal);
        Assert.Contains("terms cannot overlap", overlap.Errors[""].English, StringComparison.Ordinal);

        // Not a community, not a lawyer, ends before it starts, no slot fits.
        var bad = await editor.AssignAsync(new AssignmentInput("D-01", "14401201999999999", "2027-06-01", "2027-05-01", null, null, new(OpenDays.Weekdays, "09:00", "09:20", "30", "1", "14")), admin);
        Assert.Equal(["community", "endsOn", "lawyer", "slotMinutes"], bad.Errors.Keys.Order(StringComparer.Ordinal));

        var term = await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<AdviserAssignment>().AsNoTracking().SingleAsync(a => a.Id == seeded.AssignmentId);
        Assert.Equal("reason", Assert.Single((await editor.EndEarlyAsync(term.Id, new DateOnly(2027, 5, 31), " ", term.Version, admin)).Errors).Key);
        Assert.Equal("endsOn", Assert.Single((await editor.EndEarlyAsync(term.Id, new DateOnly(2025, 5, 31), "律师调离", term.Version, admin)).Errors).Key);
        Assert.False((await editor.EndEarlyAsync(term.Id, new DateOnly(2027, 5, 31), "律师调离", term.Version - 1, admin)).Succeeded);
        var ended = await editor.EndEarlyAsync(term.Id, new DateOnly(2027, 5, 31), "律师调离", term.Version, admin);
        Assert.True(ended.Succeeded);
        Assert.Equal((new DateOnly(2027, 5, 31), "律师调离"), (ended.Value!.EndsOn, ended.Value.EndedReason));

        var next = await editor.AssignAsync(new AssignmentInput("D-01-01", "14401201910000002", "2027-06-01", "2028-05-31", "居委会", "每周三下午", Wednesdays), admin);
        Assert.True(next.Succeeded);
        Assert.Contains(await host.AuditAsync("alpha", "legalaid"), e => e.Action == "adviser-end");
        Assert.Contains(await host.AuditAsync("alpha", "legalaid"), e => e.Action == "adviser-assign");
    }

    [Fact]
    public async Task Lawyers_need_a_unique_seventeen_digit_licence_and_an_existing_account()
    {
        var (host, _) = await StartAsync();
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var editor = scope.ServiceProvider.GetRequiredService<AdviserEditor>();
        var bad = await editor.SaveLawyerAsync(new LawyerInput("", "没有的所", "1440", "abc", null, "nobody", true, true), null, null);
        Assert.Equal(["firm", "licenceNumber", "name", "phone", "userName"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        var taken = await editor.SaveLawyerAsync(new LawyerInput("周某", null, "14401201910000001", null, null, null, true, true), 99_999, null);
        Assert.False(taken.Succeeded);
        var added = await editor.SaveLawyerAsync(new LawyerInput("周某", "广东测试律师事务所", "14401201910000003", "020-1234567", "行政诉讼", "citizen1", false, true), null, null);
        Assert.True(added.Succeeded);
        var other = await editor.SaveLawyerAsync(new LawyerInput("吴某", null, "14401201910000003", null, null, null, true, true), (await editor.SaveLawyerAsync(new LawyerInput("吴某", null, null, null, null, null, true, true), null, null)).Value!.Id, null);
        Assert.Contains("周某", other.Errors["licenceNumber"].Chinese, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Coverage_counts_communities_per_street_in_the_readers_scope(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var services = scope.ServiceProvider;
        var editor = services.GetRequiredService<AdviserEditor>();
        // D-02-01: a term ending in ten days (covered, and listed as ending); D-01-02: a term that ended last month.
        Assert.True((await editor.AssignAsync(new AssignmentInput("D-02-01", "14401201910000002", "2026-01-01", "2026-10-01", null, null, Wednesdays), null)).Succeeded);
        Assert.True((await editor.AssignAsync(new AssignmentInput("D-01-02", "14401201910000002", "2025-01-01", "2026-08-31", null, null, Wednesdays), null)).Succeeded);
        var report = services.GetRequiredService<CoverageReport>();

        var all = await report.BuildAsync(await PetitionTestData.PrincipalAsync(services, "admin"));
        Assert.Equal(new DateOnly(2026, 9, 21), all.Today);
        Assert.Equal((2, 3), (all.Covered, all.Total));
        Assert.Equal([("D-01", 1, 2), ("D-02", 1, 1)], all.Streets.Select(s => (s.Street!.Code, s.Covered, s.Total)));
        Assert.Equal("D-01-02", Assert.Single(all.Streets[0].Uncovered).Code);
        Assert.Equal("D-02-01", Assert.Single(all.Ending).Community.Code);

        var street1 = await report.BuildAsync(await PetitionTestData.PrincipalAsync(services, "street1"));
        Assert.Equal((1, 2), (street1.Covered, street1.Total));
        Assert.Empty(street1.Ending);
        Assert.Equal((0, 3), ((await report.BuildAsync(new ClaimsPrincipal(new ClaimsIdentity()), new DateOnly(2028, 1, 1))).Covered, all.Total));
    }
}
