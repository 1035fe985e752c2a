using System.Globalization;
using System.Security.Claims;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions.Components.Public;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Petitions.Endpoints;

/// <summary>
/// The citizen's side of the petitions hall on the tenant's public site: the form (<c>petitions/new</c>), the receipt,
/// and tracking by number and phone (<c>petitions/track</c>) with rating and reopening. Works without JavaScript and
/// without an account; every post is rate limited, and tracking answers a wrong number and a wrong phone alike.
/// </summary>
internal static class PublicPetitionEndpoints
{
    /// <summary>Room for one video at the default 100 MB limit with a few photos; each file's own limit is checked as well.</summary>
    internal const long MaxRequestBytes = 160L * 1024 * 1024;

    /// <summary>The form's field that takes the photos and videos.</summary>
    internal const string PhotosField = "Photos";

    /// <summary>The form's selects of the location's levels, top first (each posts one value, empty when not chosen).</summary>
    internal const string UnitsField = "Units";

    private static readonly BilingualText NotFoundText = new(
        "没有找到与该受理编号和联系电话相符的诉求，请核对后重试。",
        "No petition matches this tracking number and phone number. Check both and try again.");

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var upload = new UploadSizeLimit(MaxRequestBytes);
        endpoints.MapGetShared("/petitions/new", NewAsync);
        endpoints.MapPostShared("/petitions/new", SubmitAsync).RequireRateLimiting(RateLimitPolicies.PublicForm)
            .WithMetadata(upload).WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes);
        endpoints.MapGetShared("/petitions/track", (HttpContext context, ITenant tenant) =>
            ComponentPage.Render<TrackPetitionPage>(context, new { Form = new PublicTrackForm(), TimeZoneId = tenant.TimeZone }));
        endpoints.MapPostShared("/petitions/track", TrackAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapPostShared("/petitions/track/rate", RateAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapPostShared("/petitions/track/reopen", ReopenAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
    }

    private static async Task<IResult> NewAsync(
        HttpContext context, TenantDbContext db, IGridDirectory grid, PetitionCatalogCache catalogs, PetitionSettingsStore settings, ITenantUsers users, CancellationToken ct)
    {
        var form = new PublicPetitionForm { IdempotencyKey = Guid.NewGuid().ToString("N") };
        await PrefillAsync(form, context.User, db, users, ct);
        return await FormPageAsync(context, form, [], new Dictionary<string, string>(), false, db, grid, catalogs, settings, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> SubmitAsync(
        [FromForm] PublicPetitionForm form, HttpContext context, TenantDbContext db, IGridDirectory grid, PetitionCatalogCache catalogs,
        PetitionSettingsStore settingsStore, PetitionIntakeService intake, CancellationToken ct)
    {
        var posted = context.Request.Form;
        var units = posted[UnitsField].Select(u => u?.Trim() ?? "").ToList();
        var chosen = units.Where(u => u.Length > 0).ToList();
        var files = posted.Files.GetFiles(PhotosField).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var settings = await settingsStore.GetAsync(ct);
        var errors = new Dictionary<string, BilingualText>(StringComparer.Ordinal);

        var longitude = Coordinate(form.Longitude, out var badLongitude);
        var latitude = Coordinate(form.Latitude, out var badLatitude);
        if (badLongitude || badLatitude || (longitude is null) != (latitude is null))
        {
            errors["location"] = new("请填写有效的经度和纬度（例如 113.205、23.105），或清空两者。", "Enter a valid longitude and latitude (e.g. 113.205, 23.105), or clear both.");
        }

        // The selects of each level are independent without JavaScript: each chosen unit must lie in the one chosen above it.
        for (var i = 0; i < chosen.Count && !errors.ContainsKey("location"); i++)
        {
            if (await grid.FindAsync(chosen[i], ct) is null)
            {
                errors["location"] = new("没有这个区域，请重新选择。", "There is no such area; choose again.");
            }
            else if (i > 0 && !await grid.IsWithinAsync(chosen[i - 1], chosen[i], ct))
            {
                errors["location"] = new("所选的下一级区域不属于上一级，请重新选择。", "An area chosen does not lie in the one chosen above it; choose again.");
            }
        }

        if (files.Count > settings.MaxAttachments)
        {
            errors["attachments"] = new($"最多上传 {settings.MaxAttachments} 个照片或视频。", $"At most {settings.MaxAttachments} photos or videos.");
        }
        else if (files.FirstOrDefault(f => f.Length > Math.Max(settings.MaxImageBytes, settings.MaxVideoBytes)) is { } large)
        {
            // Refused before it is read into memory.
            errors["attachments"] = new($"“{large.FileName}”太大。", $"“{large.FileName}” is too large.");
        }

        List<PetitionUpload> uploads = [];
        if (!errors.ContainsKey("attachments"))
        {
            foreach (var file in files)
            {
                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, ct);
                uploads.Add(new PetitionUpload(Path.GetFileName(file.FileName), buffer.ToArray()));
            }
        }

        // With an error of its own the page still asks the intake for every other field's error, but without a
        // location, which an online petition cannot be filed without: nothing is saved.
        var located = chosen.Count > 0 || longitude is not null;
        var blocked = errors.Count > 0;
        var submission = new PetitionSubmission(PetitionChannel.Online)
        {
            CategoryCode = form.CategoryCode,
            Title = form.Title,
            Description = form.Description,
            GridUnitCode = blocked ? null : chosen.LastOrDefault(),
            Longitude = blocked ? null : longitude,
            Latitude = blocked ? null : latitude,
            Address = form.Address,
            ContactName = form.ContactName,
            ContactPhone = form.ContactPhone,
            Attachments = uploads,
            IdempotencyKey = form.IdempotencyKey,
        };
        var result = await intake.SubmitAsync(submission, context.User, ct);
        if (result.Succeeded && !blocked)
        {
            var petition = result.Petition!;
            return ComponentPage.Render<PetitionReceiptPage>(context, new
            {
                Receipt = new PublicPetitionReceipt(petition.TrackingNumber, MaskPhone(petition.ContactPhone), petition.PossibleDuplicateOfId is not null, result.Replayed),
            });
        }

        foreach (var (field, message) in result.Errors)
        {
            var key = field switch
            {
                "gridUnitCode" => "location",
                "categoryCode" or "title" or "description" or "contactPhone" or "contactName" or "address" or "attachments" or "location" => field,
                _ => "",
            };
            if (key == "location" && blocked && located)
            {
                continue; // the location was held back above, not missing
            }

            errors.TryAdd(key, message);
        }

        var culture = CultureInfo.CurrentUICulture;
        return await FormPageAsync(context, form, units, errors.ToDictionary(e => e.Key, e => e.Value.For(culture)), files.Count > 0,
            db, grid, catalogs, settingsStore, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> TrackAsync([FromForm] PublicTrackForm form, HttpContext context, PetitionTracking tracking, ITenant tenant, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(form.TrackingNumber) || string.IsNullOrWhiteSpace(form.Phone))
        {
            return TrackPage(context, tenant, form, new("请填写受理编号和提交时留的联系电话。", "Enter the tracking number and the phone number you gave."), StatusCodes.Status400BadRequest);
        }

        var petition = await tracking.FindAsync(form.TrackingNumber, form.Phone, ct);
        return petition is null
            ? TrackPage(context, tenant, form, NotFoundText, StatusCodes.Status404NotFound)
            : await StatusPageAsync(context, tenant, tracking, petition, form, null, null, null, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> RateAsync([FromForm] PublicTrackForm form, HttpContext context, PetitionTracking tracking, ITenant tenant, CancellationToken ct)
    {
        var petition = await tracking.FindAsync(form.TrackingNumber, form.Phone, ct);
        if (petition is null)
        {
            return TrackPage(context, tenant, form, NotFoundText, StatusCodes.Status404NotFound);
        }

        int? satisfaction = int.TryParse(form.Satisfaction, NumberStyles.None, CultureInfo.InvariantCulture, out var stars) ? stars : null;
        bool? resolved = form.Resolved switch { "true" => true, "false" => false, _ => null };
        var comment = string.IsNullOrWhiteSpace(form.Comment) ? null : form.Comment.Trim();
        var result = await tracking.RateAsync(petition, satisfaction, resolved, comment, ct);
        if (result.Status == PetitionCommandStatus.NotAllowed)
        {
            result = PetitionCommandResult.Refused(result.Status, new("这件诉求目前不在待评价状态，不能评价。", "This petition is not waiting for a rating now."));
        }

        return result.Succeeded
            ? await StatusPageAsync(context, tenant, tracking, result.Petition ?? petition, form, new("感谢您的评价！", "Thank you for your rating."), null, null, StatusCodes.Status200OK, ct)
            : await StatusPageAsync(context, tenant, tracking, petition, form, null,
                Errors(result, "satisfaction", "comment"), null, StatusOf(result), ct);
    }

    private static async Task<IResult> ReopenAsync([FromForm] PublicTrackForm form, HttpContext context, PetitionTracking tracking, ITenant tenant, CancellationToken ct)
    {
        var petition = await tracking.FindAsync(form.TrackingNumber, form.Phone, ct);
        if (petition is null)
        {
            return TrackPage(context, tenant, form, NotFoundText, StatusCodes.Status404NotFound);
        }

        var result = await tracking.ReopenAsync(petition, string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim(), ct);
        if (result.Status == PetitionCommandStatus.NotAllowed)
        {
            // The loop's refusal names stages and commands; the citizen is told why in their terms.
            var days = await tracking.ReopenDaysAsync(ct);
            result = PetitionCommandResult.Refused(result.Status, petition.Stage == PetitionStage.Evaluate
                ? new($"评价后 {days} 天内才能申请重新办理，现在已超过期限。如仍有问题，请重新反映。", $"A petition can be reopened only within {days} days of its rating, which have passed. If the matter goes on, please report it again.")
                : new("这件诉求目前不能申请重新办理。", "This petition cannot be reopened now."));
        }

        return result.Succeeded
            ? await StatusPageAsync(context, tenant, tracking, result.Petition ?? petition, form,
                new("已申请重新办理，工作人员会重新处理并反馈。", "Your request to reopen it is in; staff will handle it again and report back."), null, null, StatusCodes.Status200OK, ct)
            : await StatusPageAsync(context, tenant, tracking, petition, form, null,
                null, Errors(result, "", "reason"), StatusOf(result), ct);
    }

    private static async Task<IResult> StatusPageAsync(
        HttpContext context, ITenant tenant, PetitionTracking tracking, Petition petition, PublicTrackForm form, BilingualText? notice,
        IReadOnlyDictionary<string, string>? rateErrors, IReadOnlyDictionary<string, string>? reopenErrors, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var view = await tracking.ViewAsync(petition, culture, ct);
        var model = new PublicPetitionStatus(
            view.TrackingNumber,
            petition.ContactPhone,
            view.Stage.ToString(),
            view.StageName.For(culture),
            view.CategoryName,
            view.Title,
            view.Description,
            view.ReceivedUtc,
            view.DueUtc,
            view.CompletedUtc,
            view.ClosedUtc,
            view.HandlingUnitName,
            view.PublicReply,
            view.RejectReason,
            view.MergedIntoTrackingNumber,
            view.Satisfaction,
            view.CanRate,
            view.CanReopen,
            view.CanReopen ? await tracking.ReopenDaysAsync(ct) : 0,
            [.. view.Steps.Select(s => new PublicPetitionStatusStep(s.AtUtc, s.Action.For(culture), s.Stage.For(culture), s.UnitName, s.PublicNote))]);
        return ComponentPage.Render<TrackPetitionPage>(context, new
        {
            Form = form,
            Status = model,
            Notice = notice?.For(culture),
            RateErrors = rateErrors ?? new Dictionary<string, string>(),
            ReopenErrors = reopenErrors ?? new Dictionary<string, string>(),
            TimeZoneId = tenant.TimeZone,
        }, status);
    }

    private static RazorComponentResult<TrackPetitionPage> TrackPage(HttpContext context, ITenant tenant, PublicTrackForm form, BilingualText problem, int code) =>
        ComponentPage.Render<TrackPetitionPage>(context, new
        {
            // The number is shown again; the phone is not, so that a shared screen does not keep it.
            Form = new PublicTrackForm { TrackingNumber = form.TrackingNumber?.Trim() },
            Problem = problem.For(CultureInfo.CurrentUICulture),
            TimeZoneId = tenant.TimeZone,
        }, code);

    private static async Task<IResult> FormPageAsync(
        HttpContext context, PublicPetitionForm form, IReadOnlyList<string> units, IReadOnlyDictionary<string, string> errors, bool filesLost,
        TenantDbContext db, IGridDirectory grid, PetitionCatalogCache catalogs, PetitionSettingsStore settingsStore, int status, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var catalog = await catalogs.GetAsync(db, ct);
        var settings = await settingsStore.GetAsync(ct);
        var choices = new PublicPetitionChoices(Categories(catalog, culture), await LevelsAsync(grid, culture, ct), settings.MaxAttachments);
        return ComponentPage.Render<NewPetitionPage>(context, new
        {
            Form = form,
            Units = units,
            Choices = choices,
            Errors = errors,
            FilesLost = filesLost,
        }, status);
    }

    /// <summary>The duty list as the form offers it: each category's selectable items under its name, or the category itself when it has none.</summary>
    private static List<PublicChoiceGroup> Categories(PetitionCatalog catalog, CultureInfo culture)
    {
        List<PublicChoiceGroup> groups = [];
        foreach (var root in catalog.Roots.Where(r => r.Active))
        {
            var items = catalog.ItemsOf(root.Code).Where(catalog.IsSelectable)
                .Select(i => new PublicChoice(i.Code, PetitionCatalog.Name(i, culture))).ToList();
            if (items.Count > 0)
            {
                groups.Add(new PublicChoiceGroup(root.Code, PetitionCatalog.Name(root, culture), items));
            }
            else if (catalog.IsSelectable(root))
            {
                groups.Add(new PublicChoiceGroup(null, null, [new PublicChoice(root.Code, PetitionCatalog.Name(root, culture))]));
            }
        }

        return groups;
    }

    /// <summary>
    /// The territorial units below the top as one select per level (a district's streets, communities, grids), each
    /// level's units grouped under their parent. A district with one top unit starts below it.
    /// </summary>
    private static async Task<List<PublicLocationLevel>> LevelsAsync(IGridDirectory grid, CultureInfo culture, CancellationToken ct)
    {
        var roots = (await grid.GetChildrenAsync(null, ct)).Where(u => u.Kind == GridUnitKind.Territorial).ToList();
        var names = await grid.GetLevelsAsync(ct);
        List<GridUnitInfo> units = [];
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            // Depth first: a parent comes before its children, so a unit under a professional one is left out too.
            foreach (var unit in await grid.GetSubtreeAsync(root.Code, ct))
            {
                if (unit.Kind == GridUnitKind.Territorial && (unit.ParentCode is null || kept.Contains(unit.ParentCode)))
                {
                    kept.Add(unit.Code);
                    units.Add(unit);
                }
            }
        }

        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var start = roots.Count == 1 ? roots[0].Depth + 1 : 1;
        var deepest = units.Count == 0 ? 0 : units.Max(u => u.Depth);
        List<PublicLocationLevel> levels = [];
        for (var depth = start; depth <= deepest; depth++)
        {
            var atDepth = units.Where(u => u.Depth == depth).ToList();
            List<PublicChoiceGroup> groups = depth == start
                ? [new PublicChoiceGroup(null, null, [.. atDepth.Select(u => new PublicChoice(u.Code, u.DisplayName(culture)))])]
                : [.. atDepth.GroupBy(u => u.ParentCode ?? "", StringComparer.Ordinal).Select(g => new PublicChoiceGroup(
                    g.Key, byCode.TryGetValue(g.Key, out var parent) ? parent.DisplayName(culture) : g.Key,
                    [.. g.Select(u => new PublicChoice(u.Code, u.DisplayName(culture)))]))];
            var label = names.FirstOrDefault(l => l.Depth == depth)?.Name.For(culture) ?? new BilingualText($"第 {depth} 级", $"Level {depth}").For(culture);
            levels.Add(new PublicLocationLevel(depth, label, groups));
        }

        return levels;
    }

    /// <summary>A signed-in resident's name and phone: from their last petition, else from their account.</summary>
    private static async Task PrefillAsync(PublicPetitionForm form, ClaimsPrincipal user, TenantDbContext db, ITenantUsers users, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } id)
        {
            return;
        }

        var last = await db.Set<Petition>().AsNoTracking().Where(p => p.CitizenUserId == id)
            .OrderByDescending(p => p.ReceivedUtc).Select(p => new { p.ContactName, p.ContactPhone }).FirstOrDefaultAsync(ct);
        // The display name falls back to the user name, which is no one's name to put on a petition.
        var displayName = user.FindFirstValue("gp:display_name");
        form.ContactName = last?.ContactName ?? (displayName != user.Identity.Name ? displayName : null);
        form.ContactPhone = last?.ContactPhone ?? (user.Identity.Name is { } name ? (await users.FindByUserNameAsync(name, ct))?.Phone : null);
    }

    private static Dictionary<string, string> Errors(PetitionCommandResult result, string satisfactionKey, string noteKey)
    {
        var culture = CultureInfo.CurrentUICulture;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, message) in result.Errors ?? new Dictionary<string, BilingualText>())
        {
            var key = field switch
            {
                "satisfaction" => satisfactionKey,
                "note" => noteKey,
                _ => "",
            };
            errors[key] = errors.TryGetValue(key, out var earlier) ? $"{earlier} {message.For(culture)}" : message.For(culture);
        }

        return errors;
    }

    private static int StatusOf(PetitionCommandResult result) => result.Status switch
    {
        PetitionCommandStatus.Invalid => StatusCodes.Status400BadRequest,
        PetitionCommandStatus.NotFound => StatusCodes.Status404NotFound,
        PetitionCommandStatus.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    private static double? Coordinate(string? text, out bool invalid)
    {
        invalid = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        invalid = true;
        return null;
    }

    /// <summary>The phone with its middle hidden: <c>139****5678</c>, <c>010-****5678</c>.</summary>
    internal static string MaskPhone(string phone)
    {
        if (phone.Length < 7)
        {
            return phone;
        }

        var keepStart = phone.IndexOf('-', StringComparison.Ordinal) is var dash and > 0 ? dash + 1 : 3;
        var hidden = Math.Max(0, phone.Length - keepStart - 4);
        return string.Concat(phone.AsSpan(0, keepStart), new string('*', hidden), phone.AsSpan(phone.Length - 4));
    }

    /// <summary>The request body limit of the form's post, which routing applies before the form is read.</summary>
    private sealed class UploadSizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
