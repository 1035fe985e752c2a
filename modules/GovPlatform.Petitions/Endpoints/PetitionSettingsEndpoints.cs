using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions.Components.Admin;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>
/// The petition rules (诉求规则), <c>admin/petitions/settings</c>: intake depth, deadlines' warning, rating and reopening
/// periods, duplicates, attachments and rooms, checked by <see cref="PetitionSettingsStore.Validate"/> and audited.
/// </summary>
internal static class PetitionSettingsEndpoints
{
    private const double Megabyte = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGetShared("/settings", PageAsync);
        group.MapPostShared("/settings", SaveAsync);
    }

    private static async Task<IResult> PageAsync(bool? saved, HttpContext context, PetitionSettingsStore store, IGridDirectory grid, CancellationToken ct)
    {
        var settings = await store.GetAsync(ct);
        var form = new PetitionSettingsForm
        {
            IntakeDepth = Number(settings.IntakeDepth),
            WarnBeforeHours = Number(settings.WarnBeforeHours),
            RatingDays = Number(settings.RatingDays),
            ReopenDays = Number(settings.ReopenDays),
            DuplicateWindowDays = Number(settings.DuplicateWindowDays),
            DuplicateSimilarity = Number(settings.DuplicateSimilarity),
            MaxAttachments = Number(settings.MaxAttachments),
            MaxImageMegabytes = Number(settings.MaxImageBytes / Megabyte),
            MaxVideoMegabytes = Number(settings.MaxVideoBytes / Megabyte),
        };
        return await RenderAsync(context, form, settings.Rooms, settings, grid, new Dictionary<string, string>(), saved == true, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SaveAsync(
        [FromForm] PetitionSettingsForm form, HttpContext context, TenantDbContext db, PetitionSettingsStore store, IGridDirectory grid, IAuditLog audit, CancellationToken ct)
    {
        var current = await store.GetAsync(ct);
        var rooms = context.Request.Form["Rooms"].Select(r => r?.Trim() ?? "").Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);

        // A copy of what is stored, so that rules this page does not show are kept as they are.
        var settings = JsonSerializer.Deserialize<PetitionSettings>(JsonSerializer.Serialize(current, Json), Json)!;
        settings.IntakeDepth = Integer(form.IntakeDepth, "intakeDepth", errors) ?? settings.IntakeDepth;
        settings.WarnBeforeHours = Decimal(form.WarnBeforeHours, "warnBeforeHours", errors) ?? settings.WarnBeforeHours;
        settings.RatingDays = Integer(form.RatingDays, "ratingDays", errors) ?? settings.RatingDays;
        settings.ReopenDays = Integer(form.ReopenDays, "reopenDays", errors) ?? settings.ReopenDays;
        settings.DuplicateWindowDays = Integer(form.DuplicateWindowDays, "duplicateWindowDays", errors) ?? settings.DuplicateWindowDays;
        settings.DuplicateSimilarity = Decimal(form.DuplicateSimilarity, "duplicateSimilarity", errors) ?? settings.DuplicateSimilarity;
        settings.MaxAttachments = Integer(form.MaxAttachments, "maxAttachments", errors) ?? settings.MaxAttachments;
        settings.MaxImageBytes = Decimal(form.MaxImageMegabytes, "maxImageBytes", errors) is { } image ? (long)Math.Round(image * Megabyte) : settings.MaxImageBytes;
        settings.MaxVideoBytes = Decimal(form.MaxVideoMegabytes, "maxVideoBytes", errors) is { } video ? (long)Math.Round(video * Megabyte) : settings.MaxVideoBytes;
        settings.Rooms = rooms;

        foreach (var (field, message) in PetitionSettingsStore.Validate(settings))
        {
            // The store counts bytes; the form counts MB.
            errors.TryAdd(field, field switch
            {
                "maxImageBytes" => new("应在 0.1 到 50 MB 之间。", "Must be between 0.1 and 50 MB."),
                "maxVideoBytes" => new("应在 1 到 500 MB 之间。", "Must be between 1 and 500 MB."),
                _ => message,
            });
        }

        var levels = await grid.GetLevelsAsync(ct);
        if (!errors.ContainsKey("intakeDepth") && !levels.Any(l => l.Depth == settings.IntakeDepth))
        {
            errors["intakeDepth"] = new("请选择本区网格的一个层级。", "Choose one of the district's grid levels.");
        }

        var offered = RoomOptions(context, current.Rooms).Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        if (!errors.ContainsKey("rooms") && rooms.FirstOrDefault(r => !offered.Contains(r)) is { } unknown)
        {
            errors["rooms"] = new($"没有功能室“{unknown}”。", $"There is no room '{unknown}'.");
        }

        if (errors.Count > 0)
        {
            return await RenderAsync(context, form, rooms, current, grid, CatalogEndpoints.Text(errors), false, StatusCodes.Status400BadRequest, ct);
        }

        var before = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        var after = JsonSerializer.SerializeToNode(settings, Json)!.AsObject();
        var changed = after.Where(p => !JsonNode.DeepEquals(p.Value, before[p.Key])).Select(p => p.Key).ToList();
        if (changed.Count > 0)
        {
            await db.InTransactionAsync(async token =>
            {
                await store.SaveAsync(settings, token);
                await audit.RecordAsync(new AuditEvent("petitions", "update-settings", PetitionSettings.Id,
                    $"Petition rules saved: {string.Join(", ", changed)}", before, after), token);
                return true;
            }, ct);
        }

        return Results.Redirect(context.TenantPath("admin/petitions/settings?saved=true"));
    }

    private static async Task<RazorComponentResult<SettingsPage>> RenderAsync(
        HttpContext context, PetitionSettingsForm form, IReadOnlyList<string> chosenRooms, PetitionSettings stored, IGridDirectory grid,
        IReadOnlyDictionary<string, string> errors, bool saved, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var levels = (await grid.GetLevelsAsync(ct)).Select(l => new CatalogOption(Number(l.Depth), $"{l.Depth}. {l.Name.For(culture)}")).ToList();
        if (!levels.Any(l => l.Value == form.IntakeDepth) && !string.IsNullOrEmpty(form.IntakeDepth))
        {
            // A depth the grid no longer has: shown as it is, so that saving asks for a level instead of changing it silently.
            levels.Add(new CatalogOption(form.IntakeDepth, new BilingualText($"{form.IntakeDepth}（没有这一层级）", $"{form.IntakeDepth} (no such level)").For(culture)));
        }

        return ComponentPage.Render<SettingsPage>(context, new
        {
            Form = form,
            Levels = levels,
            Rooms = RoomOptions(context, stored.Rooms),
            ChosenRooms = chosenRooms.ToHashSet(StringComparer.Ordinal),
            Errors = errors,
            Saved = saved,
        }, status);
    }

    /// <summary>The reception hall's three rooms, the rooms modules register, and any stored room neither knows now.</summary>
    private static List<SettingsRoomOption> RoomOptions(HttpContext context, IEnumerable<string> stored)
    {
        var culture = CultureInfo.CurrentUICulture;
        var options = new List<SettingsRoomOption>();
        foreach (var code in new[] { PetitionRooms.Mediation, PetitionRooms.Legal, PetitionRooms.Psychological })
        {
            options.Add(new SettingsRoomOption(code, PetitionNames.Room(code).For(culture), true));
        }

        foreach (var room in context.RequestServices.GetServices<IPetitionRoom>())
        {
            if (!options.Any(o => o.Code == room.Code))
            {
                options.Add(new SettingsRoomOption(room.Code, room.Name.For(culture), true));
            }
        }

        foreach (var code in stored.Where(code => !options.Any(o => o.Code == code)))
        {
            options.Add(new SettingsRoomOption(code, code, false));
        }

        return options;
    }

    private static int? Integer(string? text, string field, Dictionary<string, BilingualText> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = new("请填写整数。", "Enter a whole number.");
        return null;
    }

    private static double? Decimal(string? text, string field, Dictionary<string, BilingualText> errors)
    {
        if (double.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = new("请填写数字（小数用点号，例如 0.5）。", "Enter a number (with a decimal point, e.g. 0.5).");
        return null;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
