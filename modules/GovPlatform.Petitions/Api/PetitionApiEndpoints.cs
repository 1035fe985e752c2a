using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Security;
using GovPlatform.Petitions.Services;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Petitions.Api.PetitionApiMapper;
using static GovPlatform.Petitions.Api.PetitionApiProblems;

namespace GovPlatform.Petitions.Api;

/// <summary>
/// The petitions JSON API under <c>api/petitions</c>, for the grid workers' mobile app and other systems: the duty list
/// and intake for anyone (intake rate-limited and idempotent), tracking by number and phone, and for staff the list,
/// the whole case and the loop's commands (version-checked and idempotent). Intake and commands go through
/// <see cref="PetitionIntakeService"/> and <see cref="PetitionWorkflow"/>, which validate, audit and write them; the API
/// adds only the HTTP contract. Checks are made inside the handlers: shared endpoints take no filters.
/// </summary>
internal static class PetitionApiEndpoints
{
    /// <summary>The API's path in the tenant.</summary>
    public const string BasePath = "/api/petitions";

    /// <summary>The list views (see docs/api.md): open cases in scope is <c>grid</c>; <c>all</c> adds the closed ones.</summary>
    public static readonly string[] Views = ["all", "grid", "mine", "overdue", "dueSoon"];

    public const int DefaultPageSize = 25;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGetShared(BasePath + "/openapi.json", OpenApiAsync);
        endpoints.MapGetShared(BasePath + "/antiforgery", Antiforgery);
        endpoints.MapGetShared(BasePath + "/categories", CategoriesAsync);
        endpoints.MapGetShared(BasePath + "/status", StatusAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapPostShared(BasePath, SubmitAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        endpoints.MapGetShared(BasePath, ListAsync);
        endpoints.MapGetShared(BasePath + "/{id:long}", GetAsync);
        endpoints.MapPostShared(BasePath + "/{id:long}/commands/{action}", CommandAsync);
    }

    private static async Task<IResult> OpenApiAsync(HttpContext context, ITenant tenant)
    {
        var document = PetitionOpenApi.Build(tenant, context.Request.PathBase.Value ?? "", CultureInfo.CurrentUICulture);
        return Results.Text(await PetitionOpenApi.SerializeAsync(document, context.RequestAborted), "application/json; charset=utf-8");
    }

    private static IResult Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Unauthorized();
        }

        // The token is bound to the signed-in user and to the tenant's antiforgery cookie, which this answer sets.
        var tokens = antiforgery.GetAndStoreTokens(context);
        NoStore(context);
        return Results.Json(new JsonObject { ["token"] = tokens.RequestToken, ["headerName"] = tokens.HeaderName }, Json);
    }

    private static async Task<IResult> CategoriesAsync(HttpContext context, TenantDbContext db, PetitionCatalogCache catalogs)
    {
        var catalog = await catalogs.GetAsync(db, context.RequestAborted);
        return Results.Json(Categories(catalog, CultureInfo.CurrentUICulture), Json);
    }

    private static async Task<IResult> StatusAsync(HttpContext context, PetitionTracking tracking)
    {
        var ct = context.RequestAborted;
        var query = context.Request.Query;

        // Both must match, and a wrong number and a wrong phone get the same answer: the number alone reveals nothing.
        var petition = await tracking.FindAsync(query["trackingNumber"].ToString(), query["phone"].ToString(), ct);
        if (petition is null)
        {
            return TrackingNotFound();
        }

        var view = await tracking.ViewAsync(petition, CultureInfo.CurrentUICulture, ct);
        NoStore(context);
        return Results.Json(Status(view, CultureInfo.CurrentUICulture), Json);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, PetitionIntakeService intake)
    {
        var ct = context.RequestAborted;
        var (key, keyProblem) = PetitionApiRequests.IdempotencyKey(context);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var access = new PetitionApiAccess(context);
        if (await access.CheckAntiforgeryAsync() is { } forged)
        {
            return forged;
        }

        var (body, problem) = await PetitionApiRequests.ReadAsync<PetitionIntakeRequest>(context, emptyAllowed: false);
        if (problem is not null)
        {
            return problem;
        }

        PetitionChannel channel;
        switch (body!.Channel?.Trim().ToLowerInvariant())
        {
            case null or "" or "api":
                channel = PetitionChannel.Api;
                break;
            case "field":
                // A field report is filed in a grid worker's name: signed in, with the Report grant (any unit).
                if (await access.RequireGrantAsync(PetitionPermissions.Report) is { } refused)
                {
                    return refused;
                }

                channel = PetitionChannel.Field;
                break;
            default:
                return Validation("invalid", new Dictionary<string, string>
                {
                    ["channel"] = L("channel 只能是 api（默认）或 field（网格员现场上报）。", "channel is api (the default) or field (a grid worker's report)."),
                });
        }

        var submission = new PetitionSubmission(channel)
        {
            CategoryCode = body.CategoryCode,
            Title = body.Title,
            Description = body.Description,
            GridUnitCode = body.GridUnitCode,
            Longitude = body.Longitude,
            Latitude = body.Latitude,
            Address = body.Address,
            ContactName = body.ContactName,
            ContactPhone = body.ContactPhone,
            Attachments = PetitionApiRequests.Uploads(body.Attachments),
            IdempotencyKey = key,
        };
        var result = await intake.SubmitAsync(submission, access.IsSignedIn ? access.User : null, ct);
        if (!result.Succeeded)
        {
            return Invalid(result.Errors);
        }

        var petition = result.Petition!;
        if (result.Replayed)
        {
            // The key is the client's; a key that names someone else's petition must not hand out its number.
            if (!SameSubmission(petition, submission))
            {
                return IdempotencyKeyReused();
            }

            context.Response.Headers[PetitionApiRequests.ReplayedHeader] = "true";
        }

        var withId = await access.CanOpenAsync(petition, ct);
        if (withId)
        {
            context.Response.Headers.Location = $"{context.Request.PathBase}{BasePath}/{petition.Id.ToString(CultureInfo.InvariantCulture)}";
        }

        NoStore(context);
        return Results.Json(Receipt(petition, withId), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, TenantDbContext db, PetitionScope scope, PetitionCatalogCache catalogs, IGridDirectory grid, TimeProvider clock)
    {
        var ct = context.RequestAborted;
        var access = new PetitionApiAccess(context);
        if (await access.RequireGrantAsync(PetitionPermissions.View) is { } refused)
        {
            return refused;
        }

        var query = context.Request.Query;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var view = query["view"].ToString() is { Length: > 0 } v ? Views.FirstOrDefault(x => string.Equals(x, v, StringComparison.OrdinalIgnoreCase)) : "all";
        if (view is null)
        {
            errors["view"] = L($"view 只能是 {string.Join("、", Views)}。", $"view is one of {string.Join(", ", Views)}.");
        }

        PetitionStage? stage = null;
        if (query["stage"].ToString() is { Length: > 0 } stageText)
        {
            stage = stageText.All(char.IsAsciiLetter) && Enum.TryParse<PetitionStage>(stageText, ignoreCase: true, out var parsed) ? parsed : null;
            if (stage is null)
            {
                errors["stage"] = L("没有这个环节。", "There is no such stage.");
            }
        }

        string[]? units = null;
        if (query["unit"].ToString().Trim() is { Length: > 0 } unitCode)
        {
            if (await grid.FindAsync(unitCode, ct) is { } unit)
            {
                units = [.. (await grid.GetSubtreeAsync(unit.Code, ct)).Select(u => u.Code).Append(unit.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            }
            else
            {
                errors["unit"] = L("没有这个网格单元。", "There is no such grid unit.");
            }
        }

        var text = query["q"].ToString().Trim();
        if (text.Length > 100)
        {
            errors["q"] = L("搜索文字不能超过 100 个字。", "The search text may have at most 100 characters.");
        }

        var page = QueryNumber(query["page"].ToString(), "page", 1, 1_000_000, 1, errors);
        var pageSize = QueryNumber(query["pageSize"].ToString(), "pageSize", 1, 100, DefaultPageSize, errors);
        if (errors.Count > 0)
        {
            return BadQuery(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var petitions = await scope.ApplyAsync(db.Set<Petition>().AsNoTracking(), access.User, ct);
        petitions = view switch
        {
            "grid" => petitions.Where(p => p.ClosedUtc == null),
            "mine" => Mine(petitions, access.User),
            "overdue" => petitions.Where(p => p.CompletedUtc == null && p.ClosedUtc == null && p.DueUtc < now),
            "dueSoon" => petitions.Where(p => p.CompletedUtc == null && p.ClosedUtc == null && p.WarnAtUtc <= now && p.DueUtc > now),
            _ => petitions,
        };
        if (stage is { } s)
        {
            petitions = petitions.Where(p => p.Stage == s);
        }

        if (units is not null)
        {
            petitions = petitions.Where(p => EF.Parameter(units).Contains(p.GridUnitCode!) || EF.Parameter(units).Contains(p.HandlingUnitCode!));
        }

        if (text.Length > 0)
        {
            petitions = petitions.Where(p => p.TrackingNumber.Contains(text) || p.Title.Contains(text) || p.Description.Contains(text) || p.ContactPhone.Contains(text));
        }

        var total = await petitions.CountAsync(ct);
        var items = await petitions
            .OrderBy(p => p.DueUtc == null).ThenBy(p => p.DueUtc).ThenBy(p => p.ReceivedUtc).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        var catalog = await catalogs.GetAsync(db, ct);
        var culture = CultureInfo.CurrentUICulture;
        var names = await UnitNamesAsync(grid, items.SelectMany(p => new[] { p.GridUnitCode, p.HandlingUnitCode }), culture, ct);
        NoStore(context);
        return Results.Json(
            new JsonObject
            {
                ["items"] = new JsonArray([.. items.Select(p => (JsonNode)Summary(p, catalog, names, now, culture))]),
                ["total"] = total,
                ["page"] = page,
                ["pageSize"] = pageSize,
            },
            Json);
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, PetitionWorkflow workflow)
    {
        var access = new PetitionApiAccess(context);
        if (await access.RequireGrantAsync(PetitionPermissions.View) is { } refused)
        {
            return refused;
        }

        var petition = await access.VisibleAsync(id, context.RequestAborted);
        return petition is null ? NotFound() : await DetailAsync(petition, context, workflow);
    }

    private static async Task<IResult> CommandAsync(long id, string action, HttpContext context, PetitionWorkflow workflow)
    {
        var ct = context.RequestAborted;
        var access = new PetitionApiAccess(context);
        if (!access.IsSignedIn)
        {
            return Unauthorized();
        }

        if (await access.CheckAntiforgeryAsync() is { } forged)
        {
            return forged;
        }

        if (PetitionApiRequests.Action(action) is not { } trigger)
        {
            return UnknownAction(action);
        }

        var (key, keyProblem) = PetitionApiRequests.IdempotencyKey(context);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (version, missing, invalid, any) = PetitionApiRequests.IfMatch(context);
        if (invalid)
        {
            return BadIfMatch();
        }

        if (missing)
        {
            return VersionRequired();
        }

        var (body, problem) = await PetitionApiRequests.ReadAsync<PetitionCommandRequest>(context, emptyAllowed: true);
        if (problem is not null)
        {
            return problem;
        }

        if (await access.RequireGrantAsync(PetitionPermissions.View) is { } refused)
        {
            return refused;
        }

        // A petition the user cannot see answers as a missing one; one they see but may not act on, 403 from the loop.
        if (await access.VisibleAsync(id, ct) is null)
        {
            return NotFound();
        }

        var result = await workflow.ExecuteAsync(id, body!.ToCommand(trigger, key!, any ? null : version), PetitionActor.Staff(access.User), ct);
        BilingualText? message = result.Errors is { } errors && errors.TryGetValue("", out var general) ? general : null;
        switch (result.Status)
        {
            case PetitionCommandStatus.Done:
                return await DetailAsync(result.Petition!, context, workflow);
            case PetitionCommandStatus.Replayed:
                context.Response.Headers[PetitionApiRequests.ReplayedHeader] = "true";
                return await DetailAsync(result.Petition!, context, workflow);
            case PetitionCommandStatus.NotFound:
                return NotFound();
            case PetitionCommandStatus.Forbidden:
                return CommandForbidden(message);
            case PetitionCommandStatus.NotAllowed:
                return NotAllowed(message);
            case PetitionCommandStatus.Stale:
                return Stale(result.Petition?.Version, message);
            default:
                return Invalid(result.Errors ?? new Dictionary<string, BilingualText>());
        }
    }

    /// <summary>The whole case, with the actions the caller may take now and its version as the ETag.</summary>
    private static async Task<IResult> DetailAsync(Petition petition, HttpContext context, PetitionWorkflow workflow)
    {
        var ct = context.RequestAborted;
        var services = context.RequestServices;
        var db = services.GetRequiredService<TenantDbContext>();
        var grid = services.GetRequiredService<IGridDirectory>();
        var events = await db.Set<PetitionEvent>().AsNoTracking().Where(e => e.PetitionId == petition.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var attachments = await db.Set<PetitionAttachment>().AsNoTracking().Where(a => a.PetitionId == petition.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var coHandlers = await db.Set<PetitionCoHandler>().AsNoTracking().Where(c => c.PetitionId == petition.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var allowed = await workflow.AllowedAsync(petition, PetitionActor.Staff(context.User), ct);
        var catalog = await services.GetRequiredService<PetitionCatalogCache>().GetAsync(db, ct);
        var culture = CultureInfo.CurrentUICulture;
        var names = await UnitNamesAsync(grid, events.Select(e => e.UnitCode).Append(petition.GridUnitCode).Append(petition.HandlingUnitCode), culture, ct);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        context.Response.Headers.ETag = PetitionApiRequests.ETag(petition.Version);
        NoStore(context);
        return Results.Json(Detail(petition, events, attachments, coHandlers, allowed, catalog, names, now, culture, context.Request.PathBase.Value ?? ""), Json);
    }

    /// <summary>"Mine": cases whose first responder is the user, or handled by exactly one of the user's own units, still open.</summary>
    private static IQueryable<Petition> Mine(IQueryable<Petition> petitions, ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "";
        var own = user.FindAll(GovClaimTypes.GridUnit).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return petitions.Where(p => p.ClosedUtc == null && (p.FirstResponder == name || EF.Parameter(own).Contains(p.HandlingUnitCode!)));
    }

    /// <summary>The names of the units an answer mentions, looked up once each in the grid's in-memory snapshot.</summary>
    private static async Task<UnitName> UnitNamesAsync(IGridDirectory grid, IEnumerable<string?> codes, CultureInfo culture, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in codes.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            names[code] = (await grid.FindAsync(code, ct))?.DisplayName(culture) ?? code;
        }

        return code => code is not null && names.TryGetValue(code, out var name) ? name : null;
    }

    /// <summary>Whether a replayed petition is the one this request would have filed (its immutable parts).</summary>
    private static bool SameSubmission(Petition petition, PetitionSubmission submission) =>
        petition.Channel == submission.Channel
        && petition.ContactPhone == PetitionPhones.Normalize(submission.ContactPhone)
        && petition.Description == (submission.Description?.Trim() ?? "");

    /// <summary>Answers carrying personal data are not kept by caches on the way.</summary>
    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    private static int QueryNumber(string text, string name, int min, int max, int fallback, Dictionary<string, string> errors)
    {
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = L($"请填写 {min} 到 {max} 之间的整数。", $"A whole number from {min} to {max}.");
        return fallback;
    }
}
