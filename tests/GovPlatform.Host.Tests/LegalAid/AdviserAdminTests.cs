using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Host.Tests.Petitions;
using GovPlatform.LegalAid.Advisers;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Stations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>The advisers' admin pages through HTTP: lawyers and terms lists, firms, lawyers and terms editors, end early, permissions, stale edits, tenants.</summary>
public sealed partial class AdviserAdminTests
{
    private const string Advisers = "/alpha/admin/legal/advisers";

    [GeneratedRegex("name=\"(Stamp|Version)\" value=\"(\\d+)\"")]
    private static partial Regex Hidden();

    private static async Task<(TestHost Host, LegalAidTestData.Seeded Seeded, HttpClient Admin)> StartAsync(string provider = "Sqlite", bool beta = false)
    {
        var host = new TestHost().WithLegalAidTenant("alpha");
        if (beta)
        {
            host.WithLegalAidTenant("beta");
        }

        await host.WithClock(new ManualClock(LegalAidTestData.Monday)).WithProviderAsync(provider);
        host.Start();
        LegalAidTestData.Seeded seeded;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            seeded = await LegalAidTestData.SeedAsync(scope.ServiceProvider);
        }

        return (host, seeded, await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword));
    }

    private static async Task<string> HiddenAsync(HttpClient client, string url) => Hidden().Match(await client.GetStringAsync(url)).Groups[2].Value;

    [Fact]
    public async Task The_menu_links_render_and_only_Manage_reaches_the_editors()
    {
        var (host, seeded, admin) = await StartAsync();
        await using var _ = host;

        var list = await admin.GetAsync(Advisers);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var page = await list.Content.ReadAsStringAsync();
        Assert.Contains("李明", page, StringComparison.Ordinal);
        Assert.Contains("14401201910000002", page, StringComparison.Ordinal);
        Assert.Contains($"advisers/terms/{seeded.AssignmentId}", page, StringComparison.Ordinal);
        Assert.Contains("advisers/lawyers/new", page, StringComparison.Ordinal);
        Assert.Contains("advisers/coverage", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/alpha/admin/legal/settings")).StatusCode);
        foreach (var path in new[] { "firms", "firms/new", $"firms/{seeded.FirmId}", "lawyers/new", $"lawyers/{seeded.OtherLawyerId}", "terms/new", $"terms/{seeded.AssignmentId}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{Advisers}/{path}")).StatusCode);
        }

        // Filters: by firm, by status, by text.
        Assert.DoesNotContain("王芳", await admin.GetStringAsync($"{Advisers}?q=李"), StringComparison.Ordinal);
        Assert.DoesNotContain($"lawyers/{seeded.AdviserLawyerId}\"", await admin.GetStringAsync($"{Advisers}?active=no"), StringComparison.Ordinal);
        Assert.Contains("王芳", await admin.GetStringAsync($"{Advisers}?firm={seeded.FirmId}"), StringComparison.Ordinal);
        Assert.DoesNotContain($"terms/{seeded.AssignmentId}", await admin.GetStringAsync($"{Advisers}?status=ended"), StringComparison.Ordinal);

        // A street admin reads the lists (terms of its scope only) and reaches no editor.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        var streetPage = await street.GetStringAsync(Advisers);
        Assert.Contains("李明", streetPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"terms/{seeded.AssignmentId}", streetPage, StringComparison.Ordinal);
        Assert.DoesNotContain("lawyers/new", streetPage, StringComparison.Ordinal);
        Assert.Contains($"terms/{seeded.AssignmentId}", await admin.GetStringAsync($"{Advisers}?unit=D-01"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await street.GetAsync($"{Advisers}/firms")).StatusCode);
        foreach (var path in new[] { "firms/new", $"firms/{seeded.FirmId}", "lawyers/new", $"lawyers/{seeded.OtherLawyerId}", "terms/new", $"terms/{seeded.AssignmentId}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync($"{Advisers}/{path}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync("/alpha/admin/legal/settings")).StatusCode);
        var citizen = await host.SignedInAsync("alpha", "citizen1", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync(Advisers)).StatusCode);
    }

    [Fact]
    public async Task Firms_are_created_and_edited_with_bad_or_stale_input_kept_and_refused()
    {
        var (host, seeded, admin) = await StartAsync();
        await using var _ = host;
        var create = $"{Advisers}/firms/new";

        var bad = await IdentityTestSupport.PostFormAsync(admin, create, create, ("Name", "新律所"), ("CreditCode", "123"), ("Phone", "abc"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("统一社会信用代码为 18 位", page, StringComparison.Ordinal);
        Assert.Contains("id=\"phone-error\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"新律所\"", page, StringComparison.Ordinal);

        var same = await IdentityTestSupport.PostFormAsync(admin, create, create, ("Name", "广东测试律师事务所"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Contains("已有名为", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(admin, create, create, ("Name", "新律所"), ("EnglishName", "New Firm"), ("CreditCode", "91440101MA5CXXXX0X"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("新律所", await admin.GetStringAsync($"{Advisers}/firms?done=created"), StringComparison.Ordinal);

        var edit = $"{Advisers}/firms/{seeded.FirmId}";
        var stamp = await HiddenAsync(admin, edit);
        (string, string)[] fields = [("Name", "广东测试律师事务所（改名）"), ("EnglishName", "Test Firm"), ("Address", "越秀路 1 号"), ("Active", "true")];
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, edit, edit, [.. fields, ("Stamp", stamp)])).StatusCode);
        var stale = await IdentityTestSupport.PostFormAsync(admin, edit, edit, [("Name", "过时的名称"), ("Active", "true"), ("Stamp", stamp)]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("过时的名称", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var firms = await admin.GetStringAsync($"{Advisers}/firms");
        Assert.Contains("广东测试律师事务所（改名）", firms, StringComparison.Ordinal);
        Assert.DoesNotContain("过时的名称", firms, StringComparison.Ordinal);
        Assert.Contains(await host.AuditAsync("alpha", "legalaid"), e => e.Action == "firm-save");
    }

    [Fact]
    public async Task Lawyers_are_created_and_edited_with_the_account_and_licence_checked()
    {
        var (host, seeded, admin) = await StartAsync();
        await using var _ = host;
        var create = $"{Advisers}/lawyers/new";

        var bad = await IdentityTestSupport.PostFormAsync(admin, create, create, ("Name", "周律师"), ("LicenceNumber", "1440"), ("UserName", "nobody"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("17 位数字", page, StringComparison.Ordinal);
        Assert.Contains("本区没有用户“nobody”", page, StringComparison.Ordinal);
        Assert.Contains("value=\"周律师\"", page, StringComparison.Ordinal);

        // A licence already registered is refused instead of overwriting its holder.
        var taken = await IdentityTestSupport.PostFormAsync(admin, create, create, ("Name", "周律师"), ("LicenceNumber", "14401201910000001"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("已登记给李明", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await IdentityTestSupport.PostFormAsync(admin, create, create, ("Name", "周律师"), ("Firm", "广东测试律师事务所"), ("LicenceNumber", "14401201910000003"),
            ("Specialities", "行政诉讼"), ("UserName", "citizen2"), ("TakesAidCases", "true"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await admin.GetStringAsync($"{Advisers}?q=行政");
        Assert.Contains("周律师", list, StringComparison.Ordinal);
        Assert.Contains("citizen2", list, StringComparison.Ordinal);

        var edit = $"{Advisers}/lawyers/{seeded.OtherLawyerId}";
        var stamp = await HiddenAsync(admin, edit);
        (string, string)[] fields = [("Name", "王芳"), ("Firm", "广东测试律师事务所"), ("LicenceNumber", "14401201910000002"), ("UserName", "lawyer2"), ("Specialities", "合同纠纷"), ("Active", "true")];
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, edit, edit, [.. fields, ("Stamp", stamp)])).StatusCode);
        var stale = await IdentityTestSupport.PostFormAsync(admin, edit, edit, [.. fields.Select(f => f.Item1 == "Specialities" ? ("Specialities", "过时的专长") : f), ("Stamp", stamp)]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("过时的专长", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stamp2 = await HiddenAsync(admin, edit);
        var duplicate = await IdentityTestSupport.PostFormAsync(admin, edit, edit, [.. fields.Select(f => f.Item1 == "LicenceNumber" ? ("LicenceNumber", "14401201910000001") : f), ("Stamp", stamp2)]);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("合同纠纷", await admin.GetStringAsync(Advisers), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terms_are_assigned_with_overlaps_shown_by_the_dates_and_ended_early_with_the_version_checked()
    {
        var (host, seeded, admin) = await StartAsync();
        await using var _ = host;
        var create = $"{Advisers}/terms/new";
        var form = await admin.GetStringAsync(create);
        Assert.Contains("value=\"D-01-01\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"D-01\"", form, StringComparison.Ordinal);

        (string, string)[] term = [("Community", "D-01-01"), ("Licence", "14401201910000002"), ("StartsOn", "2027-06-01"), ("EndsOn", "2028-05-31"), ("Place", "居委会"),
            ("Hours", "每周三下午"), ("Days", "Wednesday"), ("Opens", "14:30"), ("Closes", "17:30"), ("SlotMinutes", "30"), ("SlotCapacity", "1"), ("DaysAhead", "14")];
        var overlap = await IdentityTestSupport.PostFormAsync(admin, create, create, term);
        Assert.Equal(HttpStatusCode.BadRequest, overlap.StatusCode);
        var page = await overlap.Content.ReadAsStringAsync();
        Assert.Matches("id=\"startsOn-error\">[^<]*任期不能重叠", page);
        Assert.Contains("value=\"每周三下午\"", page, StringComparison.Ordinal);

        var bad = await IdentityTestSupport.PostFormAsync(admin, create, create, [.. term.Select(f => f.Item1 switch
        {
            "Community" => ("Community", "D-02-01"),
            "Closes" => ("Closes", "14:00"),
            "EndsOn" => ("EndsOn", "2027-01-01"),
            _ => f,
        })]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"endsOn-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"closes-error\"", page, StringComparison.Ordinal);

        var assigned = await IdentityTestSupport.PostFormAsync(admin, create, create, [.. term.Select(f => f.Item1 == "Community" ? ("Community", "D-02-01") : f)]);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Contains("已聘任法律顾问", await admin.GetStringAsync($"{Advisers}?done=assigned&status=future"), StringComparison.Ordinal);

        var termPage = $"{Advisers}/terms/{seeded.AssignmentId}";
        var end = $"{termPage}/end";
        var version = await HiddenAsync(admin, termPage);
        var stale = await IdentityTestSupport.PostFormAsync(admin, termPage, end, ("EndsOn", "2027-05-31"), ("Reason", "律师调离"), ("Version", "99"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var noReason = await IdentityTestSupport.PostFormAsync(admin, termPage, end, ("EndsOn", "2027-05-31"), ("Reason", " "), ("Version", version));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("id=\"reason-error\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var outside = await IdentityTestSupport.PostFormAsync(admin, termPage, end, ("EndsOn", "2029-01-01"), ("Reason", "律师调离"), ("Version", version));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("value=\"律师调离\"", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ended = await IdentityTestSupport.PostFormAsync(admin, termPage, end, ("EndsOn", "2027-05-31"), ("Reason", "律师调离"), ("Version", version));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var after = await admin.GetStringAsync($"{termPage}?done=ended");
        Assert.Contains("律师调离", after, StringComparison.Ordinal);
        Assert.DoesNotContain("/end\"", after, StringComparison.Ordinal);

        // The overlap is gone: 王芳 can now follow 李明 in D-01-01.
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, create, create, term)).StatusCode);
        Assert.Contains(await host.AuditAsync("alpha", "legalaid"), e => e.Action == "adviser-end");
    }

    [Fact]
    public async Task Another_tenants_ids_are_not_found()
    {
        var (host, seeded, _) = await StartAsync(beta: true);
        await using var _ = host;
        var beta = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        foreach (var path in new[] { $"lawyers/{seeded.AdviserLawyerId}", $"firms/{seeded.FirmId}", $"terms/{seeded.AssignmentId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync($"/beta/admin/legal/advisers/{path}")).StatusCode);
        }

        Assert.DoesNotContain("李明", await beta.GetStringAsync("/beta/admin/legal/advisers"), StringComparison.Ordinal);
        var edit = $"/beta/admin/legal/advisers/lawyers/{seeded.AdviserLawyerId}";
        var post = await IdentityTestSupport.PostFormAsync(beta, "/beta/admin/legal/advisers/lawyers/new", edit, ("Name", "冒名"), ("Active", "true"), ("Stamp", "0"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ten_admins_assigning_overlapping_terms_at_once_make_exactly_one(string provider)
    {
        var (host, _, _) = await StartAsync(provider);
        await using var _ = host;
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = await host.ScopeAsync("alpha");
            var admin = await PetitionTestData.PrincipalAsync(scope.ServiceProvider, "admin");
            // Each from a different month of 2027, all overlapping each other through December.
            return await scope.ServiceProvider.GetRequiredService<AdviserEditor>().AssignAsync(new AssignmentInput("D-02-01", i % 2 == 0 ? "14401201910000002" : "14401201910000001",
                $"2027-{i + 1:D2}-01", "2027-12-31", null, null, new OpeningRulesInput(OpenDays.Of(DayOfWeek.Wednesday), "14:30", "17:30", "30", "1", "14")), admin);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("terms cannot overlap", r.Errors[""].English, StringComparison.Ordinal));
        await using var check = await host.ScopeAsync("alpha");
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<TenantDbContext>().Set<AdviserAssignment>().CountAsync(a => a.GridUnitCode == "D-02-01"));
    }
}
