using System.Globalization;
using System.Security.Claims;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Forms;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Lists;

/// <summary>A resident unit as typed into the editor; numbers stay text so a bad value is shown back as typed.</summary>
public sealed record ResidentUnitInput(
    string Code, string Name, string Kind, string GridUnit, string? Address, string? Longitude, string? Latitude, string? Contact, string? Phone, bool Active)
{
    /// <summary>The unit as the editor shows it.</summary>
    public static ResidentUnitInput From(ResidentUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new(unit.Code, unit.Name, unit.Kind.ToString(), unit.GridUnitCode, unit.Address,
            unit.Longitude?.ToString("0.######", CultureInfo.InvariantCulture), unit.Latitude?.ToString("0.######", CultureInfo.InvariantCulture),
            unit.Contact, unit.Phone, unit.Active);
    }
}

/// <summary>A resource as typed into the unit's page.</summary>
public sealed record UnitResourceInput(string Type, string Title, string? Description, string? Quantity, string? Unit, bool Available);

/// <summary>
/// Validates and saves resident units and their resources (资源清单). Unit edits carry the version the editor was opened
/// at; a unit may only be placed on a grid unit in the editor's scope. Every change is audited (category <c>redgrid</c>).
/// </summary>
public sealed class ResidentUnitEditor(TenantDbContext db, IGridDirectory grid, IGridScopeFilter scope, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The audit category of the red-grid module.</summary>
    public const string AuditCategory = "redgrid";

    /// <summary>The message of an edit over someone else's change.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这个单位刚被他人修改，请刷新页面后再改。", "Someone else changed this unit since you opened it; reload the page and make your change again.");

    /// <summary>Adds a resident unit.</summary>
    public async Task<ListsResult> CreateAsync(ResidentUnitInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var (errors, parsed) = await ValidateAsync(input, null, user, cancellationToken);
        if (parsed is null)
        {
            return ListsResult.Invalid(errors);
        }

        var unit = new ResidentUnit { Version = 1 };
        Apply(unit, input, parsed.Value);
        db.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditCategory, "unit-create", $"resident-unit:{unit.Code}", $"{unit.Name} by {ListsInput.Actor(user)}"), cancellationToken);
        return ListsResult.Ok(unit.Id);
    }

    /// <summary>Saves unit <paramref name="id"/> opened at <paramref name="version"/>; its resources follow it to a new grid unit.</summary>
    public async Task<ListsResult> UpdateAsync(long id, ResidentUnitInput input, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var (errors, parsed) = await ValidateAsync(input, id, user, cancellationToken);
        var unit = await db.Set<ResidentUnit>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return ListsResult.Missing;
        }

        if (unit.Version != version)
        {
            return ListsResult.Whole(ListsOutcome.Stale, StaleMessage);
        }

        if (parsed is null)
        {
            return ListsResult.Invalid(errors);
        }

        Apply(unit, input, parsed.Value);
        unit.Version = version + 1;
        var resources = await db.Set<UnitResource>().Where(r => r.ResidentUnitId == id).ToListAsync(cancellationToken);
        foreach (var resource in resources.Where(r => r.GridUnitCode != unit.GridUnitCode))
        {
            resource.GridUnitCode = unit.GridUnitCode;
            resource.UpdatedUtc = unit.UpdatedUtc;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ListsResult.Whole(ListsOutcome.Stale, StaleMessage);
        }

        await audit.RecordAsync(new AuditEvent(AuditCategory, "unit-edit", $"resident-unit:{unit.Code}", $"{unit.Name} by {ListsInput.Actor(user)}"), cancellationToken);
        return ListsResult.Ok(unit.Id);
    }

    /// <summary>The message of a resource edit over someone else's change (another editor, or a match that used it up).</summary>
    public static readonly BilingualText StaleResourceMessage = new(
        "这项资源刚被他人修改，请刷新页面后再改。", "Someone else changed this resource since you opened it; reload the page and make your change again.");

    /// <summary>Adds a resource to unit <paramref name="unitId"/>, or saves resource <paramref name="resourceId"/> of it over whatever is there.</summary>
    public Task<ListsResult> SaveResourceAsync(long unitId, long? resourceId, UnitResourceInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default) =>
        SaveResourceAsync(unitId, resourceId, input, null, user, cancellationToken);

    /// <summary>
    /// Adds a resource to unit <paramref name="unitId"/>, or saves resource <paramref name="resourceId"/> of it opened at
    /// <paramref name="version"/> (refused, Stale, when someone changed it since; null saves over whatever is there).
    /// </summary>
    public async Task<ListsResult> SaveResourceAsync(long unitId, long? resourceId, UnitResourceInput input, int? version, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var unit = await db.Set<ResidentUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        var resource = resourceId is { } rid ? await db.Set<UnitResource>().FirstOrDefaultAsync(r => r.Id == rid && r.ResidentUnitId == unitId, cancellationToken) : null;
        if (unit is null || (resourceId is not null && resource is null))
        {
            return ListsResult.Missing;
        }

        if (resource is not null && version is { } opened && resource.Version != opened)
        {
            return ListsResult.Whole(ListsOutcome.Stale, StaleResourceMessage);
        }

        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var type = ListsInput.Enum<ResourceType>(errors, "type", input.Type, new("请选择资源类型。", "Choose the type of resource."));
        FieldChecks.Text(errors, "title", input.Title, 100, required: true);
        FieldChecks.Text(errors, "description", input.Description, 2000);
        FieldChecks.Text(errors, "unit", input.Unit, 10);
        var quantity = ListsInput.Number(errors, "quantity", input.Quantity, 1_000_000_000_000);
        if (errors.Count > 0)
        {
            return ListsResult.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (resource is null)
        {
            resource = new UnitResource { ResidentUnitId = unitId, CreatedUtc = now, Version = 1 };
            db.Add(resource);
        }
        else
        {
            resource.Version++;
        }

        resource.Type = type!.Value;
        resource.Title = input.Title.Trim();
        resource.Description = FieldChecks.Blank(input.Description);
        resource.Quantity = quantity;
        resource.Unit = FieldChecks.Blank(input.Unit);
        resource.GridUnitCode = unit.GridUnitCode;
        resource.Available = input.Available;
        resource.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ListsResult.Whole(ListsOutcome.Stale, StaleResourceMessage);
        }

        await audit.RecordAsync(new AuditEvent(AuditCategory, resourceId is null ? "resource-create" : "resource-edit", $"resident-unit:{unit.Code}", $"{resource.Title} by {ListsInput.Actor(user)}"), cancellationToken);
        return ListsResult.Ok(resource.Id);
    }

    /// <summary>Adds the unit or overwrites the one with its code (for recipes); the errors when it is not valid.</summary>
    public async Task<ListsResult> UpsertAsync(ResidentUnitInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var code = (input.Code ?? "").Trim();
        var existing = await db.Set<ResidentUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, cancellationToken);
        return existing is null ? await CreateAsync(input, null, cancellationToken) : await UpdateAsync(existing.Id, input, existing.Version, null, cancellationToken);
    }

    private async Task<(Dictionary<string, BilingualText> Errors, (ResidentUnitKind Kind, string GridUnit, double? Longitude, double? Latitude)? Parsed)> ValidateAsync(
        ResidentUnitInput input, long? id, ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var code = (input.Code ?? "").Trim();
        if (!ListsInput.CodePattern().IsMatch(code))
        {
            errors["code"] = new("代码由 2–64 个字母、数字和连字符组成。", "The code has 2–64 letters, digits and hyphens.");
        }
        else if (await db.Set<ResidentUnit>().AnyAsync(u => u.Code == code && u.Id != (id ?? 0), cancellationToken))
        {
            errors["code"] = new($"已有代码为“{code}”的单位。", $"Another unit has the code '{code}'.");
        }

        var kind = ListsInput.Enum<ResidentUnitKind>(errors, "kind", input.Kind, new("请选择单位类型。", "Choose the kind of unit."));
        FieldChecks.Text(errors, "name", input.Name, 100, required: true);
        FieldChecks.Text(errors, "address", input.Address, 200);
        FieldChecks.Text(errors, "contact", input.Contact, 50);
        if (FieldChecks.Blank(input.Phone) is { } phone && !ListsInput.PhonePattern().IsMatch(phone))
        {
            errors["phone"] = new("电话号码只能包含数字、空格和 +-()。", "A phone number has digits, spaces and + - ( ) only.");
        }

        var unitCode = await GridUnitAsync(errors, input.GridUnit, user, cancellationToken);
        var longitude = FieldChecks.Coordinate(errors, "longitude", input.Longitude, 180);
        var latitude = FieldChecks.Coordinate(errors, "latitude", input.Latitude, 90);
        if (longitude is null != latitude is null && !errors.ContainsKey("longitude") && !errors.ContainsKey("latitude"))
        {
            errors[longitude is null ? "longitude" : "latitude"] = new("经度和纬度要么都填，要么都不填。", "Give both the longitude and the latitude, or neither.");
        }

        return errors.Count > 0 ? (errors, null) : (errors, (kind!.Value, unitCode!, longitude, latitude));
    }

    /// <summary>The grid unit's current code when it exists and lies in the user's scope (a recipe has no user: no scope).</summary>
    private async Task<string?> GridUnitAsync(Dictionary<string, BilingualText> errors, string? text, ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        var code = (text ?? "").Trim();
        if (code.Length == 0)
        {
            errors["gridUnit"] = ListsInput.Required;
            return null;
        }

        if (await grid.FindAsync(code, cancellationToken) is not { } unit)
        {
            errors["gridUnit"] = new($"本区网格中没有单位“{code}”。", $"The district's grid has no unit '{code}'.");
            return null;
        }

        if (user is not null && await scope.GetScopeCodesAsync(user, cancellationToken) is { } codes && !codes.Contains(unit.Code))
        {
            errors["gridUnit"] = ListsInput.OutOfScope;
            return null;
        }

        return unit.Code;
    }

    private void Apply(ResidentUnit unit, ResidentUnitInput input, (ResidentUnitKind Kind, string GridUnit, double? Longitude, double? Latitude) parsed)
    {
        unit.Code = input.Code.Trim();
        unit.Name = input.Name.Trim();
        unit.Kind = parsed.Kind;
        unit.GridUnitCode = parsed.GridUnit;
        unit.Address = FieldChecks.Blank(input.Address);
        unit.Longitude = parsed.Longitude;
        unit.Latitude = parsed.Latitude;
        unit.Contact = FieldChecks.Blank(input.Contact);
        unit.Phone = FieldChecks.Blank(input.Phone);
        unit.Active = input.Active;
        unit.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
    }
}
