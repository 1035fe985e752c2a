using System.Net;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Services;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>The legal service rules page: every field, yuan to fen, the duty-list select, errors kept, audit.</summary>
public sealed class SettingsPageTests
{
    private const string Settings = "/alpha/admin/legal/settings";

    private static (string, string)[] Good(params (string, string)[] changes) =>
        [.. new[] { ("CommunityDepth", "3"), ("MinLeadMinutes", "90"), ("CancelUntilHours", "4"), ("MaxActivePerPhone", "2"), ("ReminderHours", "12"), ("ReviewWorkingDays", "7"),
            ("IncomeLimit", "2500.50"), ("ReceptionPetitionCategory", "0201") }
            .Select(f => changes.FirstOrDefault(c => c.Item1 == f.Item1) is { Item1: not null } c ? c : f)];

    [Fact]
    public async Task Rules_are_saved_in_fen_with_the_category_from_the_duty_list_and_bad_values_are_kept_and_refused()
    {
        await using var host = new TestHost().WithLegalAidTenant("alpha").WithClock(new ManualClock(LegalAidTestData.Monday));
        host.Start();
        var admin = await host.SignedInAsync("alpha", "admin", IdentityTestSupport.AdminPassword);

        var page = await admin.GetStringAsync(Settings);
        Assert.Contains("<select id=\"receptionPetitionCategory\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"0201\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"2300\"", page, StringComparison.Ordinal);

        var bad = await IdentityTestSupport.PostFormAsync(admin, Settings, Settings, Good(("MinLeadMinutes", "abc"), ("IncomeLimit", "12.345"), ("ReminderHours", "0"),
            ("ReceptionPetitionCategory", "9999"), ("CommunityDepth", "7")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "minLeadMinutes", "incomeLimit", "reminderHours", "receptionPetitionCategory", "communityDepth" })
        {
            Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("id=\"cancelUntilHours-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"abc\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"12.345\"", html, StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.Equal(230_000, (await scope.ServiceProvider.GetRequiredService<LegalAidSettingsStore>().GetAsync()).IncomeLimitFen);
        }

        var saved = await IdentityTestSupport.PostFormAsync(admin, Settings, Settings, Good());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("settings?done=saved", saved.Headers.Location!.ToString(), StringComparison.Ordinal);
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var settings = await scope.ServiceProvider.GetRequiredService<LegalAidSettingsStore>().GetAsync();
            Assert.Equal((250_050L, "0201", 90, 4, 2, 12), (settings.IncomeLimitFen, settings.ReceptionPetitionCategory, settings.MinLeadMinutes, settings.CancelUntilHours, settings.MaxActivePerPhone, settings.ReminderHours));
        }

        var shown = await admin.GetStringAsync($"{Settings}?done=saved");
        Assert.Contains("已保存", shown, StringComparison.Ordinal);
        Assert.Contains("value=\"2500.5\"", shown, StringComparison.Ordinal);
        var audit = Assert.Single(await host.AuditAsync("alpha", "legalaid", "settings-save"));
        Assert.Contains("incomeLimitFen", audit.Summary, StringComparison.Ordinal);

        // Saving the same values again changes nothing and writes no audit entry.
        Assert.Equal(HttpStatusCode.Redirect, (await IdentityTestSupport.PostFormAsync(admin, Settings, Settings, Good())).StatusCode);
        Assert.Single(await host.AuditAsync("alpha", "legalaid", "settings-save"));
    }
}
