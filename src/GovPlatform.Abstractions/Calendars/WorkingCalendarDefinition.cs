using System.Globalization;
using System.Text.Json.Serialization;
using GovPlatform.Data;
using GovPlatform.Localization;

namespace GovPlatform.Calendars;

/// <summary>
/// A tenant's working time as it is stored and edited: the working weekdays, the working periods of a working day,
/// holidays (off even on a working weekday) and make-up working days (调休, working even on a weekend). Serialised as
/// camelCase JSON; a property left out keeps its default.
/// </summary>
[Document("working-calendar")]
public sealed class WorkingCalendarDefinition
{
    /// <summary>The longest name a holiday or make-up day may have.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The weekdays that are working days unless listed as holidays; Monday to Friday by default.</summary>
    [JsonConverter(typeof(DayOfWeekListJsonConverter))]
    public List<DayOfWeek> WorkingDays { get; set; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>The working periods of every working day, in local time; 08:30–12:00 and 13:30–17:30 by default.</summary>
    public List<WorkingPeriod> Hours { get; set; } =
        [new(new TimeOnly(8, 30), new TimeOnly(12, 0)), new(new TimeOnly(13, 30), new TimeOnly(17, 30))];

    /// <summary>Days off, even when they fall on a working weekday.</summary>
    public List<CalendarDay> Holidays { get; set; } = [];

    /// <summary>Make-up working days (调休): working days even when they fall on a weekend.</summary>
    public List<CalendarDay> MakeUpDays { get; set; } = [];

    /// <summary>What is wrong with the definition, in both languages; empty when it is valid.</summary>
    public IReadOnlyList<BilingualText> Validate()
    {
        var errors = new List<BilingualText>();
        var workingDays = WorkingDays ?? [];
        var hours = Hours ?? [];
        var holidays = Holidays ?? [];
        var makeUpDays = MakeUpDays ?? [];

        if (workingDays.Count == 0)
        {
            errors.Add(new("至少要选择一个工作日。", "Choose at least one working day."));
        }

        foreach (var day in workingDays.Where(d => !Enum.IsDefined(d)).Distinct())
        {
            errors.Add(new($"“{(int)day}”不是星期几。", $"“{(int)day}” is not a day of the week."));
        }

        foreach (var day in workingDays.Where(Enum.IsDefined).GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add(new($"工作日“{ChineseDayName(day)}”重复。", $"The working day {day} is listed twice."));
        }

        if (hours.Count == 0)
        {
            errors.Add(new("至少要有一个工作时段。", "Give at least one working period."));
        }

        foreach (var period in hours.Where(p => p is null || p.End <= p.Start))
        {
            errors.Add(period is null
                ? new("工作时段不能为空。", "A working period is missing.")
                : new($"工作时段 {period} 的结束时间必须晚于开始时间。", $"The working period {period} must end after it starts."));
        }

        var ordered = hours.Where(p => p is not null && p.End > p.Start).OrderBy(p => p.Start).ThenBy(p => p.End).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start < ordered[i - 1].End)
            {
                errors.Add(ordered[i] == ordered[i - 1]
                    ? new($"工作时段 {ordered[i]} 重复。", $"The working period {ordered[i]} is listed twice.")
                    : new($"工作时段 {ordered[i - 1]} 与 {ordered[i]} 重叠。", $"The working periods {ordered[i - 1]} and {ordered[i]} overlap."));
            }
        }

        CheckDays(holidays, new("节假日", "holiday"), errors);
        CheckDays(makeUpDays, new("调休上班日", "make-up working day"), errors);

        var holidayDates = holidays.Where(d => d is not null).Select(d => d.Date).ToHashSet();
        foreach (var date in makeUpDays.Where(d => d is not null).Select(d => d.Date).Distinct().Where(holidayDates.Contains).Order())
        {
            var text = CalendarDateJsonConverter.Format(date);
            errors.Add(new($"{text} 不能既是节假日又是调休上班日。", $"{text} cannot be both a holiday and a make-up working day."));
        }

        return errors;
    }

    /// <summary>
    /// A copy in canonical order: weekdays Monday first and once each, periods by start, days by date with their names
    /// trimmed (an empty name becomes null).
    /// </summary>
    public WorkingCalendarDefinition Normalized() => new()
    {
        WorkingDays = [.. (WorkingDays ?? []).Distinct().OrderBy(MondayFirst)],
        Hours = [.. (Hours ?? []).Where(p => p is not null).Distinct().OrderBy(p => p.Start).ThenBy(p => p.End)],
        Holidays = NormalizedDays(Holidays),
        MakeUpDays = NormalizedDays(MakeUpDays),
    };

    /// <summary>A deep copy.</summary>
    public WorkingCalendarDefinition Clone() => new()
    {
        WorkingDays = [.. WorkingDays ?? []],
        Hours = [.. Hours ?? []],
        Holidays = [.. Holidays ?? []],
        MakeUpDays = [.. MakeUpDays ?? []],
    };

    /// <summary>The weekday's position in a week that starts on Monday (Monday 0 … Sunday 6).</summary>
    public static int MondayFirst(DayOfWeek day) => ((int)day + 6) % 7;

    /// <summary>The weekday's Chinese name, e.g. <c>星期一</c>.</summary>
    public static string ChineseDayName(DayOfWeek day) =>
        CultureInfo.GetCultureInfo("zh-CN").DateTimeFormat.GetDayName(day);

    private static List<CalendarDay> NormalizedDays(List<CalendarDay>? days) =>
        [.. (days ?? []).Where(d => d is not null)
            .Select(d => new CalendarDay(d.Date, string.IsNullOrWhiteSpace(d.Name) ? null : d.Name.Trim()))
            .OrderBy(d => d.Date)];

    private static void CheckDays(List<CalendarDay> days, BilingualText kind, List<BilingualText> errors)
    {
        if (days.Any(d => d is null))
        {
            errors.Add(new($"{kind.Chinese}不能为空。", $"A {kind.English} is missing."));
        }

        foreach (var date in days.Where(d => d is not null).GroupBy(d => d.Date).Where(g => g.Count() > 1).Select(g => g.Key).Order())
        {
            var text = CalendarDateJsonConverter.Format(date);
            errors.Add(new($"{kind.Chinese} {text} 重复。", $"The {kind.English} {text} is listed twice."));
        }

        foreach (var day in days.Where(d => d?.Name is { } name && name.Trim().Length > MaxNameLength))
        {
            var text = CalendarDateJsonConverter.Format(day.Date);
            errors.Add(new($"{kind.Chinese} {text} 的名称过长（不超过 {MaxNameLength} 个字）。",
                $"The name of the {kind.English} {text} is too long (up to {MaxNameLength} characters)."));
        }
    }
}
