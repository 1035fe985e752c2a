using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Pairings;
using Microsoft.EntityFrameworkCore;
using static GovPlatform.Forms.FieldChecks;

namespace GovPlatform.RedGrid.Centres;

/// <summary>How a save went.</summary>
public enum CentreOutcome
{
    Done,
    Invalid,
    NotFound,
    Stale,
}

/// <summary>
/// Validates and saves party-mass service centres and their activities. Edits carry the version the editor was opened
/// at: a save over someone else's change is refused. Every change is audited (category <c>redgrid</c>). Callers check
/// the scope (Centres over the centre's unit, old and new).
/// </summary>
public sealed partial class CentreEditor(TenantDbContext db, IGridDirectory grid, IAuditLog audit, TimeProvider clock)
{
    public static readonly BilingualText StaleMessage = new("这个服务中心刚被他人修改，请刷新页面后再改。", "Someone else changed this centre since you opened it; reload the page and make your change again.");

    private static readonly BilingualText Required = new("必填。", "Required.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+\-() ]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>Adds centre (<paramref name="id"/> null) or saves centre <paramref name="id"/> opened at <paramref name="version"/>.</summary>
    public async Task<(CentreOutcome Outcome, ServiceCentre? Centre, Dictionary<string, BilingualText> Errors)> SaveAsync(long? id, CentreForm form, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ServiceCentre? centre = null;
        if (id is { } existing)
        {
            centre = await db.Set<ServiceCentre>().FirstOrDefaultAsync(c => c.Id == existing, cancellationToken);
            if (centre is null)
            {
                return (CentreOutcome.NotFound, null, []);
            }

            if (centre.Version != version)
            {
                return (CentreOutcome.Stale, centre, new() { [""] = StaleMessage });
            }
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var code = (form.Code ?? "").Trim();
        if (!CodePattern().IsMatch(code))
        {
            errors["code"] = new("代码由 2–64 个小写字母、数字和连字符组成。", "The code has 2–64 lower-case letters, digits and hyphens.");
        }
        else if (await db.Set<ServiceCentre>().AnyAsync(c => c.Code == code && c.Id != (id ?? 0), cancellationToken))
        {
            errors["code"] = new($"已有代码为“{code}”的服务中心。", $"Another centre has the code '{code}'.");
        }

        if (!Enum.TryParse<CentreLevel>(form.Level, out var level) || !Enum.IsDefined(level) || int.TryParse(form.Level, out _))
        {
            errors["level"] = new("请选择层级。", "Choose the level.");
        }

        Text(errors, "name", form.Name, 100, true);
        Text(errors, "address", form.Address, 200, true);
        Text(errors, "hours", form.Hours, 200);
        Text(errors, "services", form.Services, 2000);
        Text(errors, "description", form.Description, 2000);
        if (Blank(form.Phone) is { } phone && !PhonePattern().IsMatch(phone))
        {
            errors["phone"] = new("电话号码只能包含数字、空格和 +-()。", "A phone number has digits, spaces and + - ( ) only.");
        }

        var unitCode = (form.GridUnit ?? "").Trim();
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

        var longitude = Coordinate(errors, "longitude", form.Longitude, 180);
        var latitude = Coordinate(errors, "latitude", form.Latitude, 90);
        if (longitude is null != latitude is null && !errors.ContainsKey("longitude") && !errors.ContainsKey("latitude"))
        {
            errors[longitude is null ? "longitude" : "latitude"] = new("经度和纬度要么都填，要么都不填。", "Give both the longitude and the latitude, or neither.");
        }

        if (errors.Count > 0)
        {
            return (CentreOutcome.Invalid, centre, errors);
        }

        centre ??= db.Add(new ServiceCentre()).Entity;
        centre.Code = code;
        centre.Level = level;
        centre.Name = form.Name!.Trim();
        centre.GridUnitCode = unitCode;
        centre.Address = form.Address!.Trim();
        centre.Longitude = longitude;
        centre.Latitude = latitude;
        centre.Hours = Blank(form.Hours);
        centre.Phone = Blank(form.Phone);
        // One service per line: blank lines and stray spaces dropped.
        centre.Services = Blank(string.Join('\n', (form.Services ?? "").Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0)));
        centre.Description = Blank(form.Description);
        centre.Active = form.Active;
        centre.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        centre.Version = version + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (CentreOutcome.Stale, null, new() { [""] = StaleMessage });
        }

        await audit.RecordAsync(new AuditEvent(PairingService.AuditCategory, id is null ? "centre-create" : "centre-edit", $"centre:{centre.Code}", $"{centre.Name} by {user?.Identity?.Name}"), cancellationToken);
        return (CentreOutcome.Done, centre, errors);
    }

    /// <summary>Adds an activity to <paramref name="centre"/>; the local start is read in <paramref name="timeZone"/>.</summary>
    /// <summary>Active centres per unit and level among <paramref name="unitCodes"/>: one GROUP BY (the combined reports roll it up).</summary>
    public async Task<IReadOnlyList<(string GridUnitCode, CentreLevel Level, int Count)>> CountsAsync(IReadOnlyCollection<string> unitCodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitCodes);
        var codes = unitCodes.ToList();
        var groups = await db.Set<ServiceCentre>().AsNoTracking()
            .Where(c => c.Active && codes.Contains(c.GridUnitCode))
            .GroupBy(c => new { c.GridUnitCode, c.Level })
            .Select(g => new { g.Key.GridUnitCode, g.Key.Level, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. groups.Select(g => (g.GridUnitCode, g.Level, g.Count))];
    }

    public async Task<Dictionary<string, BilingualText>> AddActivityAsync(ServiceCentre centre, ActivityForm form, TimeZoneInfo timeZone, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(centre);
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        Text(errors, "title", form.Title, 100, true);
        Text(errors, "place", form.Place, 200);
        Text(errors, "activityDescription", form.Description, 2000);
        DateTime startsUtc = default;
        if (!DateTime.TryParseExact((form.StartsAt ?? "").Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors["startsAt"] = new("请填写开始时间，如 2026-12-01 09:30。", "Give the start, such as 2026-12-01 09:30.");
        }
        else
        {
            startsUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timeZone);
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        db.Add(new CentreActivity
        {
            CentreId = centre.Id,
            Title = form.Title!.Trim(),
            StartsUtc = startsUtc,
            Place = Blank(form.Place),
            Description = Blank(form.Description),
            Published = form.Published,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(PairingService.AuditCategory, "centre-activity", $"centre:{centre.Code}", $"{form.Title} by {user?.Identity?.Name}"), cancellationToken);
        return errors;
    }
}
