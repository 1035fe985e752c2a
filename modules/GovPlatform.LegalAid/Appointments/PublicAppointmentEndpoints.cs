using System.Globalization;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.LegalAid.Appointments;

/// <summary>
/// The citizen's side of appointments on the tenant's public site, sign-in optional: booking a station or a community
/// adviser (<c>legal/book/…</c>), and finding, cancelling and rescheduling a booking with its code and phone
/// (<c>legal/appointments</c>); signed-in citizens also get their own list (<c>legal/appointments/mine</c>). The phone
/// never goes into a URL: it travels in antiforgery-protected posts, and every post is rate limited.
/// </summary>
internal static class PublicAppointmentEndpoints
{
    private static readonly BilingualText NotFoundText = new(
        "没有找到与该预约码和手机号相符的预约，请核对后重试。",
        "No appointment matches this code and mobile number. Check both and try again.");

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGetShared("/legal/book/{kind}/{id:long}", BookPageAsync);
        endpoints.MapPostShared("/legal/book/{kind}/{id:long}", BookAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapGetShared("/legal/appointments", (HttpContext context, ITenant tenant) => FindPage(context, tenant, new FindPageModel("", "", null)));
        endpoints.MapPostShared("/legal/appointments", ShowAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapGetShared("/legal/appointments/mine", MineAsync).RequireAuthorization();
        endpoints.MapGetShared("/legal/appointments/{code}", (string code, HttpContext context, ITenant tenant) =>
            FindPage(context, tenant, new FindPageModel(code.Trim().ToUpperInvariant(), "", null)));
        endpoints.MapPostShared("/legal/appointments/{code}", ShowAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapPostShared("/legal/appointments/{code}/cancel", CancelAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapPostShared("/legal/appointments/{code}/reschedule", RescheduleAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
    }

    internal static IResult Page<TPage>(HttpContext context, ITenant tenant, object model, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        ComponentPage.Render<TPage>(context, new { Model = model, TimeZoneId = tenant.TimeZone }, status);

    private static IResult FindPage(HttpContext context, ITenant tenant, FindPageModel model, int status = StatusCodes.Status200OK) =>
        Page<FindAppointmentPage>(context, tenant, model, status);

    private static async Task<IResult> BookPageAsync(
        string kind, long id, int? week, string? slot, HttpContext context, AppointmentDirectory directory, ITenant tenant, ITenantUsers users, CancellationToken ct)
    {
        if (ParseKind(kind) is not { } providerKind || await directory.ProviderAsync(providerKind, id, ct) is not { } provider)
        {
            return Results.NotFound();
        }

        if (!provider.Open)
        {
            return Page<BookingClosedPage>(context, tenant, provider);
        }

        var window = await directory.SlotsAsync(provider.Bookable, week ?? 0, ct);
        var chosen = AppointmentFormats.ParseSlot(slot);
        if (chosen is null || !window.Days.SelectMany(d => d.Slots).Any(s => s.StartsUtc == chosen && s.Free > 0))
        {
            var message = chosen is null ? null : Text(new("这个时段已约满或不可预约，请选择其他时段。", "This slot is full or cannot be booked; choose another."));
            return Page<BookPage>(context, tenant, new BookPageModel(provider, window, null, null, NoErrors, message));
        }

        var form = new BookForm { IdempotencyKey = Guid.NewGuid().ToString("N"), Start = AppointmentFormats.Slot(chosen.Value) };
        await PrefillAsync(form, context.User, users, ct);
        return Page<BookPage>(context, tenant, new BookPageModel(provider, window, form, chosen, NoErrors, null));
    }

    private static async Task<IResult> BookAsync(
        string kind, long id, IFormCollection posted, HttpContext context, AppointmentDirectory directory, BookingService booking, ITenant tenant, CancellationToken ct)
    {
        if (ParseKind(kind) is not { } providerKind || await directory.ProviderAsync(providerKind, id, ct) is not { } provider)
        {
            return Results.NotFound();
        }

        var form = new BookForm
        {
            IdempotencyKey = Field(posted, "IdempotencyKey"),
            Start = Field(posted, "Start"),
            CitizenName = Field(posted, "CitizenName"),
            Phone = Field(posted, "Phone"),
            MatterType = Field(posted, "MatterType"),
            Matter = Field(posted, "Matter"),
        };
        var start = AppointmentFormats.ParseSlot(form.Start);
        var matterType = Enum.TryParse<MatterType>(form.MatterType, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(form.MatterType, out _) ? parsed : (MatterType)(-1);
        var userName = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        var result = await booking.BookAsync(
            new BookingRequest(providerKind, id, start ?? default, form.CitizenName, form.Phone, matterType, form.Matter, form.IdempotencyKey), userName, ct);
        if (result.Succeeded)
        {
            var appointment = result.Appointment!;
            var notice = Text(new($"预约成功！您的预约码是 {appointment.Code}，请牢记，凭预约码和手机号可查询、取消或改约。",
                $"Booked! Your code is {appointment.Code}: with it and your mobile number you can look up, cancel or reschedule."));
            return await AppointmentPageAsync(context, tenant, directory, appointment, notice, null, null, null, StatusCodes.Status200OK, ct);
        }

        if (result.Status == BookingStatus.NotFound)
        {
            return Results.NotFound();
        }

        if (!provider.Open)
        {
            return Page<BookingClosedPage>(context, tenant, provider, StatusCodes.Status409Conflict);
        }

        var errors = Texts(result.Errors);
        var window = await directory.SlotsAsync(provider.Bookable, 0, ct);
        if (result.Status == BookingStatus.Full || start is null)
        {
            // Back to the slots: the chosen one is gone (or was never one).
            var message = errors.GetValueOrDefault("startsUtc") ?? Text(new("请选择列出的预约时段。", "Choose one of the slots listed."));
            return Page<BookPage>(context, tenant, new BookPageModel(provider, window, null, null, NoErrors, message),
                result.Status == BookingStatus.Full ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        }

        return Page<BookPage>(context, tenant, new BookPageModel(provider, window, form, start, errors, null),
            result.Status == BookingStatus.NotAllowed ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ShowAsync(IFormCollection posted, HttpContext context, AppointmentDirectory directory, BookingService booking, ITenant tenant, CancellationToken ct)
    {
        var typed = Field(posted, "Code");
        var code = (typed.Length > 0 ? typed : context.Request.RouteValues["code"] as string ?? "").Trim().ToUpperInvariant();
        var phone = Field(posted, "Phone");
        if (code.Length == 0 || phone.Trim().Length == 0)
        {
            return FindPage(context, tenant, new FindPageModel(code, phone, Text(new("请填写预约码和预约时留的手机号。", "Enter the code and the mobile number you gave."))), StatusCodes.Status400BadRequest);
        }

        return await booking.FindByCodeAsync(code, phone, ct) is { } appointment
            ? await AppointmentPageAsync(context, tenant, directory, appointment, null, null, null, null, StatusCodes.Status200OK, ct)
            : FindPage(context, tenant, new FindPageModel(code, phone, Text(NotFoundText)), StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CancelAsync(string code, IFormCollection posted, HttpContext context, AppointmentDirectory directory, BookingService booking, ITenant tenant, CancellationToken ct)
    {
        var phone = Field(posted, "Phone");
        if (await booking.FindByCodeAsync(code, phone, ct) is not { } appointment)
        {
            return FindPage(context, tenant, new FindPageModel(code, phone, Text(NotFoundText)), StatusCodes.Status404NotFound);
        }

        var reason = Field(posted, "Reason");
        var result = await booking.CancelAsync(appointment.Id, reason, BookingService.CitizenActor, byCitizen: true, ct);
        if (result.Succeeded)
        {
            return await AppointmentPageAsync(context, tenant, directory, result.Appointment!, Text(new("预约已取消。", "The appointment is cancelled.")), null, null, null, StatusCodes.Status200OK, ct);
        }

        var error = await RefusalAsync(directory, appointment, result, ct);
        return await AppointmentPageAsync(context, tenant, directory, appointment, null, error, null, reason, StatusOf(result), ct);
    }

    private static async Task<IResult> RescheduleAsync(
        string code, int? week, IFormCollection posted, HttpContext context, AppointmentDirectory directory, BookingService booking, ITenant tenant, CancellationToken ct)
    {
        var phone = Field(posted, "Phone");
        if (await booking.FindByCodeAsync(code, phone, ct) is not { } appointment)
        {
            return FindPage(context, tenant, new FindPageModel(code, phone, Text(NotFoundText)), StatusCodes.Status404NotFound);
        }

        var pageWeek = int.TryParse(Field(posted, "Week"), NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : week ?? 0;
        if (AppointmentFormats.ParseSlot(Field(posted, "Start")) is not { } start)
        {
            // The first step: the provider's slots to choose from.
            return await AppointmentPageAsync(context, tenant, directory, appointment, null, null, pageWeek, null, StatusCodes.Status200OK, ct);
        }

        var result = await booking.RescheduleAsync(appointment.Id, start, BookingService.CitizenActor, byCitizen: true, ct);
        if (result.Succeeded)
        {
            return await AppointmentPageAsync(context, tenant, directory, result.Appointment!, Text(new("已改约到新的时段。", "The appointment is moved to the new slot.")), null, null, null, StatusCodes.Status200OK, ct);
        }

        var error = await RefusalAsync(directory, appointment, result, ct);
        var again = result.Status is BookingStatus.Full or BookingStatus.Invalid ? pageWeek : (int?)null;
        return await AppointmentPageAsync(context, tenant, directory, appointment, null, error, again, null, StatusOf(result), ct);
    }

    private static async Task<IResult> MineAsync(HttpContext context, TenantDbContext db, AppointmentDirectory directory, TimeProvider clock, ITenant tenant, CancellationToken ct)
    {
        var userName = context.User.Identity?.Name ?? "";
        var mine = await db.Set<Appointment>().AsNoTracking().Where(a => a.UserName == userName)
            .OrderByDescending(a => a.StartsUtc).Take(100).ToListAsync(ct);
        return Page<MyAppointmentsPage>(context, tenant, new MyAppointmentsModel(await directory.ViewsAsync(mine, ct), clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> AppointmentPageAsync(
        HttpContext context, ITenant tenant, AppointmentDirectory directory, Appointment appointment, string? notice, string? error, int? rescheduleWeek, string? reason,
        int status, CancellationToken ct)
    {
        var clock = context.RequestServices.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var provider = await directory.ProviderAsync(appointment.ProviderKind, appointment.ProviderId, ct);
        var canChange = appointment.Status == AppointmentStatus.Booked && appointment.StartsUtc > clock.GetUtcNow().UtcDateTime;
        var slots = canChange && rescheduleWeek is { } week && provider is { Open: true } ? await directory.SlotsAsync(provider.Bookable, week, ct) : null;
        return Page<AppointmentPage>(context, tenant,
            new AppointmentPageModel(new AppointmentView(appointment, provider), canChange, notice, error, slots, reason, context.User.Identity?.IsAuthenticated == true), status);
    }

    // A refusal as the citizen reads it; "too late" adds whom to call.
    private static async Task<string> RefusalAsync(AppointmentDirectory directory, Appointment appointment, BookingResult result, CancellationToken ct)
    {
        var message = result.Errors?.Values.FirstOrDefault() is { } first ? Text(first) : Text(new("操作未能完成，请刷新后重试。", "That did not work; reload and try again."));
        if (result.Status == BookingStatus.NotAllowed && appointment.Status == AppointmentStatus.Booked
            && await directory.ProviderAsync(appointment.ProviderKind, appointment.ProviderId, ct) is { Phone: { Length: > 0 } phone })
        {
            message += Text(new($"请致电 {phone}。", $" Please call {phone}."));
        }

        return message;
    }

    private static int StatusOf(BookingResult result) => result.Status switch
    {
        BookingStatus.NotFound => StatusCodes.Status404NotFound,
        BookingStatus.Invalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    private static async Task PrefillAsync(BookForm form, ClaimsPrincipal user, ITenantUsers users, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true || user.Identity.Name is not { Length: > 0 } name)
        {
            return;
        }

        // The display name falls back to the user name, which is no one's name to put on an appointment.
        var displayName = user.FindFirstValue("gp:display_name");
        form.CitizenName = displayName is { Length: > 0 } && displayName != name ? displayName : "";
        form.Phone = (await users.FindByUserNameAsync(name, ct))?.Phone ?? "";
    }

    internal static ProviderKind? ParseKind(string kind) => kind switch
    {
        "station" => ProviderKind.Station,
        "adviser" => ProviderKind.Adviser,
        _ => null,
    };

    internal static string Field(IFormCollection form, string name) => form[name].FirstOrDefault() ?? "";

    internal static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);

    internal static Dictionary<string, string> Texts(IReadOnlyDictionary<string, BilingualText>? errors) =>
        (errors ?? new Dictionary<string, BilingualText>()).ToDictionary(e => e.Key, e => Text(e.Value), StringComparer.Ordinal);

    internal static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();
}
