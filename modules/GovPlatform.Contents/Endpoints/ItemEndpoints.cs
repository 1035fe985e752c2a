using System.Globalization;
using GovPlatform.Contents.Components.Items;
using GovPlatform.Contents.Data;
using GovPlatform.Contents.Security;
using GovPlatform.Contents.Services;
using GovPlatform.Data;
using GovPlatform.Grid;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Endpoints;

/// <summary>The content items' admin pages under <c>admin/contents</c>: list, bulk actions, editor, publishing, history.</summary>
internal static class ItemEndpoints
{
    private const int PageSize = 20;
    private const int PickLimit = 300;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/contents").RequirePermission(ContentPermissions.View);
        group.MapGetShared("/", ListAsync);
        group.MapPostShared("/bulk", BulkAsync);
        group.MapGetShared("/new/{type}", NewAsync);
        group.MapPostShared("/new/{type}", CreateAsync);
        group.MapGetShared("/items/{id}", EditAsync);
        group.MapPostShared("/items/{id}", UpdateAsync);
        group.MapPostShared("/items/{id}/publish", PublishAsync);
        group.MapPostShared("/items/{id}/unpublish", UnpublishAsync);
        group.MapPostShared("/items/{id}/schedule", ScheduleAsync);
        group.MapPostShared("/items/{id}/delete", DeleteAsync);
        group.MapGetShared("/items/{id}/versions", VersionsAsync);
        group.MapGetShared("/items/{id}/preview", PreviewAsync);
        group.MapPostShared("/items/{id}/versions/{version:int}/restore", RestoreAsync);
    }

    private static async Task<IResult> ListAsync(
        string? type, ContentStatus? status, string? q, int? page, string? bulk, int? n, int? failed,
        HttpContext context, ContentManager contents, ContentDefinitionStore definitions, TenantDbContext db, ContentTimeZone zone, CancellationToken ct)
    {
        var scope = await ScopeAsync(context, ct);
        var result = await contents.QueryAsync(new ContentQuery
        {
            ContentType = string.IsNullOrEmpty(type) ? null : type,
            Status = status,
            Text = q,
            GridUnitCodes = scope,
            Page = page ?? 1,
            PageSize = PageSize,
        }, ct);
        return ComponentPage.Render<ContentListPage>(context, new
        {
            Model = new ContentListModel
            {
                Types = await definitions.ListAsync(ct),
                Page = result,
                States = await StatesAsync(db, result.Items, ct),
                Type = type,
                Status = status,
                Query = q,
                CanEdit = await ContentAccess.CanAsync(context, ContentPermissions.Edit, null),
                CanPublish = await ContentAccess.CanAsync(context, ContentPermissions.Publish, null),
                CanDelete = await ContentAccess.CanAsync(context, ContentPermissions.Delete, null),
                Notice = bulk is null ? null : BulkNotice(bulk, n ?? 0, failed ?? 0),
                Time = Formatter(zone),
            },
        });
    }

    private static async Task<IResult> BulkAsync(IFormCollection form, HttpContext context, ContentManager contents, CancellationToken ct)
    {
        var action = form["action"].FirstOrDefault();
        var permission = action switch
        {
            "publish" or "unpublish" => ContentPermissions.Publish,
            "delete" => ContentPermissions.Delete,
            _ => null,
        };
        if (permission is null)
        {
            return Results.BadRequest();
        }

        int done = 0, refused = 0;
        foreach (var id in form["ids"].Where(i => !string.IsNullOrEmpty(i)).Distinct().Take(200))
        {
            var item = await contents.GetLatestAsync(id!, ct);
            if (item is null || !await ContentAccess.CanAsync(context, permission, item))
            {
                refused++;
                continue;
            }

            var result = action switch
            {
                "publish" => await contents.PublishAsync(id!, ct),
                "unpublish" => await contents.UnpublishAsync(id!, ct),
                _ => await contents.DeleteAsync(id!, ct),
            };
            if (result.Succeeded)
            {
                done++;
            }
            else
            {
                refused++;
            }
        }

        var back = form["return"].FirstOrDefault() is { } ret && ret.StartsWith('?') ? ret : "?";
        var separator = back.Length > 1 ? "&" : "";
        return Results.Redirect(context.TenantPath(string.Create(CultureInfo.InvariantCulture, $"admin/contents{back}{separator}bulk={action}&n={done}&failed={refused}")));
    }

    private static async Task<IResult> NewAsync(string type, HttpContext context, ContentManager contents, CancellationToken ct)
    {
        if (await contents.NewAsync(type, ct) is not { } item)
        {
            return Results.NotFound();
        }

        return await ContentAccess.CanAsync(context, ContentPermissions.Edit, null)
            ? await EditorAsync(context, item, true, null, new Dictionary<string, string>(), StatusCodes.Status200OK, ct)
            : Results.Forbid();
    }

    private static async Task<IResult> CreateAsync(string type, IFormCollection form, HttpContext context, ContentManager contents, ContentDefinitionStore definitions, CancellationToken ct)
    {
        if (await definitions.GetAsync(type, ct) is not { } definition || await contents.NewAsync(type, ct) is not { } item)
        {
            return Results.NotFound();
        }

        var (typed, formErrors) = ItemForm.Read(form, definition, item);
        typed.ContentItemId = "";
        typed.VersionNumber = 0;
        return await SaveAsync(context, contents, definition, typed, true, form, formErrors, ct);
    }

    private static async Task<IResult> EditAsync(string id, string? saved, HttpContext context, ContentManager contents, CancellationToken ct)
    {
        if (await contents.GetLatestAsync(id, ct) is not { } item)
        {
            return Results.NotFound();
        }

        if (!await ContentAccess.CanAsync(context, ContentPermissions.View, item))
        {
            return Results.Forbid();
        }

        var notice = saved switch
        {
            "draft" => L("草稿已保存。", "Draft saved."),
            "published" => L("已发布。", "Published."),
            "unpublished" => L("已撤下，公众不再能看到。", "Unpublished: the public no longer sees it."),
            "scheduled" => L("已设置定时发布。", "Publishing is scheduled."),
            "unscheduled" => L("已取消定时发布。", "The schedule is cleared."),
            "restored" => L("旧版本已恢复为新的草稿。", "The old version is now the latest draft."),
            _ => null,
        };
        return await EditorAsync(context, item, false, notice, new Dictionary<string, string>(), StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> UpdateAsync(string id, IFormCollection form, HttpContext context, ContentManager contents, ContentDefinitionStore definitions, CancellationToken ct)
    {
        if (await contents.GetLatestAsync(id, ct) is not { } latest || await definitions.GetAsync(latest.ContentType, ct) is not { } definition)
        {
            return Results.NotFound();
        }

        if (!await ContentAccess.CanAsync(context, ContentPermissions.Edit, latest))
        {
            return Results.Forbid();
        }

        var (typed, formErrors) = ItemForm.Read(form, definition, latest.Clone());
        if (typed.GridUnitCode != latest.GridUnitCode && !await ContentAccess.CanAsync(context, ContentPermissions.Edit, typed))
        {
            formErrors["GridUnitCode"] = L("你不能把内容移到你的网格范围以外。", "You cannot move an item outside your grid units.");
        }

        return await SaveAsync(context, contents, definition, typed, false, form, formErrors, ct);
    }

    private static async Task<IResult> SaveAsync(
        HttpContext context, ContentManager contents, ContentTypeDefinition definition, ContentItem typed, bool isNew, IFormCollection form,
        Dictionary<string, string> formErrors, CancellationToken ct)
    {
        var publish = form["submit"].FirstOrDefault() == "publish";
        if (!await ContentAccess.CanAsync(context, ContentPermissions.Edit, typed))
        {
            formErrors["GridUnitCode"] = L("请选择你负责的网格单元。", "Choose one of your grid units.");
        }

        if (publish && !await ContentAccess.CanAsync(context, ContentPermissions.Publish, typed))
        {
            return Results.Forbid();
        }

        var shown = typed.Clone(); // what the user typed, shown again if the save is refused
        if (formErrors.Count == 0)
        {
            var result = await contents.SaveAsync(typed, publish || !definition.Has(ContentPartKind.Publish), ct);
            if (result.Succeeded)
            {
                var state = publish || !definition.Has(ContentPartKind.Publish) ? "published" : "draft";
                return Results.Redirect(context.TenantPath($"admin/contents/items/{Uri.EscapeDataString(result.Value!.ContentItemId)}?saved={state}"));
            }

            formErrors = new Dictionary<string, string>(result.Errors);
        }

        return await EditorAsync(context, shown, isNew, null, formErrors, StatusCodes.Status400BadRequest, ct);
    }

    private static async Task<IResult> PublishAsync(string id, HttpContext context, ContentManager contents, CancellationToken ct) =>
        await ActAsync(id, ContentPermissions.Publish, "published", context, contents, (c, i, t) => c.PublishAsync(i, t), ct);

    private static async Task<IResult> UnpublishAsync(string id, HttpContext context, ContentManager contents, CancellationToken ct) =>
        await ActAsync(id, ContentPermissions.Publish, "unpublished", context, contents, (c, i, t) => c.UnpublishAsync(i, t), ct);

    private static async Task<IResult> ScheduleAsync(string id, IFormCollection form, HttpContext context, ContentManager contents, ContentTimeZone zone, CancellationToken ct)
    {
        DateTime? at = null;
        if (form["clear"].FirstOrDefault() != "true")
        {
            if (!DateTime.TryParse(form["at"].FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return await FailAsync(id, context, contents, new Dictionary<string, string> { ["ScheduledUtc"] = L("请填写发布时间。", "Enter the time to publish.") }, ct);
            }

            at = zone.ToUtc(local);
        }

        return await ActAsync(id, ContentPermissions.Publish, at is null ? "unscheduled" : "scheduled", context, contents, (c, i, t) => c.ScheduleAsync(i, at, t), ct);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ContentManager contents, CancellationToken ct)
    {
        if (await contents.GetLatestAsync(id, ct) is not { } item)
        {
            return Results.NotFound();
        }

        if (!await ContentAccess.CanAsync(context, ContentPermissions.Delete, item))
        {
            return Results.Forbid();
        }

        var result = await contents.DeleteAsync(id, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath("admin/contents?bulk=delete&n=1&failed=0"))
            : await FailAsync(id, context, contents, result.Errors, ct);
    }

    private static async Task<IResult> VersionsAsync(string id, int? show, HttpContext context, ContentManager contents, ContentDefinitionStore definitions, ContentTimeZone zone, CancellationToken ct)
    {
        var versions = await contents.GetVersionsAsync(id, ct);
        if (versions.Count == 0)
        {
            return Results.NotFound();
        }

        if (!await ContentAccess.CanAsync(context, ContentPermissions.View, versions[0]))
        {
            return Results.Forbid();
        }

        return ComponentPage.Render<ContentVersionsPage>(context, new
        {
            Model = new ContentVersionsModel
            {
                Type = await definitions.GetAsync(versions[0].ContentType, ct),
                Versions = versions,
                Shown = show is { } number ? versions.FirstOrDefault(v => v.VersionNumber == number) : null,
                CanPublish = await ContentAccess.CanAsync(context, ContentPermissions.Publish, versions[0]),
                Time = Formatter(zone),
            },
        });
    }

    private static async Task<IResult> PreviewAsync(string id, HttpContext context, ContentManager contents, ContentDefinitionStore definitions, Rendering.ContentRenderer renderer, CancellationToken ct)
    {
        if (await contents.GetLatestAsync(id, ct) is not { } item || await definitions.GetAsync(item.ContentType, ct) is not { } type)
        {
            return Results.NotFound();
        }

        return await ContentAccess.CanAsync(context, ContentPermissions.View, item)
            ? await PublicEndpoints.ItemPageAsync(context, item, type, renderer, ct, preview: true)
            : Results.Forbid();
    }

    private static async Task<IResult> RestoreAsync(string id, int version, HttpContext context, ContentManager contents, CancellationToken ct) =>
        await ActAsync(id, ContentPermissions.Publish, "restored", context, contents, (c, i, t) => c.RestoreAsync(i, version, t), ct);

    private static async Task<IResult> ActAsync(
        string id, Permission permission, string state, HttpContext context, ContentManager contents,
        Func<ContentManager, string, CancellationToken, Task<ContentResult<ContentItem>>> act, CancellationToken ct)
    {
        if (await contents.GetLatestAsync(id, ct) is not { } item)
        {
            return Results.NotFound();
        }

        if (!await ContentAccess.CanAsync(context, permission, item))
        {
            return Results.Forbid();
        }

        var result = await act(contents, id, ct);
        return result.Succeeded
            ? Results.Redirect(context.TenantPath($"admin/contents/items/{Uri.EscapeDataString(id)}?saved={state}"))
            : await FailAsync(id, context, contents, result.Errors, ct);
    }

    private static async Task<IResult> FailAsync(string id, HttpContext context, ContentManager contents, IReadOnlyDictionary<string, string> errors, CancellationToken ct) =>
        await contents.GetLatestAsync(id, ct) is { } item
            ? await EditorAsync(context, item, false, null, errors, StatusCodes.Status400BadRequest, ct)
            : Results.NotFound();

    private static async Task<IResult> EditorAsync(
        HttpContext context, ContentItem item, bool isNew, string? notice, IReadOnlyDictionary<string, string> errors, int status, CancellationToken ct)
    {
        var services = context.RequestServices;
        var definitions = services.GetRequiredService<ContentDefinitionStore>();
        var contents = services.GetRequiredService<ContentManager>();
        var zone = services.GetRequiredService<ContentTimeZone>();
        if (await definitions.GetAsync(item.ContentType, ct) is not { } type)
        {
            return Results.NotFound();
        }

        ItemState? state = null;
        if (!isNew)
        {
            var published = await contents.GetPublishedAsync(item.ContentItemId, ct);
            state = new ItemState(published?.VersionNumber, published is null || published.VersionNumber != item.VersionNumber, item.Published ? null : item.ScheduledUtc);
        }

        var picks = new Dictionary<string, IReadOnlyList<PickOption>>();
        var db = services.GetRequiredService<TenantDbContext>();
        foreach (var field in type.Fields.Where(f => f.Kind == ContentFieldKind.ContentPicker))
        {
            var allowed = field.ContentTypes;
            picks[field.Name] = await db.Set<ContentItemIndex>().AsNoTracking()
                .Where(i => i.Latest && (allowed.Count == 0 || allowed.Contains(i.ContentType)) && i.ContentItemId != item.ContentItemId)
                .OrderBy(i => i.Title).Take(PickLimit)
                .Select(i => new PickOption(i.ContentItemId, i.Title)).ToListAsync(ct);
        }

        var units = new List<PickOption>();
        if ((type.Has(ContentPartKind.Grid) || type.Fields.Exists(f => f.Kind == ContentFieldKind.GridPicker)) && services.GetService<IGridDirectory>() is { } grid)
        {
            var culture = CultureInfo.CurrentUICulture;
            foreach (var root in await grid.GetChildrenAsync(null, ct))
            {
                units.AddRange((await grid.GetSubtreeAsync(root.Code, ct)).Select(u => new PickOption(u.Code, $"{u.Code} {u.DisplayName(culture)}")));
            }
        }

        var media = services.GetService<IMediaLookup>() is { } lookup ? await lookup.RecentAsync(PickLimit, ct) : [];
        return ComponentPage.Render<ContentEditPage>(context, new
        {
            Model = new ContentEditModel
            {
                Type = type,
                Item = item,
                IsNew = isNew,
                State = state,
                Errors = errors,
                Notice = notice,
                GridUnits = units,
                Picks = picks,
                Media = media,
                RemovedFields = [.. item.Fields.Where(p => type.Field(p.Key) is null)],
                CanPublish = await ContentAccess.CanAsync(context, ContentPermissions.Publish, isNew ? null : item),
                CanDelete = !isNew && await ContentAccess.CanAsync(context, ContentPermissions.Delete, item),
                Time = Formatter(zone),
                LocalInput = utc => zone.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            },
        }, status);
    }

    private static async Task<IReadOnlyCollection<string>?> ScopeAsync(HttpContext context, CancellationToken ct)
    {
        if (!ContentAccess.IsScoped(context.User))
        {
            return null;
        }

        return context.RequestServices.GetService<IGridScopeFilter>() is { } filter
            ? await filter.GetScopeCodesAsync(context.User, ct) ?? (IReadOnlyCollection<string>)[]
            : [.. context.User.FindAll(GovClaimTypes.GridUnit).Select(c => c.Value)];
    }

    private static async Task<IReadOnlyDictionary<string, ItemState>> StatesAsync(TenantDbContext db, IReadOnlyList<ContentItem> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.ContentItemId).ToList();
        var published = await db.Set<ContentItemIndex>().AsNoTracking()
            .Where(i => i.Published && ids.Contains(i.ContentItemId))
            .ToDictionaryAsync(i => i.ContentItemId, i => i.VersionNumber, ct);
        return items.ToDictionary(
            i => i.ContentItemId,
            i => new ItemState(published.TryGetValue(i.ContentItemId, out var v) ? v : null, !i.Published, i.Published ? null : i.ScheduledUtc));
    }

    private static Func<DateTime, string> Formatter(ContentTimeZone zone) =>
        utc => zone.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string BulkNotice(string action, int done, int failed)
    {
        var what = action switch
        {
            "publish" => L("发布", "published"),
            "unpublish" => L("撤下", "unpublished"),
            _ => L("删除", "deleted"),
        };
        return failed == 0
            ? L($"已{what} {done} 条内容。", $"{done} items {what}.")
            : L($"已{what} {done} 条内容，{failed} 条未能处理（没有权限或内容不符合要求）。", $"{done} items {what}; {failed} could not be (no permission, or the item does not pass its checks).");
    }
}
