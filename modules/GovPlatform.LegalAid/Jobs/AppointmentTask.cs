using System.Globalization;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Jobs;
using GovPlatform.LegalAid.Appointments;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.LegalAid.Jobs;

/// <summary>
/// Every five minutes, in every tenant with legal services (idle ones too): texts each citizen a reminder
/// <see cref="LegalAidSettings.ReminderHours"/> before their appointment, once per appointment and slot (a reschedule
/// clears the mark, so the new time is reminded); and marks the appointments still booked a day after their end as
/// missed (by <c>system</c>; staff correct a wrong mark on the day list).
/// </summary>
internal sealed class AppointmentTask(ILogger<AppointmentTask> logger) : IBackgroundTask
{
    /// <summary>Appointments handled per run and kind of work, so one run stays short; the rest follow at the next run.</summary>
    internal const int BatchSize = 200;

    /// <summary>Who marks an appointment missed.</summary>
    internal const string SystemActor = "system";

    public string Name => "legalaid.appointments";

    public TimeSpan Interval => TimeSpan.FromMinutes(5);

    public bool WakesIdleTenant => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var settings = await services.GetRequiredService<LegalAidSettingsStore>().GetAsync(cancellationToken);
        var sender = services.GetRequiredService<IMessageSender>();
        var directory = services.GetRequiredService<AppointmentDirectory>();
        var audit = services.GetRequiredService<IAuditLog>();
        var until = now.AddHours(settings.ReminderHours);

        var due = await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.ReminderSentUtc == null && a.StartsUtc > now && a.StartsUtc <= until)
            .OrderBy(a => a.StartsUtc).Take(BatchSize).ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var appointment in due)
        {
            // Claimed first, by a conditional update: a second run (or a second host) finds it taken and sends nothing;
            // a time moved meanwhile does not match and is reminded at its own turn.
            var claimed = await db.Set<Appointment>()
                .Where(a => a.Id == appointment.Id && a.ReminderSentUtc == null && a.Status == AppointmentStatus.Booked && a.StartsUtc == appointment.StartsUtc)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.ReminderSentUtc, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            reminded++;
            try
            {
                await sender.SendAsync(await MessageAsync(directory, appointment, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Legal aid: the reminder of appointment {Code} could not be sent", appointment.Code);
            }
        }

        var overdue = now.AddHours(-24);
        var stale = await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.EndsUtc <= overdue)
            .OrderBy(a => a.EndsUtc).Select(a => new { a.Id, a.Code }).Take(BatchSize).ToListAsync(cancellationToken);
        var missed = 0;
        foreach (var appointment in stale)
        {
            // Conditional: staff marking it at the same moment win, and nothing is marked twice.
            if (await db.Set<Appointment>().Where(a => a.Id == appointment.Id && a.Status == AppointmentStatus.Booked)
                .ExecuteUpdateAsync(a => a
                    .SetProperty(x => x.Status, AppointmentStatus.Missed)
                    .SetProperty(x => x.ChangedBy, SystemActor)
                    .SetProperty(x => x.UpdatedUtc, now)
                    .SetProperty(x => x.Version, x => x.Version + 1), cancellationToken) == 1)
            {
                missed++;
                await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "missed", $"appointment:{appointment.Code}", "no show 24 hours after the end"), cancellationToken);
            }
        }

        if (reminded + missed > 0)
        {
            logger.LogInformation("Legal aid: {Reminded} appointments reminded, {Missed} marked missed", reminded, missed);
        }
    }

    /// <summary>The citizen's reminder: where, when, the place and the code; nobody else's data.</summary>
    internal static async Task<OutgoingMessage> MessageAsync(AppointmentDirectory directory, Appointment appointment, CancellationToken cancellationToken)
    {
        var provider = await directory.ProviderAsync(appointment.ProviderKind, appointment.ProviderId, cancellationToken);
        var when = directory.Local(appointment.StartsUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var name = provider?.Bookable.Name;
        var place = provider?.Place is { Length: > 0 } p ? p : null;
        var chinese = $"您预约的{name?.Chinese ?? "法律咨询"}定于 {when}{(place is null ? "" : $"在 {place}")}，请准时到场。预约码 {appointment.Code}，如需取消或改约请凭预约码和手机号办理。";
        var english = $"Your appointment with {name?.English ?? "legal advice"} is at {when}{(place is null ? "" : $", {place}")}. Code {appointment.Code}: use it with your mobile number to cancel or reschedule.";
        if (provider?.Phone is { Length: > 0 } phone)
        {
            chinese += $"咨询电话 {phone}。";
            english += $" Phone: {phone}.";
        }

        return new OutgoingMessage("sms", appointment.Phone, $"预约提醒 / Appointment reminder: {when}", $"{chinese}\n{english}");
    }
}
