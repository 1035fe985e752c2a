using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Jobs;
using GovPlatform.Petitions.Loop;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Petitions.Jobs;

/// <summary>
/// Every few minutes, in every tenant with the petitions hall (idle ones too): flags cases that are due soon, marks
/// overdue ones and raises supervision (督办) to the level above their handling unit, and closes feedback the citizen
/// has not rated within the rating period. Each change is a command of its own, recorded as the <c>system</c> user.
/// </summary>
internal sealed class PetitionDeadlineTask(ILogger<PetitionDeadlineTask> logger) : IBackgroundTask
{
    /// <summary>Cases handled per kind and run, so one run stays short; the rest follow at the next run.</summary>
    internal const int BatchSize = 200;

    public string Name => "petitions.deadlines";

    public TimeSpan Interval => TimeSpan.FromMinutes(5);

    public bool WakesIdleTenant => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var workflow = services.GetRequiredService<PetitionWorkflow>();
        var settings = await services.GetRequiredService<PetitionSettingsStore>().GetAsync(cancellationToken);
        var audit = services.GetRequiredService<IAuditLog>();

        var notifier = services.GetRequiredService<PetitionNotifier>();
        var warned = await FlagAsync(db, now, PetitionNames.WarnAction,
            p => p.WarnAtUtc != null && p.WarnAtUtc <= now && p.WarnedUtc == null && p.DueUtc > now,
            p => p.WarnedUtc = now, audit, cancellationToken);
        await notifier.DeadlineAsync(warned, overdue: false, cancellationToken);

        var overdue = await FlagAsync(db, now, PetitionNames.OverdueAction,
            p => p.DueUtc != null && p.DueUtc <= now && p.OverdueUtc == null,
            p => { p.OverdueUtc = now; p.WarnedUtc ??= now; }, audit, cancellationToken);
        await notifier.DeadlineAsync(overdue, overdue: true, cancellationToken);

        // Supervision of overdue cases not yet supervised: the level above chases the handling unit.
        var supervise = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.OverdueUtc != null && p.CompletedUtc == null && p.ClosedUtc == null && p.SupervisingUnitCode == null
                && p.Stage != PetitionStage.Supervise && p.Stage != PetitionStage.Feedback && p.Stage != PetitionStage.Reopened)
            .OrderBy(p => p.DueUtc).Select(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var supervised = await RunEachAsync(db, workflow, supervise,
            new PetitionCommand(PetitionTrigger.Supervise) { Note = "超期自动督办 / Overdue: supervision raised automatically" }, cancellationToken);

        // Feedback the citizen has not rated within the period is closed unrated.
        var unratedBefore = now.AddDays(-settings.RatingDays);
        var unrated = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.Stage == PetitionStage.Feedback && p.CompletedUtc != null && p.CompletedUtc <= unratedBefore)
            .OrderBy(p => p.CompletedUtc).Select(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var closed = await RunEachAsync(db, workflow, unrated,
            new PetitionCommand(PetitionTrigger.Evaluate) { Note = "评价期满未评价，自动结案 / Not rated within the period: closed" }, cancellationToken);

        if (warned.Count + overdue.Count + supervised + closed > 0)
        {
            logger.LogInformation("Petitions: {Warned} due soon, {Overdue} overdue, {Supervised} supervised, {Closed} closed unrated",
                warned.Count, overdue.Count, supervised, closed);
        }
    }

    /// <summary>Runs <paramref name="command"/> as the system on each petition, each in its own transaction; returns how many moved.</summary>
    private async Task<int> RunEachAsync(TenantDbContext db, PetitionWorkflow workflow, IEnumerable<long> ids, PetitionCommand command, CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var id in ids)
        {
            var result = await workflow.ExecuteAsync(id, command, PetitionActor.System, cancellationToken);
            db.ChangeTracker.Clear();
            if (result.Succeeded)
            {
                moved++;
                continue;
            }

            logger.LogWarning("Petitions: the deadline job could not move petition {Id}: {Status} {Errors}", id, result.Status,
                string.Join("; ", (result.Errors ?? new Dictionary<string, Localization.BilingualText>()).Select(e => $"{e.Key}: {e.Value.English}")));
        }

        return moved;
    }

    /// <summary>Sets a flag on matching open cases and records an event for each, as the system, in one transaction per batch; returns them.</summary>
    private static async Task<List<Petition>> FlagAsync(TenantDbContext db, DateTime now, string action,
        System.Linq.Expressions.Expression<Func<Petition, bool>> match, Action<Petition> flag, IAuditLog audit, CancellationToken cancellationToken)
    {
        return await db.InTransactionAsync(async ct =>
        {
            var petitions = await db.Set<Petition>().Where(p => p.CompletedUtc == null && p.ClosedUtc == null).Where(match)
                .OrderBy(p => p.DueUtc).Take(BatchSize).ToListAsync(ct);
            if (petitions.Count == 0)
            {
                return petitions;
            }

            var ids = petitions.Select(p => p.Id).ToList();
            var sequences = await db.Set<PetitionEvent>().Where(e => ids.Contains(e.PetitionId))
                .GroupBy(e => e.PetitionId).Select(g => new { g.Key, Max = g.Max(e => e.Sequence) }).ToDictionaryAsync(x => x.Key, x => x.Max, ct);
            foreach (var petition in petitions)
            {
                flag(petition);
                petition.Version++;
                petition.UpdatedUtc = now;
                db.Add(new PetitionEvent
                {
                    PetitionId = petition.Id,
                    Sequence = sequences.GetValueOrDefault(petition.Id) + 1,
                    AtUtc = now,
                    Action = action,
                    FromStage = petition.Stage,
                    ToStage = petition.Stage,
                    Actor = PetitionActor.SystemName,
                    FromUnitCode = petition.HandlingUnitCode,
                    UnitCode = petition.HandlingUnitCode,
                });
            }

            await audit.RecordAsync(new AuditEvent("petitions", action.ToLowerInvariant(), null, $"{petitions.Count} petitions"), ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return petitions;
        }, cancellationToken);
    }
}
