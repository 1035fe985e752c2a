using System.Globalization;
using GovPlatform.Data;
using GovPlatform.Jobs;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Services;
using GovPlatform.Messaging;
using GovPlatform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Mediation.Jobs;

/// <summary>
/// Every five minutes, in every tenant with mediation (idle ones too): reminds the participants and mediators of the
/// sessions starting within <see cref="MediationSettings.ReminderHours"/> by text, once per session and phone; and
/// reports to the petitions hall the closed disputes' outcomes it has not taken yet.
/// </summary>
internal sealed class SessionReminderTask(ILogger<SessionReminderTask> logger) : IBackgroundTask
{
    /// <summary>Sessions reminded per run, so one run stays short; the rest follow at the next run.</summary>
    internal const int BatchSize = 100;

    public string Name => "mediation.sessions";

    public TimeSpan Interval => TimeSpan.FromMinutes(5);

    public bool WakesIdleTenant => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var settings = await services.GetRequiredService<MediationSettingsStore>().GetAsync(cancellationToken);
        var sender = services.GetRequiredService<IMessageSender>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(services.GetRequiredService<ITenant>().TimeZone);
        var until = now.AddHours(settings.ReminderHours);

        var due = await db.Set<MediationSession>().AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.RemindedUtc == null && s.StartsUtc > now && s.StartsUtc <= until)
            .OrderBy(s => s.StartsUtc).Take(BatchSize).ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var session in due)
        {
            // Claimed first, by a conditional update: a second run (or a second host) finds it taken and sends nothing.
            // A time moved meanwhile does not match, and is reminded at its own turn.
            var claimed = await db.Set<MediationSession>()
                .Where(s => s.Id == session.Id && s.RemindedUtc == null && s.Status == SessionStatus.Scheduled && s.StartsUtc == session.StartsUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RemindedUtc, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            reminded++;
            foreach (var message in await MessagesAsync(db, session, zone, cancellationToken))
            {
                try
                {
                    await sender.SendAsync(message, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Mediation: the reminder of session {Id} to {To} could not be sent", session.Id, message.To);
                }
            }
        }

        var reported = await services.GetRequiredService<DisputeLedger>().ReportPendingAsync(cancellationToken);
        if (reminded + reported > 0)
        {
            logger.LogInformation("Mediation: {Reminded} sessions reminded, {Reported} outcomes reported to the petitions hall", reminded, reported);
        }
    }

    /// <summary>
    /// One text per phone: each participant's own, and each mediator's on record. The text says when, how and where,
    /// and the dispute's number; never who else takes part.
    /// </summary>
    internal static async Task<IReadOnlyList<OutgoingMessage>> MessagesAsync(TenantDbContext db, MediationSession session, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var participants = await db.Set<SessionParticipant>().AsNoTracking().Where(p => p.SessionId == session.Id).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var mediatorIds = participants.Where(p => p.MediatorId != null).Select(p => p.MediatorId!.Value).Distinct().ToList();
        var mediatorPhones = await db.Set<Mediator>().AsNoTracking().Where(m => mediatorIds.Contains(m.Id) && m.Phone != null)
            .Select(m => m.Phone!).ToListAsync(cancellationToken);
        var phones = participants.Where(p => !string.IsNullOrWhiteSpace(p.Phone)).Select(p => p.Phone!.Trim())
            .Concat(mediatorPhones.Select(p => p.Trim())).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (phones.Count == 0)
        {
            return [];
        }

        var number = await db.Set<Dispute>().AsNoTracking().Where(d => d.Id == session.DisputeId).Select(d => d.Number).FirstAsync(cancellationToken);
        var body = session.BodyId is { } bodyId ? await db.Set<MediationBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, cancellationToken) : null;
        var when = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(session.StartsUtc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string chinese, english;
        if (session.Mode == SessionMode.Online)
        {
            chinese = $"您参加的纠纷 {number} 云调解定于 {when} 在线进行（约 {session.DurationMinutes} 分钟），请准时通过以下链接进入：{session.MeetingUrl}";
            english = $"The online mediation session of dispute {number} you take part in starts at {when} (about {session.DurationMinutes} minutes). Join at {session.MeetingUrl}";
        }
        else
        {
            var place = body is null ? session.Place ?? "" : $"{body.Name}{(string.IsNullOrWhiteSpace(body.Address) ? "" : $"（{body.Address}）")}";
            var englishPlace = body is null ? session.Place ?? "" : $"{body.EnglishName}{(string.IsNullOrWhiteSpace(body.Address) ? "" : $" ({body.Address})")}";
            chinese = $"您参加的纠纷 {number} 调解会定于 {when} 在 {place} 举行（约 {session.DurationMinutes} 分钟），请准时到场。";
            english = $"The mediation session of dispute {number} you take part in is at {when} at {englishPlace} (about {session.DurationMinutes} minutes).";
        }

        if (body?.Phone is { Length: > 0 } bodyPhone)
        {
            chinese += $"如有疑问请致电 {bodyPhone}。";
            english += $" Questions: {bodyPhone}.";
        }

        var subject = $"调解会提醒 / Mediation session reminder: {when}";
        return [.. phones.Select(phone => new OutgoingMessage("sms", phone, subject, $"{chinese}\n{english}"))];
    }
}
