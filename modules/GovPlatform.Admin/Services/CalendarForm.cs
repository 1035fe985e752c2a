namespace GovPlatform.Admin.Services;

/// <summary>The working calendar form, as posted (a list missing from the post binds as null: the getters make it empty).</summary>
public sealed class CalendarForm
{
    /// <summary>The form shows this many period rows; empty rows are ignored.</summary>
    public const int PeriodRows = 4;

    /// <summary>The checked weekdays, by English name (<c>Monday</c>).</summary>
    public List<string> WorkingDays { get => field ??= []; set; } = [];

    /// <summary>The periods' starts, one per row (<c>08:30</c>).</summary>
    public List<string?> PeriodStart { get => field ??= []; set; } = [];

    /// <summary>The periods' ends, one per row.</summary>
    public List<string?> PeriodEnd { get => field ??= []; set; } = [];

    /// <summary>Holidays, one per line: <c>2026-10-01 国庆节</c>.</summary>
    public string? Holidays { get; set; }

    /// <summary>Make-up working days, one per line: <c>2026-10-10 国庆节调休</c>.</summary>
    public string? MakeUpDays { get; set; }

    /// <summary>The start and end typed in row <paramref name="index"/> (0-based), empty when there is none.</summary>
    public (string Start, string End) Period(int index) =>
        (index < PeriodStart.Count ? PeriodStart[index]?.Trim() ?? "" : "", index < PeriodEnd.Count ? PeriodEnd[index]?.Trim() ?? "" : "");
}
