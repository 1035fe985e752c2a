using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.Localization;
using Microsoft.EntityFrameworkCore;
using static GovPlatform.Forms.FieldChecks;

namespace GovPlatform.LegalAid.Stations;

/// <summary>A station as typed into the editor or a recipe; numbers stay text so a bad value is shown back as typed.</summary>
public sealed record StationInput(
    string Code, string Kind, string Name, string EnglishName, string GridUnit, string? HostOrganisation, string Address,
    string? Longitude, string? Latitude, LegalServices Services, string? Hours, string? Phone, string? Contacts, string? Description,
    OpeningRulesInput Rules, bool Active)
{
    /// <summary>The station as the editor shows it.</summary>
    public static StationInput From(LegalStation station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return new(station.Code, station.Kind.ToString(), station.Name, station.EnglishName, station.GridUnitCode, station.HostOrganisation, station.Address,
            station.Longitude?.ToString("0.######", CultureInfo.InvariantCulture), station.Latitude?.ToString("0.######", CultureInfo.InvariantCulture),
            station.Services, station.Hours, station.Phone, station.Contacts, station.Description, OpeningRulesInput.From(station), station.Active);
    }
}

/// <summary>How a save went.</summary>
public enum StationOutcome
{
    Done,
    Invalid,
    NotFound,
    Stale,
}

/// <summary>The result of a save: the station, or the errors by field.</summary>
public sealed record StationSaveResult(StationOutcome Outcome, LegalStation? Station, IReadOnlyDictionary<string, BilingualText> Errors);

/// <summary>
/// Validates and saves stations, for the admin pages and the <c>legalaid</c> recipe step. Edits carry the version the
/// editor was opened at: a save over someone else's change is refused. Every change is audited (category <c>legalaid</c>).
/// </summary>
public sealed partial class StationEditor(TenantDbContext db, IGridDirectory grid, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The message of an edit over someone else's change.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这个站点刚被他人修改，请刷新页面后再改。", "Someone else changed this station since you opened it; reload the page and make your change again.");

    private static readonly BilingualText Required = new("必填。", "Required.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+\-() ]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>Why <paramref name="input"/> cannot be saved (as station <paramref name="id"/>, or new), by field, with the values to store when it can.</summary>
    public async Task<(Dictionary<string, BilingualText> Errors, Parsed? Values)> ValidateAsync(StationInput input, long? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var code = (input.Code ?? "").Trim();
        if (!CodePattern().IsMatch(code))
        {
            errors["code"] = new("代码由 2–64 个小写字母、数字和连字符组成。", "The code has 2–64 lower-case letters, digits and hyphens.");
        }
        else if (await db.Set<LegalStation>().AnyAsync(s => s.Code == code && s.Id != (id ?? 0), cancellationToken))
        {
            errors["code"] = new($"已有代码为“{code}”的站点。", $"Another station has the code '{code}'.");
        }

        if (!Enum.TryParse<StationKind>(input.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || int.TryParse(input.Kind, out _))
        {
            errors["kind"] = new("请选择站点类型。", "Choose the kind of station.");
        }

        Text(errors, "name", input.Name, 100, required: true);
        Text(errors, "englishName", input.EnglishName, 200, required: true);
        Text(errors, "hostOrganisation", input.HostOrganisation, 100);
        Text(errors, "address", input.Address, 200, required: true);
        Text(errors, "hours", input.Hours, 200);
        Text(errors, "contacts", input.Contacts, 200);
        Text(errors, "description", input.Description, 2000);
        if (Blank(input.Phone) is { } phone && !PhonePattern().IsMatch(phone))
        {
            errors["phone"] = new("电话号码只能包含数字、空格和 +-()。", "A phone number has digits, spaces and + - ( ) only.");
        }

        if ((input.Services & ~LegalAidNames.EachService.Aggregate(LegalServices.None, (a, s) => a | s)) != 0)
        {
            errors["services"] = new("服务项目无效。", "The services are not valid.");
        }

        var unitCode = (input.GridUnit ?? "").Trim();
        if (unitCode.Length == 0)
        {
            errors["gridUnit"] = Required;
        }
        else if (await grid.FindAsync(unitCode, cancellationToken) is not { } unit)
        {
            errors["gridUnit"] = new($"本区网格中没有单位“{unitCode}”。", $"The district's grid has no unit '{unitCode}'.");
        }
        else
        {
            unitCode = unit.Code;
        }

        var longitude = Coordinate(errors, "longitude", input.Longitude, 180);
        var latitude = Coordinate(errors, "latitude", input.Latitude, 90);
        if (longitude is null != latitude is null && !errors.ContainsKey("longitude") && !errors.ContainsKey("latitude"))
        {
            errors[longitude is null ? "longitude" : "latitude"] = new("经度和纬度要么都填，要么都不填。", "Give both the longitude and the latitude, or neither.");
        }

        var (rules, ruleErrors) = (input.Rules ?? new OpeningRulesInput(0, null, null, null, null, null)).Parse();
        foreach (var (key, message) in ruleErrors)
        {
            errors[key] = message;
        }

        return errors.Count > 0 ? (errors, null) : (errors, new Parsed(code, kind, unitCode, longitude, latitude, rules!));
    }

    /// <summary>Adds a station.</summary>
    public async Task<StationSaveResult> CreateAsync(StationInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var (errors, values) = await ValidateAsync(input, null, cancellationToken);
        if (values is null)
        {
            return new(StationOutcome.Invalid, null, errors);
        }

        var station = new LegalStation();
        Apply(station, input, values);
        station.Version = 1;
        db.Add(station);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "station-create", $"station:{station.Code}", $"{station.Name} by {Actor(user)}"), cancellationToken);
        return new(StationOutcome.Done, station, errors);
    }

    /// <summary>Saves station <paramref name="id"/> opened at <paramref name="version"/>; refused when someone changed it since.</summary>
    public async Task<StationSaveResult> UpdateAsync(long id, StationInput input, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var station = await db.Set<LegalStation>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (station is null)
        {
            return new(StationOutcome.NotFound, null, new Dictionary<string, BilingualText>());
        }

        if (station.Version != version)
        {
            return new(StationOutcome.Stale, station, new Dictionary<string, BilingualText> { [""] = StaleMessage });
        }

        var (errors, values) = await ValidateAsync(input, id, cancellationToken);
        if (values is null)
        {
            return new(StationOutcome.Invalid, station, errors);
        }

        Apply(station, input, values);
        station.Version = version + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(StationOutcome.Stale, null, new Dictionary<string, BilingualText> { [""] = StaleMessage });
        }

        await audit.RecordAsync(new AuditEvent(BookingService.AuditCategory, "station-edit", $"station:{station.Code}", $"{station.Name} by {Actor(user)}"), cancellationToken);
        return new(StationOutcome.Done, station, errors);
    }

    /// <summary>Adds the station or overwrites the one with its code (the recipe step); the errors when it is not valid.</summary>
    public async Task<StationSaveResult> UpsertAsync(StationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var code = (input.Code ?? "").Trim();
        var existing = await db.Set<LegalStation>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, cancellationToken);
        return existing is null ? await CreateAsync(input, null, cancellationToken) : await UpdateAsync(existing.Id, input, existing.Version, null, cancellationToken);
    }

    private void Apply(LegalStation station, StationInput input, Parsed values)
    {
        station.Code = values.Code;
        station.Kind = values.Kind;
        station.Name = input.Name.Trim();
        station.EnglishName = input.EnglishName.Trim();
        station.GridUnitCode = values.GridUnitCode;
        station.HostOrganisation = Blank(input.HostOrganisation);
        station.Address = input.Address.Trim();
        station.Longitude = values.Longitude;
        station.Latitude = values.Latitude;
        station.Services = input.Services;
        station.Hours = Blank(input.Hours);
        station.Phone = Blank(input.Phone);
        station.Contacts = Blank(input.Contacts);
        station.Description = Blank(input.Description);
        OpeningRulesInput.Apply(values.Rules, station);
        station.Active = input.Active;
        station.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
    }

    private static string Actor(ClaimsPrincipal? user) => user?.Identity?.Name ?? "recipe";

    /// <summary>The checked values of a valid input.</summary>
    public sealed record Parsed(string Code, StationKind Kind, string GridUnitCode, double? Longitude, double? Latitude, OpeningRules Rules);
}
