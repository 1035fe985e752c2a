using System.Net;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>
/// The three lists through HTTP: a unit and its resource registered, a need published in scope only, matched into a
/// project and completed; the public page shows completed public projects without phones; another tenant sees none.
/// </summary>
public sealed class ListsPagesTests
{
    [Fact]
    public async Task Staff_register_publish_in_scope_match_and_complete_and_the_public_page_shows_only_completed_public_projects()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha").WithRedGridTenant("beta");
        host.Start();
        var staff = await host.SignedInAsync("alpha", "staff", GridTestData.StaffPassword);
        const string Units = "/alpha/admin/redgrid/units";
        var bad = await IdentityTestSupport.PostFormAsync(staff, $"{Units}/new", $"{Units}/new",
            ("Code", "school-1"), ("Name", "第一中学"), ("Kind", "Institution"), ("GridUnit", "D-02-01"), ("Phone", "0917-1234567"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("只能选择您管辖范围内的单位", badPage, StringComparison.Ordinal);
        Assert.Contains("value=\"第一中学\"", badPage, StringComparison.Ordinal);
        var created = await IdentityTestSupport.PostFormAsync(staff, $"{Units}/new", $"{Units}/new",
            ("Code", "school-1"), ("Name", "第一中学"), ("Kind", "Institution"), ("GridUnit", "D-01-01-01"), ("Phone", "0917-1234567"), ("Active", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var unitPath = created.Headers.Location!.OriginalString.Split('?')[0];
        var resource = await IdentityTestSupport.PostFormAsync(staff, unitPath, $"{unitPath}/resources",
            ("Type", "Venue"), ("Title", "学校礼堂"), ("Quantity", "300"), ("Unit", "座"), ("Available", "true"));
        Assert.Equal(HttpStatusCode.Redirect, resource.StatusCode);
        Assert.Contains("学校礼堂", await staff.GetStringAsync(unitPath), StringComparison.Ordinal);
        var stale = await IdentityTestSupport.PostFormAsync(staff, unitPath, unitPath,
            ("Code", "school-1"), ("Name", "过时的名字"), ("Kind", "Institution"), ("GridUnit", "D-01-01-01"), ("Active", "true"), ("Version", "0"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        const string Needs = "/alpha/admin/redgrid/needs";
        var outOfScope = await IdentityTestSupport.PostFormAsync(staff, $"{Needs}/new", $"{Needs}/new", ("GridUnit", "D-02-01"), ("Type", "Venue"), ("Title", "别人的需求"));
        Assert.Equal(HttpStatusCode.BadRequest, outOfScope.StatusCode);
        var published = await IdentityTestSupport.PostFormAsync(staff, $"{Needs}/new", $"{Needs}/new", ("GridUnit", "D-01-01"), ("Type", "Venue"), ("Title", "文艺汇演场地"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var needPath = published.Headers.Location!.OriginalString.Split('?')[0];
        var needPage = await staff.GetStringAsync(needPath);
        Assert.Contains("学校礼堂", needPage, StringComparison.Ordinal);
        Assert.Contains("类型相同", needPage, StringComparison.Ordinal);

        long resourceId, needId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
            resourceId = (await db.Set<UnitResource>().SingleAsync()).Id;
            needId = (await db.Set<CommunityNeed>().SingleAsync()).Id;
        }

        var match = await IdentityTestSupport.PostFormAsync(staff, needPath, $"{needPath}/match",
            ("ResourceId", resourceId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("NeedVersion", "1"), ("Title", "社区文艺汇演"), ("Owner", "王建国"), ("StartsOn", "2026-12-01"));
        Assert.Equal(HttpStatusCode.Redirect, match.StatusCode);
        var twice = await IdentityTestSupport.PostFormAsync(staff, needPath, $"{needPath}/match",
            ("ResourceId", resourceId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("NeedVersion", "1"), ("Title", "重复"), ("Owner", "王建国"));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        Assert.DoesNotContain("社区文艺汇演", await host.Client().GetStringAsync("/alpha/redgrid/projects"), StringComparison.Ordinal);
        long projectId;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            projectId = (await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Project>().SingleAsync(p => p.NeedId == needId)).Id;
        }

        var complete = await IdentityTestSupport.PostFormAsync(staff, needPath, $"/alpha/admin/redgrid/needs/projects/{projectId}/complete",
            ("Version", "1"), ("Outcome", "三百位居民观看了汇演"), ("Beneficiaries", "300"), ("CompletedOn", "2026-12-20"));
        Assert.Equal(HttpStatusCode.Redirect, complete.StatusCode);
        var publicPage = await host.Client().GetStringAsync("/alpha/redgrid/projects");
        Assert.Contains("社区文艺汇演", publicPage, StringComparison.Ordinal);
        Assert.Contains("三百位居民观看了汇演", publicPage, StringComparison.Ordinal);
        Assert.Contains("第一中学", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("0917-1234567", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("社区文艺汇演", await host.Client().GetStringAsync("/alpha/redgrid/projects?street=D-02"), StringComparison.Ordinal);
        Assert.Contains("社区文艺汇演", await host.Client().GetStringAsync("/alpha/redgrid/projects?street=D-01"), StringComparison.Ordinal);

        // Hidden from the public site on request.
        var hide = await IdentityTestSupport.PostFormAsync(staff, needPath, $"/alpha/admin/redgrid/needs/projects/{projectId}/public", ("Version", "2"), ("Shown", "false"));
        Assert.Equal(HttpStatusCode.Redirect, hide.StatusCode);
        Assert.DoesNotContain("社区文艺汇演", await host.Client().GetStringAsync("/alpha/redgrid/projects"), StringComparison.Ordinal);

        // Another community's and another tenant's staff see nothing of it.
        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.DoesNotContain("文艺汇演场地", await street.GetStringAsync(Needs), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync(needPath)).StatusCode);
        var betaAdmin = await host.SignedInAsync("beta", "admin", IdentityTestSupport.AdminPassword);
        Assert.DoesNotContain("文艺汇演场地", await betaAdmin.GetStringAsync("/beta/admin/redgrid/needs"), StringComparison.Ordinal);
        Assert.DoesNotContain("第一中学", await betaAdmin.GetStringAsync("/beta/admin/redgrid/units"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await betaAdmin.GetAsync(needPath.Replace("/alpha/", "/beta/", StringComparison.Ordinal))).StatusCode);
    }
}
