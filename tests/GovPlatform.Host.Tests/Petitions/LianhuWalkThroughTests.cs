using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Core.Jobs;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Identity.Services;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GovPlatform.Host.Tests.Petitions;

/// <summary>
/// The walk-through on 莲湖 with its own recipe (duty list, 2026 calendar, grid): a citizen reports a blocked fire
/// lane on the public form; the community confirms, assesses and assigns it to the grid; the grid worker takes it; its
/// deadline (4 working hours) passes, the job marks it overdue and the street supervises; the worker answers and closes
/// it; the citizen rates it; the district finds it in the ledger export as overdue, with its rating.
/// </summary>
public sealed partial class LianhuWalkThroughTests
{
    private const string Password = "Lianhu-pass-2026";
    private const string Phone = "13991234567";

    [Fact]
    public async Task A_newcomer_follows_a_petition_from_the_public_form_through_every_role_sees_it_overdue_and_finds_it_in_the_ledger()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8))); // a Monday
        await using var host = new TestHost().WithRepositoryTenants().WithClock(clock);
        host.Start();
        await using (var scope = await host.ScopeAsync("lianhu"))
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await Create(accounts, "admin", "Administrator", null);
            await Create(accounts, "shequ", "CommunityStaff", "610104-01-001");
            await Create(accounts, "jiedao", "StreetAdmin", "610104-01");
            await Create(accounts, "wangge", "GridWorker", "610104-01-001-01");
        }

        // The citizen: 我要反映, without an account.
        var citizen = host.Client();
        var receipt = await WorkbenchTestSupport.PostMultipartAsync(citizen, "/lianhu/petitions/new", "/lianhu/petitions/new",
        [
            ("CategoryCode", "0302"),
            ("Description", "药王洞社区3号楼消防通道被电动车和杂物堵塞，消防车进不来。"),
            ("Units", "610104-01"), ("Units", "610104-01-001"), ("Units", "610104-01-001-01"),
            ("ContactName", "赵先生"),
            ("ContactPhone", Phone),
            ("IdempotencyKey", "walk-through-1"),
        ]);
        var receiptHtml = await WorkbenchTestSupport.HtmlAsync(receipt);
        Assert.True(receipt.StatusCode == HttpStatusCode.OK, receiptHtml);
        var number = NumberPattern().Match(receiptHtml).Groups[1].Value;
        Assert.Matches("^261123[0-9]{8}$", number);

        // The community (社区 takes online petitions): confirms, assesses and assigns it to its grid.
        var shequ = await host.SignedInAsync("lianhu", "shequ", Password);
        var id = await FindAsync(shequ, number);
        await ActAsync(shequ, id, "confirm");
        await ActAsync(shequ, id, "assess", ("categoryCode", "0302"));
        await ActAsync(shequ, id, "assign-unit", ("unitCode", "610104-01-001-01"));

        // The grid worker takes it.
        var wangge = await host.SignedInAsync("lianhu", "wangge", Password);
        await ActAsync(wangge, id, "accept");

        // 4 working hours from 09:30 on the district's calendar (08:30–12:00, 13:30–17:30) is 15:00; at 16:00 it is overdue.
        clock.Advance(TimeSpan.FromHours(6.5));
        await host.Services.GetRequiredService<BackgroundTaskRunner>().RunDueAsync();
        var jiedao = await host.SignedInAsync("lianhu", "jiedao", Password);
        var overdue = await WorkbenchTestSupport.PageAsync(jiedao, "/lianhu/admin/petitions?view=overdue");
        Assert.Contains(number, overdue, StringComparison.Ordinal);
        var supervised = await WorkbenchTestSupport.PageAsync(jiedao, $"/lianhu/admin/petitions/{id}");
        Assert.Contains("日常督办", supervised, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 15:00", supervised, StringComparison.Ordinal);
        await ActAsync(jiedao, id, "add-note", ("note", "请今天下班前清理完毕并反馈"));

        // The worker answers the supervision and closes the case with a reply for the citizen.
        await ActAsync(wangge, id, "respond-supervision", ("note", "已联系物业，正在清理"));
        await ActAsync(wangge, id, "complete", ("publicReply", "物业已清走电动车和杂物，消防通道已畅通。"));

        // The citizen follows it with number and phone and rates it.
        var status = await IdentityTestSupport.PostFormAsync(citizen, "/lianhu/petitions/track", "/lianhu/petitions/track",
            ("TrackingNumber", number), ("Phone", Phone));
        var statusHtml = await WorkbenchTestSupport.HtmlAsync(status);
        Assert.Contains("物业已清走电动车和杂物，消防通道已畅通。", statusHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("请今天下班前清理完毕并反馈", statusHtml, StringComparison.Ordinal);
        var rated = await IdentityTestSupport.PostFormAsync(citizen, "/lianhu/petitions/track", "/lianhu/petitions/track/rate",
            ("TrackingNumber", number), ("Phone", Phone), ("Satisfaction", "4"), ("Resolved", "true"), ("Comment", "处理及时"));
        Assert.Contains("考核评价", await WorkbenchTestSupport.HtmlAsync(rated), StringComparison.Ordinal);

        // The district finds it in the month's ledger export: overdue, rated 4, resolved.
        var admin = await host.SignedInAsync("lianhu", "admin", Password);
        var export = await admin.GetAsync("/lianhu/admin/petitions/ledger/export?period=custom&from=2026-11-01&to=2026-11-30&group=unit");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var row = Assert.Single(MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "台账").Cast<IDictionary<string, object?>>(),
            r => (string?)r["诉求编号"] == number);
        Assert.Equal("超期", row["是否按期"]);
        Assert.Equal(4d, Convert.ToDouble(row["满意度"], CultureInfo.InvariantCulture));
        Assert.Equal("是", row["是否解决"]);
        Assert.Equal("安全隐患 / 消防通道堵塞占用", row["诉求类别"]);
        Assert.Equal("第一网格", row["所在网格"]);
    }

    private static async Task Create(UserAccounts accounts, string userName, string role, string? unit)
    {
        var (result, _) = await accounts.CreateAsync(userName, $"{userName}@lianhu.example.cn", userName, null, Password, [role], unit is null ? null : [unit]);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private static async Task<long> FindAsync(HttpClient client, string number)
    {
        var list = await WorkbenchTestSupport.PageAsync(client, $"/lianhu/admin/petitions?view=all&q={number}");
        return long.Parse(Regex.Match(list, "/lianhu/admin/petitions/(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Sends one action's form from the case page, as the browser does, and expects the page to confirm it.</summary>
    private static async Task ActAsync(HttpClient client, long id, string action, params (string Name, string Value)[] fields)
    {
        var response = await WorkbenchTestSupport.PostMultipartAsync(client, $"/lianhu/admin/petitions/{id}", $"/lianhu/admin/petitions/{id}/{action}", fields);
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.True(location.Contains($"done={action}", StringComparison.Ordinal),
            $"{action}: {(int)response.StatusCode} {location} {(await WorkbenchTestSupport.HtmlAsync(response))[..Math.Min(2000, (await response.Content.ReadAsStringAsync()).Length)]}");
    }

    [GeneratedRegex("<strong>(\\d{14})</strong>")]
    private static partial Regex NumberPattern();
}
