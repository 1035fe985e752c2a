using GovPlatform.Calendars;
using GovPlatform.Petitions.Models;

namespace GovPlatform.Petitions.Services;

/// <summary>Due times on the tenant's working-time calendar: a category's deadline counted in working hours or working days.</summary>
internal sealed class PetitionDeadlines(IWorkingCalendarStore calendars)
{
    /// <summary>When a petition of <paramref name="category"/> received at <paramref name="fromUtc"/> is due, or null when the category sets no deadline.</summary>
    public async Task<DateTime?> DueAsync(PetitionCategory category, DateTime fromUtc, CancellationToken cancellationToken)
    {
        if (category.DeadlineAmount <= 0)
        {
            return null;
        }

        var calendar = await calendars.GetAsync(cancellationToken);
        var start = new DateTimeOffset(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc));
        var due = category.DeadlineUnit == DeadlineUnit.WorkingHours
            ? calendar.AddWorkingHours(start, category.DeadlineAmount)
            : calendar.AddWorkingDays(start, category.DeadlineAmount);
        return due.UtcDateTime;
    }

    /// <summary>When a petition due at <paramref name="dueUtc"/> is flagged due soon: <paramref name="hours"/> working hours before.</summary>
    public async Task<DateTime> WarnAtAsync(DateTime dueUtc, double hours, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(cancellationToken);
        return SubtractWorkingHours(calendar, dueUtc, hours);
    }

    /// <summary>The instant <paramref name="hours"/> of working time before <paramref name="dueUtc"/>, found by halving (the calendar adds forward only).</summary>
    internal static DateTime SubtractWorkingHours(WorkingCalendar calendar, DateTime dueUtc, double hours)
    {
        if (hours <= 0)
        {
            return dueUtc;
        }

        var due = new DateTimeOffset(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc));
        var wanted = TimeSpan.FromHours(hours);
        var low = due.AddHours(-hours);
        var step = TimeSpan.FromHours(Math.Max(24, hours * 3));
        var guard = 0;
        while (calendar.WorkingTimeBetween(low, due) < wanted && guard++ < 60)
        {
            low -= step;
        }

        var high = due;
        for (var i = 0; i < 40 && high - low > TimeSpan.FromSeconds(30); i++)
        {
            var middle = low + ((high - low) / 2);
            if (calendar.WorkingTimeBetween(middle, due) >= wanted)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low.UtcDateTime;
    }
}
