using System.Net;
using System.Text.RegularExpressions;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Appointments;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>Drives the appointment pages the way a browser without JavaScript does.</summary>
internal static partial class AppointmentTestSupport
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime Utc(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified), Shanghai);

    /// <summary>A legal aid tenant (or two) on a manual clock at <see cref="LegalAidTestData.Monday"/>, seeded, with the public form's limit set.</summary>
    public static async Task<(TestHost Host, ManualClock Clock, LegalAidTestData.Seeded Seeded)> StartAsync(int permits = 1000, params string[] tenants)
    {
        tenants = tenants.Length == 0 ? ["alpha"] : tenants;
        var clock = new ManualClock(LegalAidTestData.Monday);
        var host = new TestHost().WithClock(clock);
        foreach (var tenant in tenants)
        {
            host.WithLegalAidTenant(tenant).WithSetting($"GovPlatform:Tenants:{tenant}:RateLimits:PublicForm:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        host.Start();
        LegalAidTestData.Seeded? first = null;
        foreach (var tenant in tenants)
        {
            await using var scope = await host.ScopeAsync(tenant);
            first ??= await LegalAidTestData.SeedAsync(scope.ServiceProvider);
        }

        return (host, clock, first!);
    }

    /// <summary>Opens the booking form of a slot and posts it; returns the response, its page and the form's key.</summary>
    public static async Task<(HttpStatusCode Status, string Html, string Key)> BookAsync(
        HttpClient client, string path, DateTime slotUtc, string phone = "13911112222", string name = "陈先生", string matterType = "Labour", string? key = null)
    {
        var formUrl = $"{path}?slot={AppointmentFormats.Slot(slotUtc)}";
        if (key is null)
        {
            key = await KeyAsync(client, path, slotUtc);
        }
        else
        {
            // A form opened earlier (its slot may be gone by now): any page's antiforgery token serves.
            formUrl = $"/{path.Split('/')[1]}/legal/appointments";
        }

        var response = await IdentityTestSupport.PostFormAsync(client, formUrl, path,
            ("IdempotencyKey", key), ("Start", AppointmentFormats.Slot(slotUtc)), ("CitizenName", name), ("Phone", phone), ("MatterType", matterType), ("Matter", "公司拖欠工资三个月。"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), key);
    }

    /// <summary>The idempotency key of a freshly opened booking form.</summary>
    public static async Task<string> KeyAsync(HttpClient client, string path, DateTime slotUtc)
    {
        var page = await client.GetStringAsync($"{path}?slot={AppointmentFormats.Slot(slotUtc)}");
        var key = KeyPattern().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);
        return key;
    }

    /// <summary>The code shown on an appointment page.</summary>
    public static string CodeOf(string html) => CodePattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No code in: " + html);

    public static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient client, string tenant, string path, params (string Name, string Value)[] fields)
    {
        var response = await IdentityTestSupport.PostFormAsync(client, $"/{tenant}/legal/appointments", $"/{tenant}/{path}", fields);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<Appointment> LoadAsync(TestHost host, string code, string tenant = "alpha")
    {
        await using var scope = await host.ScopeAsync(tenant);
        return await scope.ServiceProvider.GetRequiredService<TenantDbContext>().Set<Appointment>().AsNoTracking().SingleAsync(a => a.Code == code);
    }

    public static async Task<int> FreeAsync(TestHost host, ProviderKind kind, long id, DateTime slotUtc)
    {
        await using var scope = await host.ScopeAsync("alpha");
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var bookable = (await booking.FindAsync(kind, id))!;
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(slotUtc, Shanghai));
        return (await booking.SlotsAsync(bookable, date, 1)).Single(s => s.StartsUtc == slotUtc).Free;
    }

    public static async Task<Appointment> BookDirectAsync(TestHost host, ProviderKind kind, long id, DateTime slotUtc, string phone, string name = "陈先生", string? userName = null)
    {
        await using var scope = await host.ScopeAsync("alpha");
        var result = await scope.ServiceProvider.GetRequiredService<BookingService>()
            .BookAsync(new BookingRequest(kind, id, slotUtc, name, phone, MatterType.Family, "离婚财产分割", null), userName);
        Assert.True(result.Succeeded, result.Status.ToString());
        return result.Appointment!;
    }

    [GeneratedRegex("name=\"IdempotencyKey\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<span class=\"legal-code\">([0-9A-Z]{8})</span>")]
    private static partial Regex CodePattern();
}
