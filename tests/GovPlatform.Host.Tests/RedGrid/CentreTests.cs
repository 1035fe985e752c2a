using System.Net;
using GovPlatform.Host.Tests.Grid;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.RedGrid.Models;

namespace GovPlatform.Host.Tests.RedGrid;

/// <summary>Service centres: added through the editor in scope, the public list with map pins, a centre's coming published activities, another tenant's centre not found.</summary>
public sealed class CentreTests
{
    [Fact]
    public async Task Centres_are_edited_in_scope_and_shown_publicly_with_a_map_and_coming_activities()
    {
        await using var host = new TestHost().WithRedGridTenant("alpha").WithRedGridTenant("beta").WithClock(new ManualClock(PairingTests.Today));
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            await RedGridTestData.SaveAsync(scope.ServiceProvider,
                new ServiceCentre { Code = "district-hub", Level = CentreLevel.District, Name = "区党群服务中心", GridUnitCode = "D", Address = "府前路1号", Longitude = GridTestData.X(0.5), Latitude = GridTestData.Y(0.5), Services = "党员教育\n政务代办", Active = true, UpdatedUtc = DateTime.UtcNow, Version = 1 },
                new ServiceCentre { Code = "closed-hub", Level = CentreLevel.Street, Name = "已关闭中心", GridUnitCode = "D-02", Address = "东路", Active = false, UpdatedUtc = DateTime.UtcNow, Version = 1 });
        }

        var street1 = await host.SignedInAsync("alpha", "street1", GridTestData.StaffPassword);
        const string New = "/alpha/admin/redgrid/centres/new";
        var outside = await HtmlForms.SubmitAsync(street1, New, "/new", ("Code", "east-hub"), ("Level", "Street"), ("Name", "东关服务站"), ("GridUnit", "D-02"), ("Address", "东关"));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var bad = await HtmlForms.SubmitAsync(street1, New, "/new", ("Code", "Bad Code"), ("Level", "Street"), ("Name", "一街服务中心"), ("GridUnit", "D-01"), ("Address", "一街"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("value=\"一街服务中心\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var created = await HtmlForms.SubmitAsync(street1, New, "/new", ("Code", "street1-hub"), ("Level", "Street"), ("Name", "一街服务中心"), ("GridUnit", "D-01"), ("Address", "一街"),
            ("Longitude", GridTestData.X(1.5).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Latitude", GridTestData.Y(0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Services", "党员活动室\n\n 法律咨询 "), ("Active", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = created.Headers.Location!.ToString().Split('?')[0];
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.SubmitAsync(street1, edit, "/activities", ("Title", "党课"), ("StartsAt", "2026-12-01T09:30"), ("Place", "二楼"), ("Published", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.SubmitAsync(street1, edit, "/activities", ("Title", "内部会议"), ("StartsAt", "2026-12-02T09:30"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlForms.SubmitAsync(street1, edit, "/activities", ("Title", "上月活动"), ("StartsAt", "2026-10-02T09:30"), ("Published", "true"))).StatusCode);
        var badActivity = await HtmlForms.SubmitAsync(street1, edit, "/activities", ("Title", "无时间"), ("StartsAt", "soon"));
        Assert.Equal(HttpStatusCode.BadRequest, badActivity.StatusCode);

        var street = await host.SignedInAsync("alpha", "street", GridTestData.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.GetAsync(edit)).StatusCode);

        var client = host.Client();
        var list = await client.GetStringAsync("/alpha/redgrid/centres");
        Assert.Contains("区党群服务中心", list, StringComparison.Ordinal);
        Assert.Contains("一街服务中心", list, StringComparison.Ordinal);
        Assert.DoesNotContain("已关闭中心", list, StringComparison.Ordinal);
        Assert.Contains("redgrid-pin-street", list, StringComparison.Ordinal);
        Assert.Contains("redgrid-pin-district", list, StringComparison.Ordinal);
        Assert.DoesNotContain("一街服务中心", await client.GetStringAsync("/alpha/redgrid/centres?level=District"), StringComparison.Ordinal);

        var page = await client.GetStringAsync("/alpha/redgrid/centres/street1-hub");
        Assert.Contains("<li>法律咨询</li>", page, StringComparison.Ordinal);
        Assert.Contains("党课", page, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 09:30", page, StringComparison.Ordinal);
        Assert.DoesNotContain("内部会议", page, StringComparison.Ordinal);
        Assert.DoesNotContain("上月活动", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/beta/redgrid/centres/street1-hub")).StatusCode);
        Assert.DoesNotContain("一街服务中心", await client.GetStringAsync("/beta/redgrid/centres"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/alpha/redgrid/centres/closed-hub")).StatusCode);
    }
}
