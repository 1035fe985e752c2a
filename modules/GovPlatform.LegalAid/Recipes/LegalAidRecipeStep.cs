using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.LegalAid.Advisers;
using GovPlatform.LegalAid.Models;
using GovPlatform.LegalAid.Services;
using GovPlatform.LegalAid.Stations;
using GovPlatform.Localization;
using GovPlatform.Recipes;

namespace GovPlatform.LegalAid.Recipes;

/// <summary>
/// The <c>legalaid</c> recipe step: the tenant's legal service rules, stations (matched by code), law firms (by name),
/// lawyers (by licence number) and community advisers' terms (by community, lawyer and first day), inline or from a file
/// beside the recipe (<c>"file": "legalaid.json"</c>). Running it again changes nothing; any error refuses the whole step.
/// <code>{ "settings": { "communityDepth": 3 },
///   "stations": [ { "code": "yx-centre", "kind": "DistrictCentre", "name": { "zh-CN": "…", "en": "…" }, "gridUnit": "440104",
///     "hostOrganisation": null, "address": "…", "longitude": 113.27, "latitude": 23.13, "services": ["Consultation", "LegalAid"],
///     "hours": "…", "phone": "…", "contacts": "…", "description": "…", "openDays": ["Monday", "Friday"], "opens": "09:00",
///     "closes": "17:00", "slotMinutes": 30, "slotCapacity": 2, "daysAhead": 14 } ],
///   "firms": [ { "name": "…", "englishName": "…", "address": "…", "phone": "…" } ],
///   "lawyers": [ { "name": "…", "firm": "…", "licenceNumber": "14401…", "phone": "…", "specialities": "…", "userName": null } ],
///   "assignments": [ { "community": "440104-01-001", "lawyer": "14401…", "startsOn": "2026-01-01", "endsOn": "2027-12-31",
///     "place": "…", "hours": "…", "openDays": ["Wednesday"], "opens": "14:30", "closes": "17:30", "slotMinutes": 30, "slotCapacity": 1,
///     "endedOn": null, "endedReason": null } ] }</code>
/// </summary>
internal sealed class LegalAidRecipeStep(
    StationEditor stations, AdviserEditor advisers, LegalAidSettingsStore settingsStore, IGridDirectory grid, TenantDbContext db) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public string Name => "legalaid";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var input = await RecipeStepInput.LoadAsync(context, Name, cancellationToken);
        var label = input.Label;
        var sources = input.Sources;
        LegalAidSettings? settings = null;
        List<StationEntry> stationList = [];
        List<FirmEntry> firms = [];
        List<LawyerEntry> lawyers = [];
        List<AssignmentEntry> assignments = [];
        foreach (var source in sources)
        {
            if (source.TryGetProperty("settings", out var patch))
            {
                settings = Patch(settings ?? await settingsStore.GetAsync(cancellationToken), patch, label);
            }

            stationList.AddRange(input.ReadList<StationEntry>(source, "stations", Json));
            firms.AddRange(input.ReadList<FirmEntry>(source, "firms", Json));
            lawyers.AddRange(input.ReadList<LawyerEntry>(source, "lawyers", Json));
            assignments.AddRange(input.ReadList<AssignmentEntry>(source, "assignments", Json));
        }

        var errors = new List<string>();
        if (settings is not null)
        {
            errors.AddRange(LegalAidSettingsStore.Validate(settings).Select(e => $"settings.{e.Key}: {e.Value.English}"));
            if (errors.Count > 0)
            {
                throw new RecipeStepException($"{label}: {string.Join(" ", errors)}");
            }

        }

        // The grid is read before the transaction (its snapshot is loaded once; SQLite cannot nest the two).
        await grid.GetLevelsAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            if (settings is not null)
            {
                // Saved first: the assignments below are checked against its community depth.
                await settingsStore.SaveAsync(settings, ct);
                await db.SaveChangesAsync(ct);
            }

            for (var i = 0; i < stationList.Count; i++)
            {
                var result = await stations.UpsertAsync(stationList[i].ToInput(), ct);
                Collect(errors, $"stations[{i}] ({stationList[i].Code})", result.Errors);
            }

            for (var i = 0; i < firms.Count; i++)
            {
                var result = await advisers.SaveFirmAsync(new FirmInput(firms[i].Name ?? "", firms[i].EnglishName, firms[i].CreditCode, firms[i].Address, firms[i].Phone, firms[i].Active ?? true), null, ct);
                Collect(errors, $"firms[{i}] ({firms[i].Name})", result.Errors);
            }

            for (var i = 0; i < lawyers.Count; i++)
            {
                var l = lawyers[i];
                var result = await advisers.SaveLawyerAsync(new LawyerInput(l.Name ?? "", l.Firm, l.LicenceNumber, l.Phone, l.Specialities, l.UserName, l.TakesAidCases ?? true, l.Active ?? true), null, null, ct);
                Collect(errors, $"lawyers[{i}] ({l.Name})", result.Errors);
            }

            for (var i = 0; i < assignments.Count; i++)
            {
                var a = assignments[i];
                var where = $"assignments[{i}] ({a.Community})";
                var result = await advisers.AssignAsync(new AssignmentInput(a.Community ?? "", a.Lawyer ?? "", a.StartsOn, a.EndsOn, a.Place, a.Hours, a.Rules()), null, ct);
                Collect(errors, where, result.Errors);
                if (result.Succeeded && a.EndedReason is { Length: > 0 } reason && result.Value!.EndedReason is null)
                {
                    if (!DateOnly.TryParseExact(a.EndedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var endedOn))
                    {
                        errors.Add($"{where}.endedOn: Give the date as yyyy-MM-dd.");
                        continue;
                    }

                    var ended = await advisers.EndEarlyAsync(result.Value.Id, endedOn, reason, result.Value.Version, null, ct);
                    Collect(errors, where, ended.Errors);
                }
            }

            if (errors.Count > 0)
            {
                // Thrown inside the transaction, so nothing of the step is kept.
                throw new RecipeStepException($"{label}: {string.Join(" ", errors.Take(20))}{(errors.Count > 20 ? $" (and {errors.Count - 20} more)" : "")}");
            }

            return true;
        }, cancellationToken);
    }

    private static void Collect(List<string> errors, string where, IReadOnlyDictionary<string, BilingualText> found) =>
        errors.AddRange(found.Select(e => e.Key.Length == 0 ? $"{where}: {e.Value.English}" : $"{where}.{e.Key}: {e.Value.English}"));


    private static LegalAidSettings Patch(LegalAidSettings current, JsonElement patch, string label)
    {
        try
        {
            var merged = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
            foreach (var property in patch.EnumerateObject())
            {
                merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }

            return merged.Deserialize<LegalAidSettings>(Json) ?? current;
        }
        catch (JsonException ex)
        {
            throw new RecipeStepException($"{label}: 'settings' is not valid: {ex.Message}");
        }
    }

    private static int Days(List<DayOfWeek>? days) => days is null ? Models.OpenDays.Weekdays : Models.OpenDays.Of([.. days]);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private sealed record StationEntry(
        string? Code, string? Kind, BilingualText? Name, string? GridUnit, string? HostOrganisation, string? Address, double? Longitude, double? Latitude,
        List<LegalServices>? Services, string? Hours, string? Phone, string? Contacts, string? Description, List<DayOfWeek>? OpenDays, string? Opens, string? Closes,
        int? SlotMinutes, int? SlotCapacity, int? DaysAhead, bool? Active)
    {
        public StationInput ToInput() => new(
            Code ?? "", Kind ?? "", Name?.Chinese ?? "", Name?.English ?? "", GridUnit ?? "", HostOrganisation, Address ?? "", Number(Longitude), Number(Latitude),
            (Services ?? []).Aggregate(LegalServices.None, (all, s) => all | s), Hours, Phone, Contacts, Description,
            new OpeningRulesInput(Days(OpenDays), Opens, Closes, Number(SlotMinutes), Number(SlotCapacity), Number(DaysAhead)), Active ?? true);
    }

    private sealed record FirmEntry(string? Name, string? EnglishName, string? CreditCode, string? Address, string? Phone, bool? Active);

    private sealed record LawyerEntry(string? Name, string? Firm, string? LicenceNumber, string? Phone, string? Specialities, string? UserName, bool? TakesAidCases, bool? Active);

    private sealed record AssignmentEntry(
        string? Community, string? Lawyer, string? StartsOn, string? EndsOn, string? Place, string? Hours, List<DayOfWeek>? OpenDays, string? Opens, string? Closes,
        int? SlotMinutes, int? SlotCapacity, int? DaysAhead, string? EndedOn, string? EndedReason)
    {
        public OpeningRulesInput Rules() => new(Days(OpenDays), Opens, Closes, Number(SlotMinutes), Number(SlotCapacity), Number(DaysAhead));
    }
}
