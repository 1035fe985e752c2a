using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Host.Tests.Identity;
using GovPlatform.Host.Tests.Infrastructure;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Host.Tests.LegalAid;

/// <summary>
/// Appointments: the last place goes to exactly one of many citizens booking at the same instant on both providers;
/// slots follow the opening rules on the working calendar; cancelling gives the place back; rescheduling is all or
/// nothing; a repeated form submission books once; bad input is refused with reasons.
/// </summary>
public sealed class BookingServiceTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTime Utc(int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified), Shanghai);

    private static BookingRequest Request(ProviderKind kind, long id, DateTime startsUtc, string phone = "13911112222", string? key = null) =>
        new(kind, id, startsUtc, "陈先生", phone, MatterType.Labour, "公司拖欠工资三个月。", key);

    private static async Task<(TestHost Host, ManualClock Clock, LegalAidTestData.Seeded Seeded)> StartAsync(string provider = "Sqlite")
    {
        var clock = new ManualClock(LegalAidTestData.Monday);
        var host = await new TestHost().WithLegalAidTenant("alpha").WithClock(clock).WithProviderAsync(provider);
        host.Start();
        await using var scope = await host.ScopeAsync("alpha");
        return (host, clock, await LegalAidTestData.SeedAsync(scope.ServiceProvider));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Forty_citizens_booking_the_last_place_at_once_make_exactly_one_appointment(string provider)
    {
        var (host, _, seeded) = await StartAsync(provider);
        await using var _ = host;
        var slot = Utc(9, 22, 9);   // Tuesday 09:00 at the street centre: one place

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = await host.ScopeAsync("alpha");
            return await scope.ServiceProvider.GetRequiredService<BookingService>()
                .BookAsync(Request(ProviderKind.Station, seeded.StreetCentreId, slot, $"139{i:D8}"), null);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var booked = Assert.Single(results, r => r.Status == BookingStatus.Done);
        Assert.All(results.Where(r => r != booked), r => Assert.Equal(BookingStatus.Full, r.Status));
        await using var check = await host.ScopeAsync("alpha");
        var db = check.ServiceProvider.GetRequiredService<TenantDbContext>();
        Assert.Equal(booked.Appointment!.Id, (await db.Set<Appointment>().AsNoTracking().SingleAsync()).Id);
        Assert.Equal(1, (await db.Set<BookedSlot>().AsNoTracking().SingleAsync()).Booked);
        var slots = await check.ServiceProvider.GetRequiredService<BookingService>()
            .SlotsAsync((await check.ServiceProvider.GetRequiredService<BookingService>().FindAsync(ProviderKind.Station, seeded.StreetCentreId))!, new DateOnly(2026, 9, 22), 1);
        Assert.Equal([0, 1], slots.Select(s => s.Free));
    }

    [Fact]
    public async Task Slots_follow_the_rules_on_the_working_calendar()
    {
        var (host, _, seeded) = await StartAsync();
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var centre = (await booking.FindAsync(ProviderKind.Station, seeded.DistrictCentreId))!;
        var adviser = (await booking.FindAsync(ProviderKind.Adviser, seeded.AssignmentId))!;

        // Monday 08:00: today's slots from 09:00 (the lead time is an hour), six of 30 minutes with two places each.
        var monday = await booking.SlotsAsync(centre, new DateOnly(2026, 9, 21), 1);
        Assert.Equal(6, monday.Count);
        Assert.Equal(Utc(9, 21, 9), monday[0].StartsUtc);
        Assert.Equal(Utc(9, 21, 12), monday[^1].EndsUtc);
        Assert.All(monday, s => Assert.Equal(2, s.Free));

        // Saturday closed; the make-up Sunday 2026-09-27 open for a Monday–Friday station, not for a Wednesday adviser.
        Assert.Empty(await booking.SlotsAsync(centre, new DateOnly(2026, 9, 26), 1));
        Assert.Equal(6, (await booking.SlotsAsync(centre, new DateOnly(2026, 9, 27), 1)).Count);
        Assert.Empty(await booking.SlotsAsync(adviser, new DateOnly(2026, 9, 27), 1));

        // National Day (Thursday 2026-10-01) closed; the adviser only on Wednesdays, 14:30–16:30, within 14 days.
        Assert.Empty(await booking.SlotsAsync(centre, new DateOnly(2026, 10, 1), 1));
        var week = await booking.SlotsAsync(adviser, new DateOnly(2026, 9, 21), 30);
        Assert.Equal(
            [Utc(9, 23, 14, 30), Utc(9, 23, 15), Utc(9, 23, 15, 30), Utc(9, 23, 16), Utc(9, 30, 14, 30), Utc(9, 30, 15), Utc(9, 30, 15, 30), Utc(9, 30, 16)],
            week.Select(s => s.StartsUtc));
        Assert.Equal("lawyer:" + seeded.AdviserLawyerId, adviser.ProviderKey);
        Assert.Equal("D-01-01", adviser.GridUnitCode);

        // The aid workstation takes no appointments; a time that is not a slot start is refused.
        Assert.Empty(await booking.SlotsAsync((await booking.FindAsync(ProviderKind.Station, seeded.AidStationId))!, new DateOnly(2026, 9, 21), 7));
        var odd = await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 22, 9, 10)), null);
        Assert.Equal(BookingStatus.Invalid, odd.Status);
        Assert.Contains("startsUtc", odd.Errors!.Keys);
        var far = await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, Utc(10, 9, 9)), null);
        Assert.Equal(BookingStatus.Invalid, far.Status);
    }

    [Fact]
    public async Task Cancelling_gives_the_place_back_and_citizens_cannot_cancel_at_the_last_minute()
    {
        var (host, clock, seeded) = await StartAsync();
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var slot = Utc(9, 22, 10);
        var first = await booking.BookAsync(Request(ProviderKind.Station, seeded.StreetCentreId, slot, "13900000001"), "citizen1");
        Assert.Equal(BookingStatus.Done, first.Status);
        Assert.Matches("^[2-9A-HJ-NP-Z]{8}$", first.Appointment!.Code);
        Assert.Equal(BookingStatus.Full, (await booking.BookAsync(Request(ProviderKind.Station, seeded.StreetCentreId, slot, "13900000002"), null)).Status);

        // The code alone, or with another phone, finds nothing.
        Assert.Null(await booking.FindByCodeAsync(first.Appointment.Code, "13900000002"));
        var found = await booking.FindByCodeAsync(first.Appointment.Code.ToLowerInvariant(), "139 0000 0001");
        Assert.Equal(first.Appointment.Id, found!.Id);

        Assert.Equal(BookingStatus.Done, (await booking.CancelAsync(found.Id, "临时有事", BookingService.CitizenActor, byCitizen: true)).Status);
        Assert.Equal(BookingStatus.NotAllowed, (await booking.CancelAsync(found.Id, null, "staff", byCitizen: false)).Status);
        var second = await booking.BookAsync(Request(ProviderKind.Station, seeded.StreetCentreId, slot, "13900000002"), null);
        Assert.Equal(BookingStatus.Done, second.Status);

        // Within two hours of the start the citizen is told to call; staff may still cancel.
        clock.Advance(Utc(9, 22, 8, 30) - clock.GetUtcNow().UtcDateTime);
        var late = await booking.CancelAsync(second.Appointment!.Id, null, BookingService.CitizenActor, byCitizen: true);
        Assert.Equal(BookingStatus.NotAllowed, late.Status);
        Assert.Equal(BookingStatus.Done, (await booking.CancelAsync(second.Appointment.Id, "站点临时关闭", "staff", byCitizen: false)).Status);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        Assert.Equal(0, (await db.Set<BookedSlot>().AsNoTracking().SingleAsync()).Booked);
        var audit = await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Category: BookingService.AuditCategory, PageSize: 50));
        Assert.Equal(2, audit.Entries.Count(e => e.Action == "cancel"));
    }

    [Fact]
    public async Task Rescheduling_takes_the_new_place_before_giving_back_the_old_one()
    {
        var (host, _, seeded) = await StartAsync();
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var mine = (await booking.BookAsync(Request(ProviderKind.Adviser, seeded.AssignmentId, Utc(9, 23, 14, 30), "13900000001"), null)).Appointment!;
        var theirs = (await booking.BookAsync(Request(ProviderKind.Adviser, seeded.AssignmentId, Utc(9, 23, 15), "13900000002"), null)).Appointment!;

        var full = await booking.RescheduleAsync(mine.Id, Utc(9, 23, 15), BookingService.CitizenActor, byCitizen: true);
        Assert.Equal(BookingStatus.Full, full.Status);
        var moved = await booking.RescheduleAsync(mine.Id, Utc(9, 30, 16), BookingService.CitizenActor, byCitizen: true);
        Assert.Equal(BookingStatus.Done, moved.Status);
        Assert.Equal(1, moved.Appointment!.Reschedules);
        Assert.Equal(mine.Code, moved.Appointment.Code);

        // The old slot is free again, the new one and the other citizen's are taken.
        var slots = await booking.SlotsAsync((await booking.FindAsync(ProviderKind.Adviser, seeded.AssignmentId))!, new DateOnly(2026, 9, 21), 14);
        Assert.Equal(1, slots.Single(s => s.StartsUtc == Utc(9, 23, 14, 30)).Free);
        Assert.Equal(0, slots.Single(s => s.StartsUtc == Utc(9, 23, 15)).Free);
        Assert.Equal(0, slots.Single(s => s.StartsUtc == Utc(9, 30, 16)).Free);
        Assert.Equal(BookingStatus.Done, (await booking.CancelAsync(theirs.Id, null, "staff", false)).Status);
    }

    [Fact]
    public async Task A_repeated_submission_books_once_and_bad_input_is_refused_with_reasons()
    {
        var (host, _, seeded) = await StartAsync();
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var slot = Utc(9, 22, 9);
        var first = await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, slot, key: "form-1"), null);
        var again = await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, slot, key: "form-1"), null);
        Assert.Equal(BookingStatus.Done, first.Status);
        Assert.Equal(BookingStatus.Replayed, again.Status);
        Assert.Equal(first.Appointment!.Code, again.Appointment!.Code);

        // The same phone twice in one slot, then more than three coming bookings.
        Assert.Equal(BookingStatus.NotAllowed, (await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, slot, key: "form-2"), null)).Status);
        Assert.Equal(BookingStatus.Done, (await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 22, 9, 30)), null)).Status);
        Assert.Equal(BookingStatus.Done, (await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 22, 10)), null)).Status);
        var fourth = await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 22, 10, 30)), null);
        Assert.Equal(BookingStatus.NotAllowed, fourth.Status);
        Assert.Contains("phone", fourth.Errors!.Keys);

        var bad = await booking.BookAsync(new BookingRequest(ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 21, 8), " ", "12345", (MatterType)99, new string('字', 501), null), null);
        Assert.Equal(BookingStatus.Invalid, bad.Status);
        Assert.Equal(["citizenName", "matter", "matterType", "phone", "startsUtc"], bad.Errors!.Keys.Order());
        Assert.Equal(BookingStatus.NotFound, (await booking.BookAsync(Request(ProviderKind.Station, 9999, slot), null)).Status);
        var db = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        Assert.Equal(3, await db.Set<Appointment>().CountAsync());
    }

    [Fact]
    public async Task Staff_mark_an_appointment_kept_or_missed_once_its_slot_has_begun()
    {
        var (host, clock, seeded) = await StartAsync();
        await using var _ = host;
        await using var scope = await host.ScopeAsync("alpha");
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var appointment = (await booking.BookAsync(Request(ProviderKind.Station, seeded.DistrictCentreId, Utc(9, 21, 9)), null)).Appointment!;
        Assert.Equal(BookingStatus.NotAllowed, (await booking.MarkAsync(appointment.Id, kept: true, "staff")).Status);

        clock.Advance(TimeSpan.FromHours(1.25));
        Assert.Equal(AppointmentStatus.Missed, (await booking.MarkAsync(appointment.Id, kept: false, "staff")).Appointment!.Status);
        Assert.Equal(AppointmentStatus.Kept, (await booking.MarkAsync(appointment.Id, kept: true, "staff")).Appointment!.Status);
        Assert.Equal(BookingStatus.NotAllowed, (await booking.CancelAsync(appointment.Id, null, "staff", false)).Status);
    }

    [Fact]
    public async Task Another_tenant_cannot_find_or_book_against_this_tenants_appointments()
    {
        var clock = new ManualClock(LegalAidTestData.Monday);
        await using var host = await new TestHost().WithLegalAidTenant("alpha").WithLegalAidTenant("beta").WithClock(clock).WithProviderAsync("Sqlite");
        host.Start();
        LegalAidTestData.Seeded seeded;
        Appointment appointment;
        await using (var scope = await host.ScopeAsync("alpha"))
        {
            seeded = await LegalAidTestData.SeedAsync(scope.ServiceProvider);
            appointment = (await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(Request(ProviderKind.Station, seeded.StreetCentreId, Utc(9, 22, 9)), null)).Appointment!;
        }

        await using (var scope = await host.ScopeAsync("beta"))
        {
            var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
            Assert.Null(await booking.FindByCodeAsync(appointment.Code, "13911112222"));
            Assert.Equal(BookingStatus.NotFound, (await booking.BookAsync(Request(ProviderKind.Station, seeded.StreetCentreId, Utc(9, 22, 9)), null)).Status);
            Assert.Equal(BookingStatus.NotFound, (await booking.CancelAsync(appointment.Id, null, "admin", false)).Status);
        }
    }
}
