using System.Text.Json;
using GovPlatform.Calendars;

namespace GovPlatform.Core.Tests.Calendars;

/// <summary>The working-time arithmetic, with China's official 2026 holidays and make-up days, in Shanghai and in a DST zone.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions ReadableJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>国务院办公厅关于2026年部分节假日安排的通知: Spring Festival, Labour Day and National Day with their make-up days.</summary>
    private static WorkingCalendarDefinition China2026() => new()
    {
        Holidays =
        [
            .. Range("2026-02-15", 9, "春节"),
            .. Range("2026-05-01", 5, "劳动节"),
            .. Range("2026-10-01", 7, "国庆节"),
        ],
        MakeUpDays =
        [
            new(D("2026-02-14"), "春节调休"), new(D("2026-02-28"), "春节调休"), new(D("2026-05-09"), "劳动节调休"),
            new(D("2026-09-20"), "国庆节调休"), new(D("2026-10-10"), "国庆节调休"),
        ],
    };

    private static readonly WorkingCalendar Calendar = new(China2026(), Shanghai);

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<CalendarDay> Range(string first, int days, string name) =>
        Enumerable.Range(0, days).Select(i => new CalendarDay(D(first).AddDays(i), name));

    /// <summary>A local Shanghai time.</summary>
    private static DateTimeOffset Local(string date, int hour, int minute = 0) =>
        new(D(date).ToDateTime(new TimeOnly(hour, minute)), China);

    private static void AssertUtc(DateTimeOffset expectedLocal, DateTimeOffset actual)
    {
        Assert.Equal(TimeSpan.Zero, actual.Offset);
        Assert.Equal(expectedLocal.UtcDateTime, actual.UtcDateTime);
    }

    [Theory]
    [InlineData("2026-03-02", true)]   // a Monday
    [InlineData("2026-03-07", false)]  // a Saturday
    [InlineData("2026-03-08", false)]  // a Sunday
    [InlineData("2026-02-16", false)]  // a Monday in the Spring Festival
    [InlineData("2026-02-14", true)]   // a make-up Saturday
    [InlineData("2026-09-20", true)]   // a make-up Sunday
    [InlineData("2026-10-05", false)]  // National Day week
    [InlineData("2026-10-08", true)]
    public void Working_days_follow_the_week_holidays_and_make_up_days(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));

    [Theory]
    [InlineData(8, 29, false)]
    [InlineData(8, 30, true)]
    [InlineData(11, 59, true)]
    [InlineData(12, 0, false)]   // a period's end is outside it
    [InlineData(12, 45, false)]  // lunch
    [InlineData(13, 30, true)]
    [InlineData(17, 29, true)]
    [InlineData(17, 30, false)]
    public void Working_time_is_inside_the_periods_of_a_working_day(int hour, int minute, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingTime(Local("2026-03-02", hour, minute)));
        Assert.Equal(working, Calendar.IsWorkingTime(Local("2026-03-02", hour, minute).ToUniversalTime()));
        Assert.False(Calendar.IsWorkingTime(Local("2026-10-02", hour, minute)));
        Assert.Equal(working, Calendar.IsWorkingTime(Local("2026-10-10", hour, minute)));
    }

    [Fact]
    public void Adding_hours_skips_the_lunch_break_and_returns_utc()
    {
        var end = Calendar.AddWorkingHours(Local("2026-03-02", 11), 2);
        AssertUtc(Local("2026-03-02", 14, 30), end);
    }

    [Fact]
    public void A_deadline_that_uses_up_a_period_is_its_end_not_the_next_start()
    {
        AssertUtc(Local("2026-03-02", 12), Calendar.AddWorkingHours(Local("2026-03-02", 8, 30), 3.5));
        AssertUtc(Local("2026-03-02", 17, 30), Calendar.AddWorkingHours(Local("2026-03-02", 8, 30), 7.5));
    }

    [Fact]
    public void Adding_hours_crosses_the_weekend()
    {
        // Friday 16:30: one hour on Friday, two on Monday.
        AssertUtc(Local("2026-03-09", 10, 30), Calendar.AddWorkingHours(Local("2026-03-06", 16, 30), 3));
    }

    [Theory]
    [InlineData("2026-03-07", 10, 1, "2026-03-09", 9, 30)]     // Saturday: from Monday's first period
    [InlineData("2026-03-02", 7, 0.5, "2026-03-02", 9, 0)]     // before hours
    [InlineData("2026-03-02", 12, 1, "2026-03-02", 14, 30)]    // in the lunch break
    [InlineData("2026-03-02", 18, 1, "2026-03-03", 9, 30)]     // after hours
    [InlineData("2026-10-01", 9, 1, "2026-10-08", 9, 30)]      // on a holiday: after National Day week
    public void A_start_outside_working_time_counts_from_the_next_period(string date, int hour, double hours, string endDate, int endHour, int endMinute) =>
        AssertUtc(Local(endDate, endHour, endMinute), Calendar.AddWorkingHours(Local(date, hour, 30), hours));

    [Fact]
    public void Make_up_weekend_days_count_as_working_days()
    {
        // Friday 17:00 before the make-up Saturday 10 October: half an hour on Friday, half on Saturday.
        AssertUtc(Local("2026-10-10", 9), Calendar.AddWorkingHours(Local("2026-10-09", 17), 1));

        // The make-up Sunday before National Day.
        AssertUtc(Local("2026-09-20", 9, 30), Calendar.AddWorkingHours(Local("2026-09-19", 12), 1));
    }

    [Fact]
    public void The_long_spring_festival_run_is_skipped()
    {
        // Friday 13 February 17:00: half an hour then, the make-up Saturday 14th, then nothing until Tuesday 24th.
        AssertUtc(Local("2026-02-14", 9), Calendar.AddWorkingHours(Local("2026-02-13", 17), 1));
        AssertUtc(Local("2026-02-24", 9), Calendar.AddWorkingHours(Local("2026-02-14", 17), 1));
        AssertUtc(Local("2026-02-24", 17, 30), Calendar.AddWorkingDays(Local("2026-02-12", 10), 3));
        Assert.Equal(TimeSpan.FromHours(7.5 + 7.5), Calendar.WorkingTimeBetween(Local("2026-02-14", 0), Local("2026-02-25", 0)));
        AssertUtc(Local("2026-02-24", 8, 30), Calendar.NextWorkingTime(Local("2026-02-15", 10)));
    }

    [Theory]
    [InlineData("2026-03-02", 9, 1, "2026-03-03")]   // Monday: Tuesday
    [InlineData("2026-03-02", 23, 1, "2026-03-03")]  // late in the evening: still the receipt day
    [InlineData("2026-03-06", 10, 1, "2026-03-09")]  // Friday: Monday
    [InlineData("2026-03-07", 10, 1, "2026-03-09")]  // Saturday: Monday
    [InlineData("2026-03-02", 9, 5, "2026-03-09")]
    [InlineData("2026-09-30", 9, 1, "2026-10-08")]   // the eve of National Day
    [InlineData("2026-09-29", 9, 2, "2026-10-08")]
    [InlineData("2026-10-09", 9, 1, "2026-10-10")]   // a make-up Saturday counts
    [InlineData("2026-02-13", 16, 10, "2026-03-05")] // 14 (make-up), 24–27, 28 (make-up), 2–5 March
    public void Working_days_count_from_the_day_after_receipt_and_end_at_the_close_of_the_last_one(string date, int hour, int days, string endDate) =>
        AssertUtc(Local(endDate, 17, 30), Calendar.AddWorkingDays(Local(date, hour), days));

    [Fact]
    public void Working_days_take_the_receipt_day_in_the_tenants_zone()
    {
        // 16:30 UTC on 2 March is 00:30 on 3 March in Shanghai: the receipt day is the 3rd.
        AssertUtc(Local("2026-03-04", 17, 30), Calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 2, 16, 30, 0, TimeSpan.Zero), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Local("2026-03-02", 9), 0));
    }

    [Fact]
    public void Working_time_between_two_instants()
    {
        Assert.Equal(TimeSpan.FromHours(1.5), Calendar.WorkingTimeBetween(Local("2026-03-02", 11), Local("2026-03-02", 14)));
        Assert.Equal(TimeSpan.FromHours(37.5), Calendar.WorkingTimeBetween(Local("2026-03-02", 8, 30), Local("2026-03-09", 8, 30)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Local("2026-03-02", 14), Local("2026-03-02", 11)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Local("2026-03-02", 14), Local("2026-03-02", 14)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(Local("2026-10-01", 0), Local("2026-10-08", 8, 30)));
    }

    [Fact]
    public void The_next_working_time_is_now_when_working_otherwise_the_next_periods_start()
    {
        AssertUtc(Local("2026-03-02", 9, 15), Calendar.NextWorkingTime(Local("2026-03-02", 9, 15)));
        AssertUtc(Local("2026-03-02", 13, 30), Calendar.NextWorkingTime(Local("2026-03-02", 12)));
        AssertUtc(Local("2026-03-09", 8, 30), Calendar.NextWorkingTime(Local("2026-03-06", 17, 30)));
        AssertUtc(Local("2026-10-08", 8, 30), Calendar.NextWorkingTime(Local("2026-09-30", 18)));
    }

    [Fact]
    public void Working_time_between_a_start_and_its_deadline_is_the_hours_added()
    {
        // Property-style: many starts (every 97 minutes over four months, holidays, weekends and nights included) and
        // durations; the deadline is UTC, inside working time (or a period's end), and measures back to the hours added.
        var random = new Random(2026);
        double[] durations = [0.25, 1, 3.5, 4, 7.5, 20, 100];
        for (var start = Local("2026-01-20", 0); start < Local("2026-05-20", 0); start = start.AddMinutes(97))
        {
            var previous = DateTimeOffset.MinValue;
            foreach (var hours in durations.Append(Math.Round(random.NextDouble() * 60, 3)).Order())
            {
                var end = Calendar.AddWorkingHours(start, hours);
                Assert.Equal(TimeSpan.Zero, end.Offset);
                Assert.Equal(TimeSpan.FromTicks((long)Math.Round(hours * TimeSpan.TicksPerHour)), Calendar.WorkingTimeBetween(start, end));
                Assert.True(Calendar.IsWorkingTime(end.AddTicks(-1)), $"{start:O} + {hours} h = {end:O}");
                Assert.True(end >= previous);
                previous = end;
            }

            var next = Calendar.NextWorkingTime(start);
            Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(start, next));
            Assert.True(Calendar.IsWorkingTime(next));
        }
    }

    [Fact]
    public void Across_the_spring_daylight_saving_change_periods_stay_at_local_times()
    {
        var berlin = WorkingCalendar.Default(Berlin);

        // Friday 27 March 2026 16:00 CET (+01:00); clocks go forward on Sunday the 29th; Monday 08:30 is CEST (+02:00).
        var friday = new DateTimeOffset(2026, 3, 27, 16, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(2)), berlin.AddWorkingHours(friday, 2));
        Assert.Equal(TimeSpan.FromHours(2), berlin.WorkingTimeBetween(friday, new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(2))));
        Assert.True(berlin.IsWorkingTime(new DateTimeOffset(2026, 3, 30, 6, 30, 0, TimeSpan.Zero)));   // 08:30 CEST
        Assert.False(berlin.IsWorkingTime(new DateTimeOffset(2026, 3, 30, 6, 29, 0, TimeSpan.Zero)));
        Assert.True(berlin.IsWorkingTime(new DateTimeOffset(2026, 3, 27, 7, 30, 0, TimeSpan.Zero)));   // 08:30 CET
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 17, 30, 0, TimeSpan.FromHours(2)), berlin.AddWorkingDays(friday, 1));

        // Autumn: clocks go back on Sunday 25 October; Monday 08:30 is CET again.
        var october = new DateTimeOffset(2026, 10, 23, 17, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.FromHours(1)), berlin.AddWorkingHours(october, 1));
    }

    [Fact]
    public void A_period_across_a_daylight_saving_change_counts_the_time_that_really_passes()
    {
        var night = new WorkingCalendarDefinition
        {
            WorkingDays = [.. Enum.GetValues<DayOfWeek>()],
            Hours = [new(new TimeOnly(1, 0), new TimeOnly(4, 0))],
        };
        var berlin = new WorkingCalendar(night, Berlin);

        // 29 March: 01:00 CET to 04:00 CEST is two hours; 25 October: 01:00 CEST to 04:00 CET is four.
        var spring = new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromHours(2), berlin.WorkingTimeBetween(spring, spring.AddHours(12)));
        var autumn = new DateTimeOffset(2026, 10, 24, 21, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromHours(4), berlin.WorkingTimeBetween(autumn, autumn.AddHours(12)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 3, 0, 0, TimeSpan.Zero), berlin.AddWorkingHours(autumn, 4));

        // A period that starts in the skipped hour starts when the clocks jump (03:00 CEST = 01:00 UTC).
        var skipped = new WorkingCalendar(new WorkingCalendarDefinition
        {
            WorkingDays = [DayOfWeek.Sunday],
            Hours = [new(new TimeOnly(2, 30), new TimeOnly(5, 0))],
        }, Berlin);
        Assert.False(skipped.IsWorkingTime(new DateTimeOffset(2026, 3, 29, 0, 59, 59, TimeSpan.Zero)));
        Assert.True(skipped.IsWorkingTime(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), skipped.NextWorkingTime(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(2), skipped.WorkingTimeBetween(spring, spring.AddHours(12)));
    }

    [Fact]
    public void A_calendar_without_working_days_for_ten_years_gives_up_instead_of_looping()
    {
        // Only Mondays work, and every Monday for eleven years is a holiday.
        var first = D("2026-03-02");
        var calendar = new WorkingCalendar(new WorkingCalendarDefinition
        {
            WorkingDays = [DayOfWeek.Monday],
            Holidays = [.. Enumerable.Range(0, 52 * 11).Select(i => new CalendarDay(first.AddDays(7 * i)))],
        }, Shanghai);

        Assert.Throws<InvalidOperationException>(() => calendar.AddWorkingDays(Local("2026-03-01", 9), 1));
        Assert.Throws<InvalidOperationException>(() => calendar.AddWorkingHours(Local("2026-03-01", 9), 1));
        Assert.Throws<InvalidOperationException>(() => calendar.NextWorkingTime(Local("2026-03-01", 9)));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.WorkingTimeBetween(Local("2026-03-01", 9), Local("2040-03-01", 9)));
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(Local("2026-03-01", 9), Local("2035-03-01", 9)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingHours(Local("2026-03-01", 9), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingHours(Local("2026-03-01", 9), double.NaN));
    }

    [Fact]
    public void An_invalid_definition_is_refused_with_bilingual_reasons()
    {
        var definition = new WorkingCalendarDefinition
        {
            WorkingDays = [],
            Hours = [new(new TimeOnly(9, 0), new TimeOnly(12, 0)), new(new TimeOnly(11, 0), new TimeOnly(14, 0)), new(new TimeOnly(18, 0), new TimeOnly(17, 0))],
            Holidays = [new(D("2026-10-01"), "国庆节"), new(D("2026-10-01"), "国庆节"), new(D("2026-10-10"))],
            MakeUpDays = [new(D("2026-10-10"), "调休")],
        };

        var errors = definition.Validate();
        var english = string.Join("\n", errors.Select(e => e.English));
        Assert.Contains("at least one working day", english, StringComparison.Ordinal);
        Assert.Contains("09:00–12:00 and 11:00–14:00 overlap", english, StringComparison.Ordinal);
        Assert.Contains("18:00–17:00 must end after it starts", english, StringComparison.Ordinal);
        Assert.Contains("holiday 2026-10-01 is listed twice", english, StringComparison.Ordinal);
        Assert.Contains("2026-10-10 cannot be both", english, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Chinese)));
        Assert.Contains(errors, e => e.Chinese.Contains("重叠", StringComparison.Ordinal));

        var refused = Assert.Throws<WorkingCalendarException>(() => new WorkingCalendar(definition, Shanghai));
        Assert.Equal(errors.Count, refused.Errors.Count);

        Assert.Contains(new WorkingCalendarDefinition { Hours = [] }.Validate(), e => e.English.Contains("at least one working period", StringComparison.Ordinal));
        Assert.Contains(new WorkingCalendarDefinition { WorkingDays = [DayOfWeek.Monday, DayOfWeek.Monday] }.Validate(), e => e.English.Contains("Monday is listed twice", StringComparison.Ordinal));
        Assert.Empty(new WorkingCalendarDefinition().Validate());
    }

    [Fact]
    public void A_definition_is_camel_case_json_and_a_missing_property_keeps_its_default()
    {
        var options = Json;
        var json = JsonSerializer.Serialize(China2026(), options);
        Assert.Contains("\"workingDays\":[\"Monday\",\"Tuesday\",\"Wednesday\",\"Thursday\",\"Friday\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"hours\":[{\"start\":\"08:30\",\"end\":\"12:00\"},{\"start\":\"13:30\",\"end\":\"17:30\"}]", json, StringComparison.Ordinal);
        Assert.Contains("{\"date\":\"2026-10-01\",\"name\":\"国庆节\"}", JsonSerializer.Serialize(China2026().Holidays, ReadableJson), StringComparison.Ordinal);

        var back = JsonSerializer.Deserialize<WorkingCalendarDefinition>(json, options)!;
        Assert.Equal(China2026().Holidays, back.Holidays);
        Assert.Equal(China2026().MakeUpDays, back.MakeUpDays);

        var partial = JsonSerializer.Deserialize<WorkingCalendarDefinition>("""{"holidays":[{"date":"2026-10-01"}],"workingDays":["monday","Sat"]}""", options)!;
        Assert.Equal(new WorkingCalendarDefinition().Hours, partial.Hours);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Saturday], partial.WorkingDays);
        Assert.Null(Assert.Single(partial.Holidays).Name);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WorkingCalendarDefinition>("""{"hours":[{"start":"8h30","end":"12:00"}]}""", options));
    }

    [Fact]
    public void Exceptions_to_the_week_and_their_names()
    {
        Assert.True(Calendar.IsException(D("2026-10-01")));
        Assert.True(Calendar.IsException(D("2026-10-10")));
        Assert.False(Calendar.IsException(D("2026-10-03")));   // a holiday on a Saturday is no exception
        Assert.False(Calendar.IsException(D("2026-03-02")));
        Assert.Equal("国庆节调休", Calendar.NameOf(D("2026-10-10")));
        Assert.Equal("春节", Calendar.NameOf(D("2026-02-17")));
        Assert.Null(Calendar.NameOf(D("2026-03-02")));
    }
}
