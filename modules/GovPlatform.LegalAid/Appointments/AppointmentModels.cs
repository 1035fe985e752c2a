using System.Globalization;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;

namespace GovPlatform.LegalAid.Appointments;

/// <summary>
/// A station or an adviser as citizens see it: who, where, when it receives, whom to call. For an adviser only the
/// lawyer's name and firm are shown, and the firm's phone (never the lawyer's own).
/// </summary>
/// <param name="Bookable">The booking service's view (rules, term, active).</param>
/// <param name="Place">The address or room.</param>
/// <param name="Hours">Opening hours as people read them.</param>
/// <param name="Phone">Whom to call when the site cannot help (the station's or the firm's phone).</param>
/// <param name="Lawyer">The adviser's name, or null for a station.</param>
/// <param name="Firm">The adviser's firm, or null.</param>
public sealed record ProviderInfo(Bookable Bookable, string? Place, string? Hours, string? Phone, string? Lawyer, BilingualText? Firm)
{
    /// <summary>Whether it takes bookings now (active, in its term, with opening rules that make slots).</summary>
    public bool Open => Bookable.Active && SlotPlanner.TakesAppointments(Bookable.Rules);

    /// <summary>The path of its booking page (without the tenant's base).</summary>
    public string BookPath => $"legal/book/{(Bookable.Kind == ProviderKind.Station ? "station" : "adviser")}/{Bookable.Id}";
}

/// <summary>One local day's slots.</summary>
public sealed record SlotDay(DateOnly Date, IReadOnlyList<SlotView> Slots);

/// <summary>A week window of slots with paging within the rules' days ahead.</summary>
public sealed record SlotWindow(IReadOnlyList<SlotDay> Days, int Week, bool HasPrevious, bool HasNext);

/// <summary>The booking form as posted (kept as typed when it comes back with errors).</summary>
public sealed class BookForm
{
    public string IdempotencyKey { get; set; } = "";

    /// <summary>The slot's start in UTC as <see cref="AppointmentFormats.Slot"/> writes it.</summary>
    public string Start { get; set; } = "";

    public string CitizenName { get; set; } = "";

    public string Phone { get; set; } = "";

    public string MatterType { get; set; } = "";

    public string Matter { get; set; } = "";
}

/// <summary>The public booking page: the provider, its slots, and the form once a slot is chosen.</summary>
public sealed record BookPageModel(ProviderInfo Provider, SlotWindow Slots, BookForm? Form, DateTime? ChosenUtc, IReadOnlyDictionary<string, string> Errors, string? Message);

/// <summary>An appointment with its provider, as its citizen (or staff) sees it.</summary>
public sealed record AppointmentView(Appointment Appointment, ProviderInfo? Provider)
{
    /// <summary>Where to go: the station's or adviser's place.</summary>
    public string? Place => Provider?.Place;
}

/// <summary>The appointment page of a citizen (found by code and phone, or from their list).</summary>
/// <param name="View">The appointment.</param>
/// <param name="CanChange">Whether it is still coming (cancel and reschedule are offered).</param>
/// <param name="Notice">What just happened.</param>
/// <param name="Error">Why the last action was refused.</param>
/// <param name="Reschedule">The provider's slots to move to, when the citizen asked to reschedule.</param>
/// <param name="Reason">The cancel reason as typed.</param>
/// <param name="SignedIn">Whether to link the citizen's own list.</param>
public sealed record AppointmentPageModel(AppointmentView View, bool CanChange, string? Notice, string? Error, SlotWindow? Reschedule, string? Reason, bool SignedIn);

/// <summary>The page asking for the code and phone.</summary>
public sealed record FindPageModel(string Code, string Phone, string? Error);

/// <summary>A signed-in citizen's appointments.</summary>
public sealed record MyAppointmentsModel(IReadOnlyList<AppointmentView> Appointments, DateTime NowUtc);

/// <summary>A provider a staff member may filter the day list by.</summary>
public sealed record ProviderOption(string Value, string Label);

/// <summary>A row of the staff day list.</summary>
/// <param name="Appointment">The appointment.</param>
/// <param name="ProviderName">The station, or the adviser and community.</param>
/// <param name="Phone">The phone, masked unless the user may receive the citizen.</param>
/// <param name="CanAct">Whether the user may mark, cancel and record a consultation.</param>
public sealed record DayRow(Appointment Appointment, string ProviderName, string Phone, bool CanAct);

/// <summary>The staff day list.</summary>
public sealed record DayListModel(DateOnly Date, string Provider, IReadOnlyList<ProviderOption> Providers, IReadOnlyList<DayRow> Rows, DateTime NowUtc, string? Notice, string? Error);

/// <summary>How slots are written in forms and links.</summary>
public static class AppointmentFormats
{
    /// <summary>A slot's start in UTC: <c>202609220100</c>.</summary>
    public static string Slot(DateTime utc) => utc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>The UTC start written by <see cref="Slot"/>, or null.</summary>
    public static DateTime? ParseSlot(string? value) =>
        DateTime.TryParseExact(value, "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc)
            ? DateTime.SpecifyKind(utc, DateTimeKind.Utc)
            : null;

    /// <summary>A UTC time's local clock time in the zone: <c>09:30</c>.</summary>
    public static string Time(DateTime utc, string zoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zoneId)).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A local date as a day heading: <c>2026-09-22 周二</c>.</summary>
    public static string Day(DateOnly date, bool english) =>
        $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {LegalAidNames.Weekday(date.DayOfWeek).For(english ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN"))}";

    /// <summary>A provider filter value: <c>station:3</c>, <c>adviser:5</c>.</summary>
    public static string Provider(ProviderKind kind, long id) => $"{(kind == ProviderKind.Station ? "station" : "adviser")}:{id}";
}
