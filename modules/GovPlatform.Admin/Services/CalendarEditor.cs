using System.Globalization;
using System.Text;
using GovPlatform.Calendars;
using GovPlatform.Localization;
using GovPlatform.Tenants;

namespace GovPlatform.Admin.Services;

/// <summary>Reads the tenant's working calendar into the form, parses and checks a posted form (line by line), and saves it.</summary>
public sealed class CalendarEditor(IWorkingCalendarStore store, ITenant tenant, TimeProvider clock)
{
    /// <summary>How many upcoming exceptions the page lists as a check.</summary>
    public const int UpcomingCount = 10;

    /// <summary>The weekdays in the order the form shows them.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The saved calendar as a form.</summary>
    public async Task<CalendarForm> CurrentAsync(CancellationToken cancellationToken)
    {
        var definition = (await store.GetDefinitionAsync(cancellationToken)).Normalized();
        return new CalendarForm
        {
            WorkingDays = [.. definition.WorkingDays.Select(d => d.ToString())],
            PeriodStart = [.. definition.Hours.Select(p => (string?)CalendarTimeJsonConverter.Format(p.Start))],
            PeriodEnd = [.. definition.Hours.Select(p => (string?)CalendarTimeJsonConverter.Format(p.End))],
            Holidays = Lines(definition.Holidays),
            MakeUpDays = Lines(definition.MakeUpDays),
        };
    }

    /// <summary>
    /// The next <see cref="UpcomingCount"/> days, from today in the tenant's zone, whose status differs from the working
    /// week: days off on a working weekday, and make-up working days on another (within two years).
    /// </summary>
    public async Task<IReadOnlyList<UpcomingDay>> UpcomingAsync(CancellationToken cancellationToken)
    {
        var calendar = await store.GetAsync(cancellationToken);
        var today = calendar.LocalDate(clock.GetUtcNow());
        var result = new List<UpcomingDay>();
        for (var date = today; result.Count < UpcomingCount && date <= today.AddYears(2); date = date.AddDays(1))
        {
            if (calendar.IsException(date))
            {
                result.Add(new UpcomingDay(date, calendar.IsWorkingDay(date), calendar.NameOf(date)));
            }
        }

        return result;
    }

    /// <summary>
    /// The definition a posted form gives, or the errors by field (<c>WorkingDays</c>, <c>PeriodStart-1</c>…,
    /// <c>Holidays</c>, <c>MakeUpDays</c>, and <c>""</c> for the whole form), in the reader's language.
    /// </summary>
    public static (WorkingCalendarDefinition? Definition, Dictionary<string, string> Errors) Parse(CalendarForm form, bool english)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string Text(BilingualText text) => english ? text.English : text.Chinese;

        var days = new List<DayOfWeek>();
        foreach (var value in form.WorkingDays.Distinct(StringComparer.Ordinal))
        {
            if (Enum.TryParse<DayOfWeek>(value, ignoreCase: false, out var day) && Enum.IsDefined(day) && !int.TryParse(value, out _))
            {
                days.Add(day);
            }
        }

        if (days.Count == 0)
        {
            errors["WorkingDays"] = Text(new("请至少选择一个工作日。", "Choose at least one working day."));
        }

        var periods = new List<(int Row, WorkingPeriod Period)>();
        var rows = Math.Max(form.PeriodStart.Count, form.PeriodEnd.Count);
        for (var i = 0; i < rows; i++)
        {
            var (start, end) = form.Period(i);
            if (start.Length == 0 && end.Length == 0)
            {
                continue;
            }

            var key = $"PeriodStart-{i + 1}";
            if (!CalendarTimeJsonConverter.TryParse(start, out var from) || !CalendarTimeJsonConverter.TryParse(end, out var to))
            {
                errors[key] = Text(new("请把开始和结束时间写成 08:30 这样的格式。", "Write the start and the end as times such as 08:30."));
            }
            else if (to <= from)
            {
                errors[key] = Text(new("结束时间必须晚于开始时间。", "The end must be after the start."));
            }
            else
            {
                periods.Add((i + 1, new WorkingPeriod(from, to)));
            }
        }

        if (periods.Count == 0 && !errors.Keys.Any(k => k.StartsWith("PeriodStart-", StringComparison.Ordinal)))
        {
            errors["PeriodStart-1"] = Text(new("请至少填写一个工作时段。", "Give at least one working period."));
        }
        else if (periods.Count > CalendarForm.PeriodRows)
        {
            errors["PeriodStart-1"] = Text(new($"最多 {CalendarForm.PeriodRows} 个工作时段。", $"At most {CalendarForm.PeriodRows} working periods."));
        }

        var ordered = periods.OrderBy(p => p.Period.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Period.Start < ordered[i - 1].Period.End)
            {
                errors.TryAdd($"PeriodStart-{ordered[i].Row}", Text(new(
                    $"与时段 {ordered[i - 1].Period} 重叠。", $"Overlaps the period {ordered[i - 1].Period}.")));
            }
        }

        var holidays = ParseLines(form.Holidays, english, out var holidayErrors);
        var makeUpDays = ParseLines(form.MakeUpDays, english, out var makeUpErrors);
        var holidayDates = holidays.Select(h => h.Day.Date).ToHashSet();
        foreach (var (line, day) in makeUpDays.Where(m => holidayDates.Contains(m.Day.Date)))
        {
            makeUpErrors.Add(Text(new($"第 {line} 行：{Format(day.Date)} 已列为节假日，不能同时是调休上班日。",
                $"Line {line}: {Format(day.Date)} is listed as a holiday; it cannot be a make-up working day too.")));
        }

        if (holidayErrors.Count > 0)
        {
            errors["Holidays"] = string.Join(english ? " " : "", holidayErrors);
        }

        if (makeUpErrors.Count > 0)
        {
            errors["MakeUpDays"] = string.Join(english ? " " : "", makeUpErrors);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var definition = new WorkingCalendarDefinition
        {
            WorkingDays = days,
            Hours = [.. periods.Select(p => p.Period)],
            Holidays = [.. holidays.Select(h => h.Day)],
            MakeUpDays = [.. makeUpDays.Select(m => m.Day)],
        };

        // Whatever the checks above did not catch, the SDK's own validation does, for the whole form.
        var remaining = definition.Validate();
        if (remaining.Count > 0)
        {
            errors[""] = string.Join(" ", remaining.Select(Text));
            return (null, errors);
        }

        return (definition, errors);
    }

    /// <summary>Saves a parsed definition (the store validates and audits it).</summary>
    public Task SaveAsync(WorkingCalendarDefinition definition, CancellationToken cancellationToken) =>
        store.SaveAsync(definition, cancellationToken);

    /// <summary>The tenant's time zone id, shown on the page.</summary>
    public string TimeZoneId => tenant.TimeZone;

    /// <summary>Whether the current UI culture is English.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static List<(int Line, CalendarDay Day)> ParseLines(string? text, bool english, out List<string> errors)
    {
        errors = [];
        var result = new List<(int, CalendarDay)>();
        var seen = new Dictionary<DateOnly, int>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            var split = line.IndexOfAny([' ', '\t', '\u3000']);
            var datePart = split < 0 ? line : line[..split];
            var name = split < 0 ? null : line[(split + 1)..].Trim();
            if (!CalendarDateJsonConverter.TryParse(datePart, out var date))
            {
                errors.Add(english
                    ? $"Line {number}: “{Shorten(datePart)}” is not a date; write it as 2026-10-01 followed by the name."
                    : $"第 {number} 行：“{Shorten(datePart)}”不是日期，请写成 2026-10-01 加名称。");
            }
            else if (name is { Length: > WorkingCalendarDefinition.MaxNameLength })
            {
                errors.Add(english
                    ? $"Line {number}: the name is too long (up to {WorkingCalendarDefinition.MaxNameLength} characters)."
                    : $"第 {number} 行：名称过长（不超过 {WorkingCalendarDefinition.MaxNameLength} 个字）。");
            }
            else if (seen.TryGetValue(date, out var first))
            {
                errors.Add(english
                    ? $"Line {number}: {Format(date)} is already on line {first}."
                    : $"第 {number} 行：{Format(date)} 与第 {first} 行重复。");
            }
            else
            {
                seen[date] = number;
                result.Add((number, new CalendarDay(date, string.IsNullOrEmpty(name) ? null : name)));
            }
        }

        return result;
    }

    private static string Lines(IEnumerable<CalendarDay> days)
    {
        var text = new StringBuilder();
        foreach (var day in days)
        {
            text.Append(Format(day.Date));
            if (!string.IsNullOrEmpty(day.Name))
            {
                text.Append(' ').Append(day.Name);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Format(DateOnly date) => CalendarDateJsonConverter.Format(date);

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;
}

/// <summary>A day the admin page lists as a check: a day off on a working weekday, or a working day on another.</summary>
/// <param name="Date">The local date.</param>
/// <param name="Working">Whether it is a (make-up) working day.</param>
/// <param name="Name">Its name, if it has one.</param>
public sealed record UpcomingDay(DateOnly Date, bool Working, string? Name);
