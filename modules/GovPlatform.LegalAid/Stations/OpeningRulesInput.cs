using System.Globalization;
using GovPlatform.LegalAid.Models;
using GovPlatform.Localization;

namespace GovPlatform.LegalAid.Stations;

/// <summary>
/// Opening rules as typed into a form or a recipe (texts, so a bad value is shown back as typed): weekdays mask,
/// opens/closes <c>HH:mm</c>, slot minutes, places per slot, days ahead. Shared by stations and adviser assignments.
/// </summary>
public sealed record OpeningRulesInput(int OpenDays, string? Opens, string? Closes, string? SlotMinutes, string? SlotCapacity, string? DaysAhead)
{
    /// <summary>The rules of a station or an assignment, as the form shows them.</summary>
    public static OpeningRulesInput From(IOpeningRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new(rules.OpenDays, rules.OpensAt?.ToString("HH:mm", CultureInfo.InvariantCulture), rules.ClosesAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
            Number(rules.SlotMinutes), Number(rules.SlotCapacity), Number(rules.DaysAhead));
    }

    /// <summary>The parsed rules, or the errors by field (<c>openDays</c>, <c>opens</c>, <c>closes</c>, <c>slotMinutes</c>, <c>slotCapacity</c>, <c>daysAhead</c>).</summary>
    public (OpeningRules? Rules, Dictionary<string, BilingualText> Errors) Parse()
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var minutes = Int("slotMinutes", SlotMinutes, 30, 10, 240, errors);
        var capacity = Int("slotCapacity", SlotCapacity, 0, 0, 50, errors);
        var ahead = Int("daysAhead", DaysAhead, 14, 1, 90, errors);
        var opens = Time("opens", Opens, errors);
        var closes = Time("closes", Closes, errors);
        if (OpenDays is < 0 or > 0b1111111)
        {
            errors["openDays"] = new("开放日无效。", "The open days are not valid.");
        }

        if (opens is null != closes is null && !errors.ContainsKey("opens") && !errors.ContainsKey("closes"))
        {
            errors[opens is null ? "opens" : "closes"] = new("开始和结束时间要么都填，要么都不填。", "Give both the opening and the closing time, or neither.");
        }

        // Appointments are taken only when every part is there: days, hours and places.
        var takesAppointments = capacity > 0 && OpenDays != 0;
        if (takesAppointments && opens is null && closes is null && !errors.ContainsKey("opens"))
        {
            errors["opens"] = new("接受预约时必须填写开始和结束时间。", "Give the opening and closing times when appointments are taken.");
        }

        if (opens is { } o && closes is { } c && !errors.ContainsKey("slotMinutes"))
        {
            if (o >= c)
            {
                errors["closes"] = new("结束时间必须晚于开始时间。", "The closing time must be after the opening time.");
            }
            else if ((c - o).TotalMinutes < minutes)
            {
                errors["slotMinutes"] = new($"{o:HH\\:mm}–{c:HH\\:mm} 之间放不下一个 {minutes} 分钟的时段。", $"Not even one slot of {minutes} minutes fits between {o:HH\\:mm} and {c:HH\\:mm}.");
            }
        }

        return errors.Count > 0 ? (null, errors) : (new OpeningRules(OpenDays, opens, closes, minutes, capacity, ahead), errors);
    }

    /// <summary>Copies parsed rules onto a station or an assignment.</summary>
    public static void Apply(OpeningRules rules, LegalStation station)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(station);
        (station.OpenDays, station.OpensAt, station.ClosesAt, station.SlotMinutes, station.SlotCapacity, station.DaysAhead) =
            (rules.OpenDays, rules.OpensAt, rules.ClosesAt, rules.SlotMinutes, rules.SlotCapacity, rules.DaysAhead);
    }

    /// <inheritdoc cref="Apply(OpeningRules, LegalStation)"/>
    public static void Apply(OpeningRules rules, AdviserAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(assignment);
        (assignment.OpenDays, assignment.OpensAt, assignment.ClosesAt, assignment.SlotMinutes, assignment.SlotCapacity, assignment.DaysAhead) =
            (rules.OpenDays, rules.OpensAt, rules.ClosesAt, rules.SlotMinutes, rules.SlotCapacity, rules.DaysAhead);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Int(string key, string? text, int fallback, int min, int max, Dictionary<string, BilingualText> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors[key] = new($"请填写 {min}–{max} 之间的整数。", $"Give a whole number from {min} to {max}.");
            return fallback;
        }

        return value;
    }

    private static TimeOnly? Time(string key, string? text, Dictionary<string, BilingualText> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors[key] = new("时间格式为 HH:mm，例如 09:00。", "Give the time as HH:mm, such as 09:00.");
            return null;
        }

        return time;
    }
}

/// <summary>Parsed opening rules.</summary>
public sealed record OpeningRules(int OpenDays, TimeOnly? OpensAt, TimeOnly? ClosesAt, int SlotMinutes, int SlotCapacity, int DaysAhead);
