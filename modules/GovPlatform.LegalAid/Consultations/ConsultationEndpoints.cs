using System.Globalization;
using GovPlatform.Calendars;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Security;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.LegalAid.Consultations;

/// <summary>The consultations' staff pages under <c>admin/legal/consultations</c>: the list (and follow-ups due), the form, the record.</summary>
internal static class ConsultationEndpoints
{
    public const string Path = "admin/legal/consultations";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + Path);
        group.MapGetShared("/", ListAsync).RequirePermission(LegalAidPermissions.View);
        group.MapGetShared("/new", NewAsync).RequirePermission(LegalAidPermissions.Consult);
        group.MapPostShared("/new", RecordAsync).RequirePermission(LegalAidPermissions.Consult);
        // Viewing is the gate; the service checks the unit or the lawyer.
        group.MapGetShared("/{id:long}", ShowAsync).RequirePermission(LegalAidPermissions.View);
        group.MapPostShared("/{id:long}", EditAsync).RequirePermission(LegalAidPermissions.View);
        group.MapPostShared("/{id:long}/follow-up", FollowUpAsync).RequirePermission(LegalAidPermissions.View);
    }

    internal static RazorComponentResult<TPage> Page<TPage>(HttpContext context, object model, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        ComponentPage.Render<TPage>(context, new { Model = model, TimeZoneId = context.RequestServices.GetRequiredService<ITenant>().TimeZone }, status);

    internal static string Text(BilingualText text) => text.For(CultureInfo.CurrentUICulture);

    internal static Dictionary<string, string> Values(IFormCollection form) =>
        form.Keys.ToDictionary(k => k, k => form[k].FirstOrDefault() ?? "", StringComparer.Ordinal);

    internal static (Dictionary<string, string> Errors, string? General) Split(IReadOnlyDictionary<string, BilingualText>? errors)
    {
        var all = (errors ?? new Dictionary<string, BilingualText>()).ToDictionary(e => e.Key, e => Text(e.Value), StringComparer.Ordinal);
        return (all, all.Remove("", out var general) ? general : null);
    }

    internal static int StatusOf(LegalStatus status) => status switch
    {
        LegalStatus.NotFound => StatusCodes.Status404NotFound,
        LegalStatus.Forbidden => StatusCodes.Status403Forbidden,
        LegalStatus.NotAllowed or LegalStatus.Stale => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    private static async Task<IResult> ListAsync(HttpContext context, ConsultationService service, IWorkingCalendarStore calendars, TimeProvider clock, CancellationToken ct)
    {
        var query = context.Request.Query;
        string? Q(string name) => query[name].FirstOrDefault() is { Length: > 0 and <= 64 } v ? v : null;
        var errors = new Dictionary<string, BilingualText>();
        var today = (await calendars.GetAsync(ct)).LocalDate(clock.GetUtcNow());
        var preset = ReportPeriod.Choose(Q("period"), Q("from"), Q("to"));
        var (from, to) = ReportPeriod.Resolve(preset, Q("from"), Q("to"), today, errors);
        var all = Q("period") is null && Q("from") is null && Q("to") is null;
        var filter = new ConsultationFilter(
            Q("unit"),
            long.TryParse(Q("station"), NumberStyles.None, CultureInfo.InvariantCulture, out var station) ? station : null,
            long.TryParse(Q("lawyer"), NumberStyles.None, CultureInfo.InvariantCulture, out var lawyer) ? lawyer : null,
            Enum.TryParse<MatterType>(Q("matterType"), out var type) && Enum.IsDefined(type) ? type : null,
            Enum.TryParse<ConsultationChannel>(Q("channel"), out var channel) && Enum.IsDefined(channel) ? channel : null,
            Enum.TryParse<ConsultationOutcome>(Q("outcome"), out var outcome) && Enum.IsDefined(outcome) ? outcome : null,
            all ? null : from, all ? null : to, Q("q"), Q("pending") == "1", Q("due") == "1",
            int.TryParse(Q("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1);
        var result = await service.ListAsync(filter, context.User, ct);
        var lists = await ListsAsync(context);
        return Page<ConsultationListPage>(context, new ConsultationListModel(filter, preset, result, lists, errors.ToDictionary(e => e.Key, e => Text(e.Value))));
    }

    private static async Task<IResult> NewAsync(long? appointment, HttpContext context, ConsultationService service, CancellationToken ct)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["channel"] = nameof(ConsultationChannel.WalkIn), ["outcome"] = nameof(ConsultationOutcome.Advised) };
        if (appointment is { } appointmentId)
        {
            if (await service.FromAppointmentAsync(appointmentId, context.User, ct) is not { } input)
            {
                return Results.NotFound();
            }

            values = ValuesOf(input);
        }

        return Page<ConsultationFormPage>(context, new ConsultationFormModel(null, await ListsAsync(context), values, new Dictionary<string, string>(), null, null));
    }

    private static async Task<IResult> RecordAsync(IFormCollection form, HttpContext context, ConsultationService service, CancellationToken ct)
    {
        var values = Values(form);
        var result = await service.RecordAsync(InputOf(values), context.User, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/{result.Value!.Id}?done=recorded"));
        }

        var (errors, general) = Split(result.Errors);
        return Page<ConsultationFormPage>(context, new ConsultationFormModel(null, await ListsAsync(context), values, errors, general, null), StatusOf(result.Status));
    }

    private static async Task<IResult> ShowAsync(long id, string? done, HttpContext context, ConsultationService service, CancellationToken ct)
    {
        if (await service.FindVisibleAsync(id, context.User, ct) is not { } consultation)
        {
            return Results.NotFound();
        }

        var notice = done switch
        {
            "recorded" => L("咨询已登记。", "The consultation was recorded."),
            "saved" => L("已保存。", "Saved."),
            "follow-up" => L("回访已记录。", "The follow-up was recorded."),
            _ => null,
        };
        return Page<ConsultationFormPage>(context, new ConsultationFormModel(consultation, await ListsAsync(context), ValuesOf(consultation),
            new Dictionary<string, string>(), null, notice, await service.CanEditAsync(consultation, context.User, ct)));
    }

    private static async Task<IResult> EditAsync(long id, IFormCollection form, HttpContext context, ConsultationService service, CancellationToken ct)
    {
        var values = Values(form);
        int? version = int.TryParse(values.GetValueOrDefault("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var result = await service.EditAsync(id, InputOf(values), version, context.User, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/{id}?done=saved"));
        }

        if (result.Status == LegalStatus.NotFound || await service.FindVisibleAsync(id, context.User, ct) is not { } current)
        {
            return Results.NotFound();
        }

        var (errors, general) = Split(result.Errors);
        return Page<ConsultationFormPage>(context, new ConsultationFormModel(current, await ListsAsync(context), values, errors, general, null, true), StatusOf(result.Status));
    }

    private static async Task<IResult> FollowUpAsync(long id, IFormCollection form, HttpContext context, ConsultationService service, CancellationToken ct)
    {
        var result = await service.FollowUpDoneAsync(id, form["followUpNote"].FirstOrDefault(), context.User, ct);
        if (result.Succeeded)
        {
            return Results.Redirect(context.TenantPath($"{Path}/{id}?done=follow-up"));
        }

        if (result.Status == LegalStatus.NotFound || await service.FindVisibleAsync(id, context.User, ct) is not { } current)
        {
            return Results.NotFound();
        }

        var (errors, general) = Split(result.Errors);
        return Page<ConsultationFormPage>(context, new ConsultationFormModel(current, await ListsAsync(context), ValuesOf(current), errors, general ?? errors.GetValueOrDefault("followUpNote"), null,
            await service.CanEditAsync(current, context.User, ct)), StatusOf(result.Status));
    }

    private static string L(string chinese, string english) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? english : chinese;

    /// <summary>The stations, lawyers and units the pages offer.</summary>
    internal static async Task<LegalLists> ListsAsync(HttpContext context)
    {
        var db = context.RequestServices.GetRequiredService<TenantDbContext>();
        var grid = context.RequestServices.GetRequiredService<IGridDirectory>();
        var stations = await db.Set<LegalStation>().AsNoTracking().OrderBy(s => s.Kind).ThenBy(s => s.Id).ToListAsync(context.RequestAborted);
        var lawyers = await db.Set<Lawyer>().AsNoTracking().OrderBy(l => l.Id).ToListAsync(context.RequestAborted);
        var units = await grid.GetUnitsInScopeAsync(context.User, context.RequestAborted);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            names[unit.Code] = unit.DisplayName(CultureInfo.CurrentUICulture);
        }

        return new LegalLists(stations, lawyers, units, names);
    }

    internal static ConsultationInput InputOf(IReadOnlyDictionary<string, string> values)
    {
        string V(string name) => values.GetValueOrDefault(name) ?? "";
        return new ConsultationInput
        {
            Channel = Enum.TryParse<ConsultationChannel>(V("channel"), out var channel) ? channel : (ConsultationChannel)(-1),
            StationId = long.TryParse(V("stationId"), NumberStyles.None, CultureInfo.InvariantCulture, out var station) ? station : null,
            GridUnitCode = V("gridUnitCode") is { Length: > 0 } unit ? unit : null,
            LawyerId = long.TryParse(V("lawyerId"), NumberStyles.None, CultureInfo.InvariantCulture, out var lawyer) ? lawyer : null,
            CitizenName = V("citizenName"),
            Phone = V("phone"),
            MatterType = Enum.TryParse<MatterType>(V("matterType"), out var type) ? type : (MatterType)(-1),
            Matter = V("matter"),
            Advice = V("advice"),
            Outcome = Enum.TryParse<ConsultationOutcome>(V("outcome"), out var outcome) ? outcome : (ConsultationOutcome)(-1),
            FollowUp = V("followUp"),
            FollowUpOn = DateOnly.TryParseExact(V("followUpOn"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) ? on : null,
            AppointmentId = long.TryParse(V("appointmentId"), NumberStyles.None, CultureInfo.InvariantCulture, out var appointment) ? appointment : null,
        };
    }

    private static Dictionary<string, string> ValuesOf(ConsultationInput input) => new(StringComparer.Ordinal)
    {
        ["channel"] = input.Channel.ToString(),
        ["stationId"] = input.StationId?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["gridUnitCode"] = input.GridUnitCode ?? "",
        ["lawyerId"] = input.LawyerId?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["citizenName"] = input.CitizenName,
        ["phone"] = input.Phone ?? "",
        ["matterType"] = input.MatterType.ToString(),
        ["matter"] = input.Matter,
        ["advice"] = input.Advice,
        ["outcome"] = input.Outcome.ToString(),
        ["followUp"] = input.FollowUp ?? "",
        ["followUpOn"] = input.FollowUpOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        ["appointmentId"] = input.AppointmentId?.ToString(CultureInfo.InvariantCulture) ?? "",
    };

    private static Dictionary<string, string> ValuesOf(Consultation c)
    {
        var values = ValuesOf(new ConsultationInput
        {
            Channel = c.Channel,
            StationId = c.StationId,
            GridUnitCode = c.GridUnitCode,
            LawyerId = c.LawyerId,
            CitizenName = c.CitizenName,
            Phone = c.Phone,
            MatterType = c.MatterType,
            Matter = c.Matter,
            Advice = c.Advice,
            Outcome = c.Outcome,
            FollowUp = c.FollowUp,
            FollowUpOn = c.FollowUpOn,
            AppointmentId = c.AppointmentId,
        });
        values["version"] = c.Version.ToString(CultureInfo.InvariantCulture);
        return values;
    }
}

/// <summary>The stations, lawyers and units (in the user's scope) the pages offer, and unit names.</summary>
public sealed record LegalLists(IReadOnlyList<LegalStation> Stations, IReadOnlyList<Lawyer> Lawyers, IReadOnlyList<GridUnitInfo> Units, IReadOnlyDictionary<string, string> UnitNames);

public sealed record ConsultationListModel(ConsultationFilter Filter, string Period, ConsultationPage Result, LegalLists Lists, IReadOnlyDictionary<string, string> Errors);

/// <summary>The form page: a new consultation (<see cref="Consultation"/> null) or the record with its edit form.</summary>
public sealed record ConsultationFormModel(Consultation? Consultation, LegalLists Lists, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors, string? Error, string? Notice, bool CanEdit = true);
