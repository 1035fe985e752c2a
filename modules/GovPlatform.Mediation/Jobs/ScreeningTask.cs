using System.Globalization;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Jobs;
using GovPlatform.Mediation.Models;
using GovPlatform.Mediation.Screening;
using GovPlatform.Mediation.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Mediation.Jobs;

/// <summary>
/// Every ten minutes, in every tenant with mediation (idle ones too): opens the regular campaign of the current half
/// month (1st–15th, 16th–end, in the tenant's zone) when the rules say so, opens the pre-holiday campaign the set
/// number of working days before each run of holidays on the working calendar and before each sensitive date of the
/// rules, and after a campaign's due time flags
/// each unit that has not reported to the level above (once) and marks the campaign checked.
/// </summary>
internal sealed class ScreeningTask(ILogger<ScreeningTask> logger) : IBackgroundTask
{
    /// <summary>The longest a holiday run may be looked ahead and walked back from (a campaign runs at most a month).</summary>
    private const int LookAheadDays = ScreeningService.MaxDays;

    public string Name => "mediation.screening";

    public TimeSpan Interval => TimeSpan.FromMinutes(10);

    public bool WakesIdleTenant => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var settings = await services.GetRequiredService<MediationSettingsStore>().GetAsync(cancellationToken);
        var screening = services.GetRequiredService<ScreeningService>();
        var calendar = await services.GetRequiredService<IWorkingCalendarStore>().GetAsync(cancellationToken);
        var today = calendar.LocalDate(now);
        var opened = 0;

        if (settings.AutoCampaigns)
        {
            var (start, end) = HalfMonth(today);
            var first = start.Day == 1;
            var month = start.ToString("yyyy年M月", CultureInfo.InvariantCulture);
            var title = first ? $"{month}上半月矛盾纠纷排查" : $"{month}下半月矛盾纠纷排查";
            opened += await OpenAsync(screening, CampaignKind.Regular, title, start, screening.StartOfDayUtc(end.AddDays(1)), cancellationToken);
        }

        if (settings.HolidayCampaignDays > 0)
        {
            foreach (var (holiday, name) in HolidayRuns(calendar, today))
            {
                if (CampaignStart(calendar, holiday, settings.HolidayCampaignDays) is { } start && start <= today)
                {
                    var title = name is { Length: > 0 } ? $"{name[..Math.Min(name.Length, 60)]}前矛盾纠纷集中排查" : "节前矛盾纠纷集中排查";
                    opened += await OpenAsync(screening, CampaignKind.Holiday, title, start, screening.StartOfDayUtc(holiday), cancellationToken);
                }
            }
        }

        if (settings.HolidayCampaignDays > 0)
        {
            foreach (var sensitive in settings.SensitiveDates.Where(d => d.Date > today && d.Date <= today.AddDays(LookAheadDays)).OrderBy(d => d.Date))
            {
                if (CampaignStart(calendar, sensitive.Date, settings.HolidayCampaignDays) is { } start && start <= today)
                {
                    var name = sensitive.Name.Trim();
                    opened += await OpenAsync(screening, CampaignKind.Sensitive, $"{name[..Math.Min(name.Length, 60)]}前矛盾纠纷集中排查", start, screening.StartOfDayUtc(sensitive.Date), cancellationToken);
                }
            }
        }

        var flagged = await CheckDueAsync(services, now.UtcDateTime, cancellationToken);
        if (opened + flagged > 0)
        {
            logger.LogInformation("Screening: {Opened} campaigns opened, {Flagged} missing reports flagged", opened, flagged);
        }
    }

    /// <summary>The half month <paramref name="date"/> falls in: the 1st to the 15th, or the 16th to the month's end.</summary>
    internal static (DateOnly Start, DateOnly End) HalfMonth(DateOnly date) => date.Day <= 15
        ? (new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, 15))
        : (new DateOnly(date.Year, date.Month, 16), new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month)));

    /// <summary>The first day and name of each run of consecutive holidays that begins after <paramref name="today"/> within the look-ahead.</summary>
    internal static IEnumerable<(DateOnly First, string? Name)> HolidayRuns(WorkingCalendar calendar, DateOnly today)
    {
        var days = calendar.Holidays.Select(h => h.Date).ToHashSet();
        foreach (var holiday in calendar.Holidays.OrderBy(h => h.Date))
        {
            if (holiday.Date > today && holiday.Date <= today.AddDays(LookAheadDays) && !days.Contains(holiday.Date.AddDays(-1)))
            {
                yield return (holiday.Date, holiday.Name);
            }
        }
    }

    /// <summary>The <paramref name="workingDays"/>-th working day before <paramref name="holiday"/>, or null when there is none within the look-ahead.</summary>
    internal static DateOnly? CampaignStart(WorkingCalendar calendar, DateOnly holiday, int workingDays)
    {
        var day = holiday;
        for (var walked = 0; walked < LookAheadDays; walked++)
        {
            day = day.AddDays(-1);
            if (calendar.IsWorkingDay(day) && --workingDays == 0)
            {
                return day;
            }
        }

        return null;
    }

    private async Task<int> OpenAsync(ScreeningService screening, CampaignKind kind, string title, DateOnly start, DateTime dueUtc, CancellationToken cancellationToken)
    {
        var result = await screening.OpenCampaignAsync(kind, title, null, start, dueUtc, DisputeActor.System, onlyIfMissing: true, cancellationToken);
        if (result.Status == ScreeningStatus.Done)
        {
            return 1;
        }

        if (!result.Succeeded)
        {
            logger.LogWarning("Screening: the {Kind} campaign of {Start} could not be opened: {Errors}", kind, start,
                string.Join("; ", result.Errors?.Select(e => $"{e.Key}: {e.Value.English}") ?? []));
        }

        return 0;
    }

    /// <summary>Flags the reports still pending on each campaign past its due time, raises an alert for each to the level above, and marks the campaign checked.</summary>
    private static async Task<int> CheckDueAsync(IServiceProvider services, DateTime now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TenantDbContext>();
        var grid = services.GetRequiredService<IGridDirectory>();
        var alerts = services.GetRequiredService<MediationAlerts>();
        var due = await db.Set<ScreeningCampaign>().AsNoTracking().Where(c => c.CheckedUtc == null && c.DueUtc <= now)
            .OrderBy(c => c.DueUtc).Take(20).ToListAsync(cancellationToken);
        var flagged = 0;
        foreach (var campaign in due)
        {
            var pending = await db.Set<ScreeningReport>().AsNoTracking()
                .Where(r => r.CampaignId == campaign.Id && r.ReportedUtc == null && r.FlaggedUtc == null).Select(r => r.UnitCode).ToListAsync(cancellationToken);
            // Read the grid before the write transaction (SQLite: its first load opens a transaction of its own).
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var code in pending)
            {
                names[code] = (await grid.FindAsync(code, cancellationToken))?.Name ?? code;
                await grid.GetAncestorsAsync(code, cancellationToken);
            }

            flagged += await db.InTransactionAsync(async ct =>
            {
                var tracked = await db.Set<ScreeningCampaign>().FirstAsync(c => c.Id == campaign.Id, ct);
                if (tracked.CheckedUtc is not null)
                {
                    return 0;
                }

                var reports = await db.Set<ScreeningReport>().Where(r => r.CampaignId == campaign.Id && r.ReportedUtc == null && r.FlaggedUtc == null).ToListAsync(ct);
                foreach (var report in reports)
                {
                    report.FlaggedUtc = now;
                    report.Version++;
                    await alerts.RaiseAsync(AlertKind.ScreeningMissed, report.UnitCode,
                        new($"{names.GetValueOrDefault(report.UnitCode, report.UnitCode)} 未在截止时间前报告排查“{campaign.Title}”的情况，请督促。",
                            $"{names.GetValueOrDefault(report.UnitCode, report.UnitCode)} did not report on the screening campaign '{campaign.Title}' by its due time; follow it up."),
                        null, report.Id, ct);
                }

                tracked.CheckedUtc = now;
                await db.SaveChangesAsync(ct);
                return reports.Count;
            }, cancellationToken);
            db.ChangeTracker.Clear();
            await alerts.NotifyAsync(cancellationToken);
        }

        return flagged;
    }
}
