using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Forms;
using GovPlatform.Grid;
using GovPlatform.Recipes;
using GovPlatform.RedGrid.Committees;
using GovPlatform.RedGrid.Models;
using GovPlatform.RedGrid.Organisations;
using GovPlatform.RedGrid.Services;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.RedGrid.Recipes;

/// <summary>
/// The <c>redgrid</c> recipe step: the tenant's red-grid rules, courtyards (matched by grid and name), party
/// organisations (by code; the parent by its code, listed before its children or already saved; a courtyard by its
/// name in the organisation's grid) and joint committees (by unit and name, with all their seats), inline or from a
/// file beside the recipe (<c>"file": "redgrid.json"</c>). Running it again changes nothing; any error refuses the whole step.
/// <code>{ "settings": { "branchDepth": 4, "communityDepth": 3 },
///   "courtyards": [ { "grid": "210802-01-001-01", "name": "1号院", "buildings": 3, "households": 120, "active": true } ],
///   "organisations": [ { "code": "zq-01-001-01-zb", "kind": "GridBranch", "name": "…", "parent": "zq-01-001", "gridUnit": "210802-01-001-01",
///     "courtyard": null, "leader": "…", "phone": null, "address": null, "foundedOn": "2021-07-01", "active": true } ],
///   "committees": [ { "kind": "CommunityCommittee", "name": "…", "gridUnit": "210802-01-001", "termStartsOn": "2024-01-01", "termEndsOn": "2026-12-31",
///     "seats": [ { "organisationName": "…", "residentUnit": null, "representative": "…", "role": "Secretary", "startsOn": null, "endsOn": null } ] } ] }</code>
/// Resident units are named on a seat by their code (<c>residentUnit</c>): listed in <c>residentUnits</c> or already saved.
/// The lists of resident units (with resources), members, needs, pairings (with help) and service centres (with
/// activities) are in RedGridRecipeLists.cs.
/// </summary>
internal sealed partial class RedGridRecipeStep(
    OrganisationEditor organisations, CommitteeEditor committees, RedGridSettingsStore settingsStore, IGridDirectory grid, TenantDbContext db, IAuditLog audit, TimeProvider clock) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public string Name => "redgrid";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var input = await RecipeStepInput.LoadAsync(context, Name, cancellationToken);
        var label = input.Label;
        var sources = input.Sources;
        RedGridSettings? settings = null;
        List<CourtyardEntry> courtyards = [];
        List<OrganisationEntry> organisationList = [];
        List<CommitteeEntry> committeeList = [];
        var lists = new Lists();
        foreach (var source in sources)
        {
            if (source.TryGetProperty("settings", out var patch))
            {
                settings = Patch(settings ?? await settingsStore.GetAsync(cancellationToken), patch, label);
            }

            courtyards.AddRange(input.ReadList<CourtyardEntry>(source, "courtyards", Json));
            organisationList.AddRange(input.ReadList<OrganisationEntry>(source, "organisations", Json));
            committeeList.AddRange(input.ReadList<CommitteeEntry>(source, "committees", Json));
            lists.Read(input, source);
        }

        var errors = new List<string>();
        if (settings is not null)
        {
            errors.AddRange(RedGridSettingsStore.Validate(settings).Select(e => $"settings.{e.Key}: {e.Value.English}"));
            if (errors.Count > 0)
            {
                throw new RecipeStepException($"{label}: {string.Join(" ", errors)}");
            }
        }

        // The grid is read before the transaction (its snapshot is loaded once; SQLite cannot nest the two).
        await grid.GetLevelsAsync(cancellationToken);
        var counts = new int[9];
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(context.Tenant.TimeZone);
        await db.InTransactionAsync(async ct =>
        {
            if (settings is not null)
            {
                // Saved first: the organisations below are checked against its branch depth.
                await settingsStore.SaveAsync(settings, ct);
                await db.SaveChangesAsync(ct);
            }

            var rules = await settingsStore.GetAsync(ct);
            counts[0] = await CourtyardsAsync(courtyards, errors, ct);
            if (errors.Count == 0)
            {
                counts[1] = await OrganisationsAsync(organisationList, rules, errors, ct);
            }

            if (errors.Count == 0)
            {
                counts[3] = await MembersAsync(lists.Members, errors, ct);
            }

            if (errors.Count == 0)
            {
                // Before the committees: their seats name resident units by code.
                (counts[4], counts[5]) = await ResidentUnitsAsync(lists.ResidentUnits, errors, ct);
            }

            if (errors.Count == 0)
            {
                counts[2] = await CommitteesAsync(committeeList, errors, ct);
            }

            if (errors.Count == 0)
            {
                counts[6] = await NeedsAsync(lists.Needs, rules, errors, ct);
            }

            if (errors.Count == 0)
            {
                counts[7] = await PairingsAsync(lists.Pairings, rules, errors, ct);
            }

            if (errors.Count == 0)
            {
                counts[8] = await CentresAsync(lists.Centres, timeZone, errors, ct);
            }

            if (errors.Count > 0)
            {
                // Thrown inside the transaction, so nothing of the step is kept.
                throw new RecipeStepException($"{label}: {string.Join(" ", errors.Take(20))}{(errors.Count > 20 ? $" (and {errors.Count - 20} more)" : "")}");
            }

            return true;
        }, cancellationToken);
        if (counts.Sum() > 0)
        {
            // One event for the step: thousands of rows would drown the audit log.
            await audit.RecordAsync(new AuditEvent(EditChecks.AuditCategory, "recipe", context.RecipeName,
                $"Recipe {context.RecipeName}: {counts[0]} courtyards, {counts[1]} organisations, {counts[2]} committees, {counts[3]} members, {counts[4]} resident units, {counts[5]} resources, {counts[6]} needs, {counts[7]} pairings and help, {counts[8]} centres and activities added or changed"), cancellationToken);
        }
    }

    private async Task<int> CourtyardsAsync(List<CourtyardEntry> entries, List<string> errors, CancellationToken ct)
    {
        var settings = await settingsStore.GetAsync(ct);
        var existing = (await db.Set<Courtyard>().ToListAsync(ct)).ToDictionary(c => (c.GridUnitCode, c.Name));
        var seen = new HashSet<(string, string)>();
        var changed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"courtyards[{i}] ({e.Grid} {e.Name})";
            var unit = string.IsNullOrWhiteSpace(e.Grid) ? null : await grid.FindAsync(e.Grid.Trim(), ct);
            var name = (e.Name ?? "").Trim();
            if (unit is null || unit.Depth != settings.BranchDepth)
            {
                errors.Add($"{where}.grid: Give a grid (a unit at level {settings.BranchDepth}).");
                continue;
            }

            if (name.Length is 0 or > 100 || e.Buildings is < 0 || e.Households is < 0)
            {
                errors.Add($"{where}: Give a name of 1–100 characters and counts of 0 or more.");
                continue;
            }

            if (!seen.Add((unit.Code, name)))
            {
                errors.Add($"{where}: The grid lists this courtyard twice.");
                continue;
            }

            if (!existing.TryGetValue((unit.Code, name), out var courtyard))
            {
                courtyard = new Courtyard { GridUnitCode = unit.Code, Name = name };
                db.Add(courtyard);
                existing[(unit.Code, name)] = courtyard;
            }

            var before = (courtyard.Id, courtyard.Buildings, courtyard.Households, courtyard.Active);
            courtyard.Buildings = e.Buildings ?? 0;
            courtyard.Households = e.Households ?? 0;
            courtyard.Active = e.Active ?? true;
            changed += before == (courtyard.Id, courtyard.Buildings, courtyard.Households, courtyard.Active) ? 0 : 1;
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    private async Task<int> OrganisationsAsync(List<OrganisationEntry> entries, RedGridSettings settings, List<string> errors, CancellationToken ct)
    {
        // Everything in memory: thousands of organisations, one query each would be slow on SQLite.
        var byCode = (await db.Set<PartyOrganisation>().ToListAsync(ct)).ToDictionary(o => o.Code, StringComparer.Ordinal);
        var byId = byCode.Values.ToDictionary(o => o.Id);
        var courtyards = (await db.Set<Courtyard>().AsNoTracking().ToListAsync(ct)).ToDictionary(c => (c.GridUnitCode, c.Name));
        var changed = 0;
        var pending = false;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"organisations[{i}] ({e.Code})";
            var code = (e.Code ?? "").Trim();
            var unitCode = (e.GridUnit ?? "").Trim();
            long? courtyardId = null;
            Courtyard? courtyard = null;
            if (FieldChecks.Blank(e.Courtyard) is { } courtyardName)
            {
                var unit = unitCode.Length == 0 ? null : await grid.FindAsync(unitCode, ct);
                if (unit is null || !courtyards.TryGetValue((unit.Code, courtyardName), out courtyard))
                {
                    errors.Add($"{where}.courtyard: The grid has no courtyard '{courtyardName}'.");
                    continue;
                }

                courtyardId = courtyard.Id;
            }

            var parent = FieldChecks.Blank(e.Parent) is { } parentCode ? byCode.GetValueOrDefault(parentCode) : null;
            if (parent is { Id: 0 } && pending)
            {
                // The parent was added earlier in this step: save it so that the child can point at its id.
                await db.SaveChangesAsync(ct);
                pending = false;
                foreach (var added in byCode.Values.Where(o => !byId.ContainsKey(o.Id)))
                {
                    byId[added.Id] = added;
                }
            }

            byCode.TryGetValue(code, out var existing);
            var below = false;
            if (existing is not null && parent is not null)
            {
                var seen = new HashSet<long>();
                for (var at = parent; at is not null && seen.Add(at.Id); at = at.ParentId is { } up ? byId.GetValueOrDefault(up) : null)
                {
                    below |= at.Id == existing.Id;
                }
            }

            var input = new OrganisationInput(code, e.Kind ?? "", e.Name ?? "", e.Parent, unitCode, courtyardId, e.Leader, e.Phone, e.Address, e.FoundedOn, e.Active ?? true);
            var (found, values) = await organisations.CheckAsync(input, new OrganisationEditor.Facts(false, parent, below, courtyard), settings, ct);
            if (values is null)
            {
                errors.AddRange(found.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
                continue;
            }

            var organisation = existing ?? new PartyOrganisation { Version = 1 };
            if (organisations.Apply(organisation, input, values) && existing is not null)
            {
                organisation.Version++;
            }

            if (existing is null)
            {
                db.Add(organisation);
                byCode[code] = organisation;
                pending = true;
                changed++;
            }
            else if (db.Entry(organisation).State == EntityState.Modified)
            {
                changed++;
            }
        }

        await db.SaveChangesAsync(ct);
        return changed;
    }

    private async Task<int> CommitteesAsync(List<CommitteeEntry> entries, List<string> errors, CancellationToken ct)
    {
        var existing = await db.Set<JointCommittee>().AsNoTracking().ToListAsync(ct);
        var unitCodes = entries.SelectMany(e => e.Seats ?? []).Select(s => s.ResidentUnit).OfType<string>().Distinct().ToList();
        var residentUnits = await db.Set<ResidentUnit>().AsNoTracking().Where(u => unitCodes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.Ordinal, ct);
        var changed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var where = $"committees[{i}] ({e.Name})";
            var unit = string.IsNullOrWhiteSpace(e.GridUnit) ? null : await grid.FindAsync(e.GridUnit.Trim(), ct);
            var match = unit is null ? null : existing.FirstOrDefault(c => c.GridUnitCode == unit.Code && c.Name == (e.Name ?? "").Trim());
            var seats = new List<SeatInput>();
            foreach (var seat in e.Seats ?? [])
            {
                long? residentUnitId = null;
                if (FieldChecks.Blank(seat.ResidentUnit) is { } unitCode)
                {
                    if (!residentUnits.TryGetValue(unitCode, out var id))
                    {
                        errors.Add($"{where}: No resident unit has the code '{unitCode}'.");
                        continue;
                    }

                    residentUnitId = id;
                }

                seats.Add(new SeatInput(seat.OrganisationName ?? "", residentUnitId, seat.Representative ?? "", seat.Role ?? "", seat.StartsOn, seat.EndsOn));
            }

            var result = await committees.SaveCoreAsync(match?.Id, new CommitteeInput(e.Kind ?? "", e.Name ?? "", e.GridUnit ?? "", e.TermStartsOn, e.TermEndsOn, seats), null, ownTransaction: false, ct);
            errors.AddRange(result.Errors.Select(f => $"{where}.{f.Key}: {f.Value.English}"));
            changed += result.Outcome == EditOutcome.Done && result.Value!.UpdatedUtc != match?.UpdatedUtc ? 1 : 0;
        }

        return changed;
    }


    private static RedGridSettings Patch(RedGridSettings current, JsonElement patch, string label)
    {
        try
        {
            var merged = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
            foreach (var property in patch.EnumerateObject())
            {
                merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }

            return merged.Deserialize<RedGridSettings>(Json) ?? current;
        }
        catch (JsonException ex)
        {
            throw new RecipeStepException($"{label}: 'settings' is not valid: {ex.Message}");
        }
    }

    private sealed record CourtyardEntry(string? Grid, string? Name, int? Buildings, int? Households, bool? Active);

    private sealed record OrganisationEntry(
        string? Code, string? Kind, string? Name, string? Parent, string? GridUnit, string? Courtyard, string? Leader, string? Phone, string? Address, string? FoundedOn, bool? Active);

    private sealed record SeatEntry(string? OrganisationName, string? ResidentUnit, string? Representative, string? Role, string? StartsOn, string? EndsOn);

    private sealed record CommitteeEntry(string? Kind, string? Name, string? GridUnit, string? TermStartsOn, string? TermEndsOn, List<SeatEntry>? Seats);
}
