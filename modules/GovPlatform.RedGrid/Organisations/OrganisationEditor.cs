using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Forms;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Organisations;

/// <summary>An organisation as typed into the editor or a recipe; the parent by its code, dates as text so a bad value is shown back.</summary>
public sealed record OrganisationInput(
    string Code, string Kind, string Name, string? ParentCode, string GridUnit, long? CourtyardId, string? Leader, string? Phone, string? Address,
    string? FoundedOn, bool Active)
{
    /// <summary>The organisation as the editor shows it.</summary>
    public static OrganisationInput From(PartyOrganisation organisation, string? parentCode)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return new(organisation.Code, organisation.Kind.ToString(), organisation.Name, parentCode, organisation.GridUnitCode, organisation.CourtyardId,
            organisation.Leader, organisation.Phone, organisation.Address, organisation.FoundedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), organisation.Active);
    }
}

/// <summary>A courtyard as typed into the editor or a recipe.</summary>
public sealed record CourtyardInput(string GridUnit, string Name, string? Buildings, string? Households, bool Active);

/// <summary>
/// Validates and saves party organisations and courtyards, for the admin pages and the <c>redgrid</c> recipe step.
/// The rules: a unique code; a grid branch on a unit at the rules' branch depth (一格一支部); a courtyard group on a
/// courtyard of its own grid (一院一小组); a parent above the organisation (its unit is the organisation's or an
/// ancestor's) and never the organisation itself or one below it. Edits carry the version the editor was opened at.
/// Every change is audited (category <c>redgrid</c>).
/// </summary>
public sealed partial class OrganisationEditor(TenantDbContext db, IGridDirectory grid, RedGridSettingsStore settingsStore, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The message of an edit over someone else's change.</summary>
    public static readonly BilingualText StaleMessage = new(
        "这个党组织刚被他人修改，请刷新页面后再改。", "Someone else changed this organisation since you opened it; reload the page and make your change again.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[0-9+\-() ]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>The checked values of a valid input.</summary>
    public sealed record Parsed(string Code, OrganisationKind Kind, string GridUnitCode, long? ParentId, long? CourtyardId, DateOnly? FoundedOn);

    /// <summary>What validation needs besides the input, looked up once (the recipe step keeps them in memory for thousands of rows).</summary>
    internal sealed record Facts(bool CodeTaken, PartyOrganisation? Parent, bool ParentBelow, Courtyard? Courtyard);

    /// <summary>Why <paramref name="input"/> cannot be saved as organisation <paramref name="id"/> (or new), by field.</summary>
    public async Task<(Dictionary<string, BilingualText> Errors, Parsed? Values)> ValidateAsync(OrganisationInput input, long? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var code = (input.Code ?? "").Trim();
        var codeTaken = await db.Set<PartyOrganisation>().AnyAsync(o => o.Code == code && o.Id != (id ?? 0), cancellationToken);
        var parentCode = FieldChecks.Blank(input.ParentCode);
        var parent = parentCode is null ? null : await db.Set<PartyOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Code == parentCode, cancellationToken);
        var below = false;
        if (parent is not null && id is { } self)
        {
            // Walk up from the parent: meeting the organisation itself means the parent lies below it.
            var seen = new HashSet<long>();
            for (long? at = parent.Id; at is { } current && seen.Add(current); at = await db.Set<PartyOrganisation>().Where(o => o.Id == current).Select(o => o.ParentId).FirstOrDefaultAsync(cancellationToken))
            {
                if (current == self)
                {
                    below = true;
                    break;
                }
            }
        }

        var courtyard = input.CourtyardId is { } courtyardId ? await db.Set<Courtyard>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == courtyardId, cancellationToken) : null;
        return await CheckAsync(input, new Facts(codeTaken, parent, below, courtyard), settings, cancellationToken);
    }

    /// <summary>The rules over an input and its looked-up facts.</summary>
    internal async Task<(Dictionary<string, BilingualText> Errors, Parsed? Values)> CheckAsync(OrganisationInput input, Facts facts, RedGridSettings settings, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var code = (input.Code ?? "").Trim();
        if (!CodePattern().IsMatch(code))
        {
            errors["code"] = new("代码由 2–64 个小写字母、数字和连字符组成。", "The code has 2–64 lower-case letters, digits and hyphens.");
        }
        else if (facts.CodeTaken)
        {
            errors["code"] = new($"已有代码为“{code}”的党组织。", $"Another organisation has the code '{code}'.");
        }

        var kindValid = EditChecks.EnumName<OrganisationKind>(input.Kind, out var kind);
        if (!kindValid)
        {
            errors["kind"] = new("请选择党组织类型。", "Choose the kind of organisation.");
        }

        FieldChecks.Text(errors, "name", input.Name, 100, required: true);
        FieldChecks.Text(errors, "leader", input.Leader, 50);
        FieldChecks.Text(errors, "address", input.Address, 200);
        if (FieldChecks.Blank(input.Phone) is { } phone && !PhonePattern().IsMatch(phone))
        {
            errors["phone"] = new("电话号码只能包含数字、空格和 +-()。", "A phone number has digits, spaces and + - ( ) only.");
        }

        var founded = EditChecks.Date(errors, "foundedOn", input.FoundedOn);
        var unitCode = (input.GridUnit ?? "").Trim();
        GridUnitInfo? unit = null;
        if (unitCode.Length == 0)
        {
            errors["gridUnit"] = EditChecks.Required;
        }
        else if ((unit = await grid.FindAsync(unitCode, cancellationToken)) is null)
        {
            errors["gridUnit"] = new($"本区网格中没有单位“{unitCode}”。", $"The district's grid has no unit '{unitCode}'.");
        }

        if (unit is not null && kindValid && kind == OrganisationKind.GridBranch && (unit.Depth != settings.BranchDepth || unit.Kind != GridUnitKind.Territorial))
        {
            errors["gridUnit"] = new($"网格党支部应建在第 {settings.BranchDepth} 级的网格上。", $"A grid branch belongs to a grid (a territorial unit at level {settings.BranchDepth}).");
        }

        long? courtyardId = null;
        if (kindValid && kind is OrganisationKind.CourtyardGroup or OrganisationKind.MemberHousehold)
        {
            if (input.CourtyardId is null)
            {
                if (kind == OrganisationKind.CourtyardGroup)
                {
                    errors["courtyard"] = new("楼院党小组要选择所在楼院。", "A courtyard group needs its courtyard.");
                }
            }
            else if (facts.Courtyard is null)
            {
                errors["courtyard"] = new("没有这个楼院。", "There is no such courtyard.");
            }
            else if (unit is not null && facts.Courtyard.GridUnitCode != unit.Code)
            {
                errors["courtyard"] = new("楼院不在所选网格内。", "The courtyard is not in the chosen grid.");
            }
            else
            {
                courtyardId = facts.Courtyard.Id;
            }
        }
        else if (input.CourtyardId is not null)
        {
            errors["courtyard"] = new("只有楼院党小组和党员中心户属于楼院。", "Only courtyard groups and member households belong to a courtyard.");
        }

        long? parentId = null;
        if (FieldChecks.Blank(input.ParentCode) is { } parentCode)
        {
            if (facts.Parent is null)
            {
                errors["parentCode"] = new($"没有代码为“{parentCode}”的党组织。", $"No organisation has the code '{parentCode}'.");
            }
            else if (facts.Parent.Code == code || facts.ParentBelow)
            {
                errors["parentCode"] = new("上级组织不能是它自己或它的下级。", "The parent cannot be the organisation itself or one below it.");
            }
            else if (unit is not null && !await grid.IsWithinAsync(facts.Parent.GridUnitCode, unit.Code, cancellationToken))
            {
                errors["parentCode"] = new("上级组织应属于本单位或其上级单位。", "The parent must belong to this unit or a unit above it.");
            }
            else
            {
                parentId = facts.Parent.Id;
            }
        }

        return errors.Count > 0 ? (errors, null) : (errors, new Parsed(code, kind, unit!.Code, parentId, courtyardId, founded));
    }

    /// <summary>Adds an organisation.</summary>
    public async Task<EditResult<PartyOrganisation>> CreateAsync(OrganisationInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var (errors, values) = await ValidateAsync(input, null, cancellationToken);
        if (values is null)
        {
            return new EditResult<PartyOrganisation>(EditOutcome.Invalid, null, errors);
        }

        var organisation = new PartyOrganisation { Version = 1 };
        Apply(organisation, input, values);
        db.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(EditChecks.AuditCategory, "organisation-create", $"organisation:{organisation.Code}", $"{organisation.Name} by {EditChecks.Actor(user)}"), cancellationToken);
        return new(EditOutcome.Done, organisation, errors);
    }

    /// <summary>Saves organisation <paramref name="id"/> opened at <paramref name="version"/>; refused when someone changed it since.</summary>
    public async Task<EditResult<PartyOrganisation>> UpdateAsync(long id, OrganisationInput input, int version, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var organisation = await db.Set<PartyOrganisation>().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return new EditResult<PartyOrganisation>(EditOutcome.NotFound, null, new Dictionary<string, BilingualText>());
        }

        if (organisation.Version != version)
        {
            return new(EditOutcome.Stale, organisation, new Dictionary<string, BilingualText> { [""] = StaleMessage });
        }

        var (errors, values) = await ValidateAsync(input, id, cancellationToken);
        if (values is null)
        {
            return new(EditOutcome.Invalid, organisation, errors);
        }

        Apply(organisation, input, values);
        organisation.Version = version + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(EditOutcome.Stale, null, new Dictionary<string, BilingualText> { [""] = StaleMessage });
        }

        await audit.RecordAsync(new AuditEvent(EditChecks.AuditCategory, "organisation-edit", $"organisation:{organisation.Code}", $"{organisation.Name} by {EditChecks.Actor(user)}"), cancellationToken);
        return new(EditOutcome.Done, organisation, errors);
    }

    /// <summary>Writes checked values onto an organisation; false when nothing changed (a recipe run again leaves the version alone).</summary>
    internal bool Apply(PartyOrganisation organisation, OrganisationInput input, Parsed values)
    {
        var before = (organisation.Code, organisation.Kind, organisation.Name, organisation.ParentId, organisation.GridUnitCode, organisation.CourtyardId,
            organisation.Leader, organisation.Phone, organisation.Address, organisation.FoundedOn, organisation.Active);
        organisation.Code = values.Code;
        organisation.Kind = values.Kind;
        organisation.Name = input.Name.Trim();
        organisation.ParentId = values.ParentId;
        organisation.GridUnitCode = values.GridUnitCode;
        organisation.CourtyardId = values.CourtyardId;
        organisation.Leader = FieldChecks.Blank(input.Leader);
        organisation.Phone = FieldChecks.Blank(input.Phone);
        organisation.Address = FieldChecks.Blank(input.Address);
        organisation.FoundedOn = values.FoundedOn;
        organisation.Active = input.Active;
        var changed = before != (organisation.Code, organisation.Kind, organisation.Name, organisation.ParentId, organisation.GridUnitCode, organisation.CourtyardId,
            organisation.Leader, organisation.Phone, organisation.Address, organisation.FoundedOn, organisation.Active);
        if (changed || organisation.UpdatedUtc == default)
        {
            organisation.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        }

        return changed;
    }

    /// <summary>Why a courtyard cannot be saved (as courtyard <paramref name="id"/>, or new), by field; the grid and counts when it can.</summary>
    public async Task<(Dictionary<string, BilingualText> Errors, (string Grid, int Buildings, int Households)? Values)> ValidateCourtyardAsync(CourtyardInput input, long? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var unit = string.IsNullOrWhiteSpace(input.GridUnit) ? null : await grid.FindAsync(input.GridUnit.Trim(), cancellationToken);
        if (unit is null)
        {
            errors["gridUnit"] = new("请选择楼院所在的网格。", "Choose the courtyard's grid.");
        }
        else if (unit.Depth != settings.BranchDepth)
        {
            errors["gridUnit"] = new($"楼院应属于第 {settings.BranchDepth} 级的网格。", $"A courtyard lies in a grid (a unit at level {settings.BranchDepth}).");
        }

        FieldChecks.Text(errors, "name", input.Name, 100, required: true);
        var name = (input.Name ?? "").Trim();
        if (unit is not null && name.Length > 0 && await db.Set<Courtyard>().AnyAsync(c => c.GridUnitCode == unit.Code && c.Name == name && c.Id != (id ?? 0), cancellationToken))
        {
            errors["name"] = new($"这个网格已有名为“{name}”的楼院。", $"The grid already has a courtyard called '{name}'.");
        }

        var buildings = Count(errors, "buildings", input.Buildings, 1000);
        var households = Count(errors, "households", input.Households, 100000);
        return errors.Count > 0 ? (errors, null) : (errors, (unit!.Code, buildings, households));
    }

    /// <summary>Adds courtyard (<paramref name="id"/> null) or saves one.</summary>
    public async Task<EditResult<Courtyard>> SaveCourtyardAsync(long? id, CourtyardInput input, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var courtyard = id is null ? new Courtyard() : await db.Set<Courtyard>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (courtyard is null)
        {
            return new EditResult<Courtyard>(EditOutcome.NotFound, null, new Dictionary<string, BilingualText>());
        }

        var (errors, values) = await ValidateCourtyardAsync(input, id, cancellationToken);
        if (values is not { } v)
        {
            return new(EditOutcome.Invalid, courtyard, errors);
        }

        courtyard.GridUnitCode = v.Grid;
        courtyard.Name = input.Name.Trim();
        courtyard.Buildings = v.Buildings;
        courtyard.Households = v.Households;
        courtyard.Active = input.Active;
        if (id is null)
        {
            db.Add(courtyard);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEvent(EditChecks.AuditCategory, id is null ? "courtyard-create" : "courtyard-edit", $"courtyard:{courtyard.Id}", $"{courtyard.GridUnitCode} {courtyard.Name} by {EditChecks.Actor(user)}"), cancellationToken);
        return new(EditOutcome.Done, courtyard, errors);
    }

    private static int Count(Dictionary<string, BilingualText> errors, string key, string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max)
        {
            return value;
        }

        errors[key] = new($"请填写 0 到 {max} 之间的整数。", $"Give a whole number from 0 to {max}.");
        return 0;
    }
}
