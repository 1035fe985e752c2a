using System.Text.Json.Serialization;

namespace GovPlatform.Calendars;

/// <summary>A dated exception to the working week: a holiday, or a make-up working day (调休).</summary>
/// <param name="Date">The local date.</param>
/// <param name="Name">What it is, e.g. <c>国庆节</c>; optional.</param>
public sealed record CalendarDay(
    [property: JsonConverter(typeof(CalendarDateJsonConverter))] DateOnly Date,
    string? Name = null);
