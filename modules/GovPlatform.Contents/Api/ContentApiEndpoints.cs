using System.Globalization;
using System.Text.Json.Nodes;
using GovPlatform.Contents.Security;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using static GovPlatform.Contents.Api.ContentApiMapper;
using static GovPlatform.Contents.Api.ContentApiProblems;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Api;

/// <summary>
/// The JSON API of a tenant's content items, under <c>api/contents</c>: published items for anyone, drafts, versions and
/// changes for signed-in users with the contents permissions (checked per item against its grid unit), and the OpenAPI
/// document of the tenant's own types. Every change goes through <see cref="IContentManager"/>, which checks and audits
/// it. Checks are made inside the handlers: shared endpoints take no filters.
/// </summary>
internal static class ContentApiEndpoints
{
    /// <summary>The API's path in the tenant.</summary>
    public const string BasePath = "/api/contents";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGetShared(BasePath + "/openapi.json", OpenApiAsync);
        endpoints.MapGetShared(BasePath + "/antiforgery", Antiforgery);
        endpoints.MapGetShared(BasePath + "/{type}", ListAsync);
        endpoints.MapPostShared(BasePath + "/{type}", CreateAsync);
        endpoints.MapGetShared(BasePath + "/{type}/{id}", GetAsync);
        endpoints.MapShared(HttpMethods.Put, BasePath + "/{type}/{id}", UpdateAsync);
        endpoints.MapShared(HttpMethods.Delete, BasePath + "/{type}/{id}", DeleteAsync);
        endpoints.MapGetShared(BasePath + "/{type}/{id}/latest", LatestAsync);
        endpoints.MapGetShared(BasePath + "/{type}/{id}/versions", VersionsAsync);
        endpoints.MapPostShared(BasePath + "/{type}/{id}/publish", PublishAsync);
        endpoints.MapPostShared(BasePath + "/{type}/{id}/unpublish", UnpublishAsync);
        endpoints.MapPostShared(BasePath + "/{type}/{id}/schedule", ScheduleAsync);
    }

    private static async Task<IResult> OpenApiAsync(HttpContext context, IContentDefinitionStore definitions)
    {
        var types = await definitions.ListAsync(context.RequestAborted);
        var tenant = context.RequestServices.GetRequiredService<ITenant>();
        var document = ContentOpenApi.Build(types, tenant, context.Request.PathBase.Value ?? "", CultureInfo.CurrentUICulture);
        return Results.Text(await ContentOpenApi.SerializeAsync(document, context.RequestAborted), "application/json; charset=utf-8");
    }

    private static IResult Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Unauthorized();
        }

        // The token is bound to the signed-in user and to the tenant's antiforgery cookie, which this answer sets.
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Results.Json(new JsonObject { ["token"] = tokens.RequestToken, ["headerName"] = tokens.HeaderName }, Json);
    }

    private static async Task<IResult> ListAsync(string type, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        if (await definitions.GetAsync(type, context.RequestAborted) is not { } definition)
        {
            return UnknownType(type);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var page = QueryNumber(context, "page", 1, 1_000_000, 1, errors);
        var pageSize = QueryNumber(context, "pageSize", 1, 100, definition.List?.PageSize is > 0 and <= 100 and var size ? size : 20, errors);
        if (errors.Count > 0)
        {
            return Validation(errors);
        }

        var found = await contents.QueryAsync(
            new ContentQuery
            {
                ContentType = definition.Name,
                PublishedOnly = true,
                Text = context.Request.Query["q"].ToString() is { Length: > 0 } q ? q : null,
                Order = definition.List?.Order ?? ContentListOrder.Newest,
                Page = page,
                PageSize = pageSize,
            },
            context.RequestAborted);
        var pathBase = context.Request.PathBase.Value ?? "";
        return Results.Json(
            new JsonObject
            {
                ["items"] = new JsonArray([.. found.Items.Select(i => (JsonNode)Public(definition, i, pathBase))]),
                ["total"] = found.Total,
                ["page"] = found.Page,
                ["pageSize"] = found.PageSize,
                ["pageCount"] = found.PageCount,
            },
            Json);
    }

    private static async Task<IResult> GetAsync(string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        if (await definitions.GetAsync(type, context.RequestAborted) is not { } definition)
        {
            return UnknownType(type);
        }

        var item = await contents.GetPublishedAsync(id, context.RequestAborted);
        return item is null || item.ContentType != definition.Name
            ? NotPublished(type, id)
            : Results.Json(Public(definition, item, context.Request.PathBase.Value ?? ""), Json);
    }

    private static async Task<IResult> LatestAsync(string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        var (definition, latest, refused) = await ReadableAsync(type, id, context, definitions, contents);
        return refused ?? await LatestAnswerAsync(definition!, latest!.ContentItemId, context, contents);
    }

    private static async Task<IResult> VersionsAsync(string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        var (definition, latest, refused) = await ReadableAsync(type, id, context, definitions, contents);
        if (refused is not null)
        {
            return refused;
        }

        var versions = await contents.GetVersionsAsync(latest!.ContentItemId, context.RequestAborted);
        context.Response.Headers.ETag = ETag(latest.VersionNumber);
        return Results.Json(new JsonArray([.. versions.Select(v => (JsonNode)Editor(definition!, v))]), Json);
    }

    private static async Task<IResult> CreateAsync(string type, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        var ct = context.RequestAborted;
        if (await definitions.GetAsync(type, ct) is not { } definition)
        {
            return UnknownType(type);
        }

        var access = new ContentApiAccess(context);
        if (await access.RequireWriterAsync() is { } refused)
        {
            return refused;
        }

        var (body, problem) = await ContentApiRequests.ReadAsync<ContentWriteRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Unexpected(definition) is { Count: > 0 } unexpected)
        {
            return Validation(unexpected);
        }

        var unit = UnitOf(definition, body.GridUnitCode);
        var publish = body.Publish || !definition.Has(ContentPartKind.Publish);
        if (await access.RequireAsync(ContentPermissions.Edit, unit) is { } notEditor)
        {
            return notEditor;
        }

        if (publish && await access.RequireAsync(ContentPermissions.Publish, unit) is { } notPublisher)
        {
            return notPublisher;
        }

        var item = (await contents.NewAsync(definition.Name, ct))!;
        body.ApplyTo(item);
        var result = await contents.SaveAsync(item, publish, ct);
        if (!result.Succeeded)
        {
            return Refused(result.Errors, type, item.ContentItemId, false, 0);
        }

        var id = result.Value!.ContentItemId;
        context.Response.Headers.Location = $"{context.Request.PathBase}{BasePath}/{Uri.EscapeDataString(definition.Name)}/{Uri.EscapeDataString(id)}/latest";
        return await LatestAnswerAsync(definition, id, context, contents, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        var ct = context.RequestAborted;
        var (definition, latest, access, refused) = await WritableAsync(type, id, ContentPermissions.Edit, context, definitions, contents);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await ContentApiRequests.ReadAsync<ContentWriteRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (expected, fromHeader, invalid) = ContentApiRequests.ExpectedVersion(context, body!.Version, latest!.VersionNumber);
        if (invalid)
        {
            return BadIfMatch();
        }

        if (expected is null)
        {
            return VersionRequired();
        }

        if (expected != latest.VersionNumber)
        {
            return Stale(fromHeader, latest.VersionNumber);
        }

        if (body.Unexpected(definition!) is { Count: > 0 } unexpected)
        {
            return Validation(unexpected);
        }

        var unit = UnitOf(definition!, body.GridUnitCode);
        var publish = body.Publish || !definition!.Has(ContentPartKind.Publish);
        if (await access!.RequireAsync(ContentPermissions.Edit, latest.GridUnitCode, unit) is { } notEditor)
        {
            return notEditor;
        }

        if (publish)
        {
            var published = await contents.GetPublishedAsync(id, ct);
            if (await access.RequireAsync(ContentPermissions.Publish, latest.GridUnitCode, unit, published?.GridUnitCode) is { } notPublisher)
            {
                return notPublisher;
            }
        }

        var item = new ContentItem { ContentItemId = latest.ContentItemId, ContentType = definition!.Name, VersionNumber = latest.VersionNumber };
        body.ApplyTo(item);
        var result = await contents.SaveAsync(item, publish, ct);
        if (!result.Succeeded)
        {
            var current = await contents.GetLatestAsync(id, ct);
            return Refused(result.Errors, type, id, fromHeader, current?.VersionNumber ?? latest.VersionNumber);
        }

        return await LatestAnswerAsync(definition, id, context, contents);
    }

    private static Task<IResult> PublishAsync(string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents) =>
        PublishingAsync(type, id, context, definitions, contents, (manager, itemId, ct) => manager.PublishAsync(itemId, ct));

    private static Task<IResult> UnpublishAsync(string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents) =>
        PublishingAsync(type, id, context, definitions, contents, (manager, itemId, ct) => manager.UnpublishAsync(itemId, ct));

    private static async Task<IResult> ScheduleAsync(string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        var (definition, latest, access, refused) = await WritableAsync(type, id, ContentPermissions.Publish, context, definitions, contents);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await ContentApiRequests.ReadAsync<ContentScheduleRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        DateTime? when = null;
        if (!string.IsNullOrWhiteSpace(body!.PublishUtc) && (when = ContentApiRequests.ParseInstant(body.PublishUtc)) is null)
        {
            return Validation(new Dictionary<string, string>
            {
                ["ScheduledUtc"] = L("请给出带时区的时间，如 2030-05-01T08:00:00+08:00 或 2030-05-01T00:00:00Z。", "Give a time with its offset, such as 2030-05-01T08:00:00+08:00 or 2030-05-01T00:00:00Z."),
            });
        }

        return await ChangePublishingAsync(definition!, latest!, access!, context, contents, (manager, itemId, ct) => manager.ScheduleAsync(itemId, when, ct));
    }

    private static async Task<IResult> DeleteAsync(string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        var ct = context.RequestAborted;
        var (_, latest, access, refused) = await WritableAsync(type, id, ContentPermissions.Delete, context, definitions, contents);
        if (refused is not null)
        {
            return refused;
        }

        if (IfMatchRefusal(context, latest!.VersionNumber) is { } precondition)
        {
            return precondition;
        }

        var published = await contents.GetPublishedAsync(id, ct);
        if (await access!.RequireAsync(ContentPermissions.Delete, latest.GridUnitCode, published?.GridUnitCode) is { } notAllowed)
        {
            return notAllowed;
        }

        var result = await contents.DeleteAsync(id, ct);
        return result.Succeeded ? Results.NoContent() : Refused(result.Errors, type, id, true, latest.VersionNumber);
    }

    private static async Task<IResult> PublishingAsync(
        string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents,
        Func<IContentManager, string, CancellationToken, Task<ContentResult<ContentItem>>> change)
    {
        var (definition, latest, access, refused) = await WritableAsync(type, id, ContentPermissions.Publish, context, definitions, contents);
        return refused ?? await ChangePublishingAsync(definition!, latest!, access!, context, contents, change);
    }

    /// <summary>Publish, unpublish and schedule: the publish permission on the units of the item's latest and published versions.</summary>
    private static async Task<IResult> ChangePublishingAsync(
        ContentTypeDefinition definition, ContentItem latest, ContentApiAccess access, HttpContext context, IContentManager contents,
        Func<IContentManager, string, CancellationToken, Task<ContentResult<ContentItem>>> change)
    {
        var ct = context.RequestAborted;
        var id = latest.ContentItemId;
        if (IfMatchRefusal(context, latest.VersionNumber) is { } precondition)
        {
            return precondition;
        }

        var published = await contents.GetPublishedAsync(id, ct);
        if (await access.RequireAsync(ContentPermissions.Publish, latest.GridUnitCode, published?.GridUnitCode) is { } notAllowed)
        {
            return notAllowed;
        }

        var result = await change(contents, id, ct);
        return result.Succeeded
            ? await LatestAnswerAsync(definition, id, context, contents)
            : Refused(result.Errors, definition.Name, id, true, latest.VersionNumber);
    }

    /// <summary>The type and the item's latest version for an editor's read (View), or the refusal.</summary>
    private static async Task<(ContentTypeDefinition? Type, ContentItem? Latest, IResult? Refused)> ReadableAsync(
        string type, string id, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        if (await definitions.GetAsync(type, context.RequestAborted) is not { } definition)
        {
            return (null, null, UnknownType(type));
        }

        var access = new ContentApiAccess(context);
        if (access.RequireSignedIn() is { } anonymous)
        {
            return (null, null, anonymous);
        }

        // Without the grant at all, the answer is 403 whether the item exists or not.
        if (!await access.HasGrantAsync(ContentPermissions.View))
        {
            return (null, null, Forbidden(ContentPermissions.View));
        }

        var latest = await contents.GetLatestAsync(id, context.RequestAborted);
        if (latest is null || latest.ContentType != definition.Name)
        {
            return (null, null, ItemNotFound(type, id));
        }

        return await access.RequireAsync(ContentPermissions.View, latest.GridUnitCode) is { } refused
            ? (null, null, refused)
            : (definition, latest, null);
    }

    /// <summary>The type and the item's latest version for a change needing <paramref name="permission"/>, or the refusal.</summary>
    private static async Task<(ContentTypeDefinition? Type, ContentItem? Latest, ContentApiAccess? Access, IResult? Refused)> WritableAsync(
        string type, string id, Permission permission, HttpContext context, IContentDefinitionStore definitions, IContentManager contents)
    {
        if (await definitions.GetAsync(type, context.RequestAborted) is not { } definition)
        {
            return (null, null, null, UnknownType(type));
        }

        var access = new ContentApiAccess(context);
        if (await access.RequireWriterAsync() is { } refused)
        {
            return (null, null, null, refused);
        }

        if (!await access.HasGrantAsync(permission))
        {
            return (null, null, null, Forbidden(permission));
        }

        var latest = await contents.GetLatestAsync(id, context.RequestAborted);
        return latest is null || latest.ContentType != definition.Name
            ? (null, null, null, ItemNotFound(type, id))
            : (definition, latest, access, null);
    }

    /// <summary>The item's latest version for editors, with its ETag.</summary>
    private static async Task<IResult> LatestAnswerAsync(ContentTypeDefinition definition, string id, HttpContext context, IContentManager contents, int status = StatusCodes.Status200OK)
    {
        var latest = await contents.GetLatestAsync(id, context.RequestAborted);
        if (latest is null)
        {
            return ItemNotFound(definition.Name, id);
        }

        var published = latest.Published ? latest : await contents.GetPublishedAsync(id, context.RequestAborted);
        context.Response.Headers.ETag = ETag(latest.VersionNumber);
        return Results.Json(Editor(definition, latest, StatusOf(latest, published is not null), published?.VersionNumber), Json, statusCode: status);
    }

    /// <summary>412 when an If-Match header names another version than the latest; 400 when it is malformed.</summary>
    private static IResult? IfMatchRefusal(HttpContext context, int current)
    {
        var (expected, fromHeader, invalid) = ContentApiRequests.ExpectedVersion(context, null, current);
        return invalid ? BadIfMatch() : fromHeader && expected != current ? Stale(true, current) : null;
    }

    /// <summary>The unit an item of the type will be attached to: none when the type has no grid part.</summary>
    private static string? UnitOf(ContentTypeDefinition type, string? code) =>
        type.Has(ContentPartKind.Grid) && !string.IsNullOrWhiteSpace(code) ? code.Trim() : null;

    private static int QueryNumber(HttpContext context, string name, int min, int max, int fallback, Dictionary<string, string> errors)
    {
        var text = context.Request.Query[name].ToString();
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
