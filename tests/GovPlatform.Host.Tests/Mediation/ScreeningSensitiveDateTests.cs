using System.Net;
using GovPlatform.Core.Jobs;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.Petitions.WorkbenchTestSupport;

namespace GovPlatform.Host.Tests.Mediation;

/// <summary>Sensitive dates in the mediation rules: entered on the rules page, and a sweep opened before each.</summary>
public sealed class ScreeningSensitiveDateTests
{
    [Fact]
    public async Task A_sweep_opens_three_working_days_before_a_sensitive_date_of_the_rules()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(8)));   // Friday
        await using var host = new TestHost().WithMediationTenant("alpha").WithClock(clock);
        host.Start();
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var store = scope.ServiceProvider.GetRequiredService<MediationSettingsStore>();
            var settings = await store.GetAsync();
            settings.AutoCampaigns = false;
            settings.SensitiveDates = [new SensitiveDate { Date = new DateOnly(2026, 12, 10), Name = "区人代会" }];
            await store.SaveAsync(settings);
            await scope.ServiceProvider.GetRequiredService<TenantDbContext>().SaveChangesAsync();
        }

        var runner = host.Services.GetRequiredService<BackgroundTaskRunner>();
        await runner.RunDueAsync();
        Assert.Empty(await CampaignsAsync(host));

        clock.Advance(TimeSpan.FromDays(3));   // Monday 7 December: the third working day before Thursday the 10th
        await runner.RunDueAsync();
        clock.Advance(TimeSpan.FromMinutes(15));
        await runner.RunDueAsync();
        var campaign = Assert.Single(await CampaignsAsync(host));
        Assert.Equal(CampaignKind.Sensitive, campaign.Kind);
        Assert.Equal("区人代会前矛盾纠纷集中排查", campaign.Title);
        Assert.Equal(new DateOnly(2026, 12, 7), campaign.StartsOn);
        Assert.Equal(new DateTime(2026, 12, 9, 16, 0, 0, DateTimeKind.Utc), campaign.DueUtc);   // the 10th, 00:00 in Shanghai
    }

    [Fact]
    public async Task The_rules_page_takes_sensitive_dates_one_a_line_and_refuses_a_bad_line_keeping_the_text()
    {
        await using var host = new TestHost().WithMediationTenant("alpha");
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);
        const string page = "/alpha/admin/mediation/settings";
        Assert.Contains("name=\"SensitiveDates\"", await PageAsync(admin, page), StringComparison.Ordinal);
        (string, string)[] Form(string dates) =>
        [
            ("ReportingDepth", "3"), ("AutoCampaigns", "true"), ("HolidayCampaignDays", "3"), ("ReminderHours", "24"), ("FollowUpDays", "15"),
            ("FileInPetitionsHall", "true"), ("DefaultPetitionCategory", "0201"), ("SensitiveDates", dates),
        ];
        var bad = await IdentityTestSupport.PostFormAsync(admin, page, page, Form("2027-03-05 全国两会\n3月8日 妇女节"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await HtmlAsync(bad);
        Assert.Contains("第 2 行应写成", badHtml, StringComparison.Ordinal);
        Assert.Contains("3月8日 妇女节</textarea>", badHtml, StringComparison.Ordinal);

        var saved = await IdentityTestSupport.PostFormAsync(admin, page, page, Form("2027-03-05 全国两会\n2026-12-10 区人代会"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("2026-12-10 区人代会\n2027-03-05 全国两会</textarea>", await PageAsync(admin, page), StringComparison.Ordinal);
        await using var scope = await host.ScopeAsync("alpha");
        var settings = await scope.ServiceProvider.GetRequiredService<MediationSettingsStore>().GetAsync();
        Assert.Equal([new DateOnly(2026, 12, 10), new DateOnly(2027, 3, 5)], settings.SensitiveDates.Select(d => d.Date).Order().ToArray());
    }

    private static async Task<List<ScreeningCampaign>> CampaignsAsync(TestHost host)
    {
        await using var scope = await host.ScopeAsync("alpha");
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<ScreeningCampaign>().AsNoTracking().ToListAsync();
    }
}
