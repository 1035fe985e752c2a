using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.Jobs;
using GovPlatform.LegalAid.Jobs;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Host.Tests.LegalAid.AppointmentTestSupport;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// The appointment job: one reminder per appointment and slot, claimed so that concurrent runs send it once, sent again
/// after a reschedule; appointments still booked a day after their end become missed; another tenant's run touches
/// nothing.
/// </summary>
public sealed class AppointmentTaskTests
{
    private static async Task RunAsync(TestHost host, string tenant = "alpha")
    {
        await using var scope = await host.ScopeAsync(tenant);
        var task = scope.ServiceProvider.GetServices<IBackgroundTask>().OfType<AppointmentTask>().Single();
        await task.RunAsync(scope.ServiceProvider, default);
    }

    private static List<string> Texts(TestHost host, string phone) =>
        [.. host.Logs.Where(l => l.Contains($"sms message to {phone} ", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reminder_is_sent_once_again_after_a_reschedule_and_no_shows_become_missed(string provider)
    {
        var clock = new ManualClock(LegalAidTestData.Monday);
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithLegalAidTenant("beta").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        LegalAidTestData.Seeded seeded;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            seeded = await LegalAidTestData.SeedAsync(scope.ServiceProvider);
        }

        var appointment = await BookDirectAsync(host, ProviderKind.Adviser, seeded.AssignmentId, Utc(9, 23, 14, 30), "13911112222", "陈先生");
        await BookDirectAsync(host, ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 23, 9), "13922223333", "另一位");

        await RunAsync(host); // Monday 08:00: more than a day ahead
        Assert.Empty(Texts(host, "13911112222"));

        clock.Advance(Utc(9, 22, 15) - clock.GetUtcNow().UtcDateTime); // 23.5 hours before
        await RunAsync(host, "beta");
        Assert.Empty(Texts(host, "13911112222"));
        await Task.WhenAll(RunAsync(host), RunAsync(host));
        var text = Assert.Single(Texts(host, "13911112222"));
        Assert.Contains(appointment.Code, text, StringComparison.Ordinal);
        Assert.Contains("2026-09-23 14:30", text, StringComparison.Ordinal);
        Assert.Contains("一社区居委会二楼法律服务室", text, StringComparison.Ordinal);
        Assert.Contains("李明", text, StringComparison.Ordinal);
        var body = text.Split('\n', 2)[1];
        foreach (var secret in new[] { "13800000001", "另一位", "13922223333", "14401201910000001" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        clock.Advance(TimeSpan.FromMinutes(10));
        await RunAsync(host);
        Assert.Single(Texts(host, "13911112222"));

        // Moved to 16:00: the mark is cleared and the new time is reminded.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            var moved = await scope.ServiceProvider.GetRequiredService<BookingService>().RescheduleAsync(appointment.Id, Utc(9, 23, 16), "citizen", byCitizen: true);
            Assert.True(moved.Succeeded, moved.Status.ToString());
        }

        Assert.Null((await LoadAsync(host, appointment.Code)).ReminderSentUtc);
        await RunAsync(host); // 24 hours 50 minutes before the new time: not yet
        Assert.Single(Texts(host, "13911112222"));
        clock.Advance(TimeSpan.FromHours(1));
        await RunAsync(host);
        Assert.Equal(2, Texts(host, "13911112222").Count);
        Assert.Contains("2026-09-23 16:00", Texts(host, "13911112222")[^1], StringComparison.Ordinal);

        // Not marked the day after the end (16:30) until 24 hours have passed.
        clock.Advance(Utc(9, 24, 16, 0) - clock.GetUtcNow().UtcDateTime);
        await RunAsync(host);
        Assert.Equal(AppointmentStatus.Booked, (await LoadAsync(host, appointment.Code)).Status);
        clock.Advance(TimeSpan.FromMinutes(31));
        await RunAsync(host);
        var missed = await LoadAsync(host, appointment.Code);
        Assert.Equal(AppointmentStatus.Missed, missed.Status);
        Assert.Equal("system", missed.ChangedBy);

        // Staff correct it.
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<BookingService>().MarkAsync(appointment.Id, true, "staff")).Succeeded);
        }

        await RunAsync(host);
        Assert.Equal(AppointmentStatus.Kept, (await LoadAsync(host, appointment.Code)).Status);
    }
}
