using System.Security.Claims;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Contents.Data;
using GovPlatform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static GovPlatform.Contents.Services.ContentText;

namespace GovPlatform.Contents.Services;

/// <summary>
/// Items as versions (documents <c>&lt;id&gt;.&lt;n&gt;</c>) with one index row each; the routes table holds the slugs of
/// each item's latest and published versions, so a slug is unique in the tenant even under concurrent saves.
/// </summary>
internal sealed class ContentManager(
    IDocumentStore documents,
    TenantDbContext db,
    ContentDefinitionStore definitions,
    ContentValidator validator,
    ContentRouteReservations reservations,
    IAuditLog audit,
    IHttpContextAccessor http,
    TimeProvider clock) : IContentManager
{
    private const int MaxPageSize = 100;

    public async Task<ContentItem?> NewAsync(string contentType, CancellationToken cancellationToken = default)
    {
        if (await definitions.GetAsync(contentType, cancellationToken) is not { } type)
        {
            return null;
        }

        var user = http.HttpContext?.User;
        return new ContentItem
        {
            ContentType = type.Name,
            OwnerId = type.Has(ContentPartKind.Owner) ? user?.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            OwnerName = type.Has(ContentPartKind.Owner) ? user?.Identity?.Name : null,
        };
    }

    public Task<ContentItem?> GetLatestAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        FindAsync(i => i.ContentItemId == contentItemId && i.Latest, cancellationToken);

    public Task<ContentItem?> GetPublishedAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        FindAsync(i => i.ContentItemId == contentItemId && i.Published, cancellationToken);

    public Task<ContentItem?> GetVersionAsync(string contentItemId, int versionNumber, CancellationToken cancellationToken = default) =>
        documents.GetAsync<ContentItem>(ContentItem.DocumentIdOf(contentItemId, versionNumber), cancellationToken);

    public Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        documents.QueryAsync<ContentItem, ContentItemIndex>(
            q => q.Where(i => i.ContentItemId == contentItemId).OrderByDescending(i => i.VersionNumber), cancellationToken);

    public async Task<ContentItem?> FindPublishedBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        var normalized = ContentSlugs.Normalize(slug);
        return normalized is null ? null : await FindAsync(i => i.Slug == normalized && i.Published, cancellationToken);
    }

    /// <summary>The item whose latest version has the slug, or null.</summary>
    public async Task<ContentItem?> FindLatestBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        var normalized = ContentSlugs.Normalize(slug);
        return normalized is null ? null : await FindAsync(i => i.Slug == normalized && i.Latest, cancellationToken);
    }

    public async Task<ContentResult<ContentItem>> SaveAsync(ContentItem item, bool publish = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await definitions.GetAsync(item.ContentType, cancellationToken) is not { } type)
        {
            return ContentResult.Failure<ContentItem>("ContentType", L($"没有内容类型“{item.ContentType}”。", $"There is no content type '{item.ContentType}'."));
        }

        if (string.IsNullOrEmpty(item.ContentItemId))
        {
            item.ContentItemId = ContentItemIds.New();
        }
        else if (!ContentItemIds.IsValid(item.ContentItemId))
        {
            return ContentResult.Failure<ContentItem>("ContentItemId", L("内容编号只能包含字母、数字、“-”和“_”，最多 64 个字符。", "An item id has letters, digits, '-' and '_', at most 64."));
        }

        var latest = await GetLatestAsync(item.ContentItemId, cancellationToken);
        if (latest is not null && latest.ContentType != type.Name)
        {
            return ContentResult.Failure<ContentItem>("ContentItemId", L("已有另一类型的内容使用这个编号。", "An item of another type has this id."));
        }

        if (latest is not null && item.VersionNumber != 0 && item.VersionNumber != latest.VersionNumber)
        {
            return ContentResult.Failure<ContentItem>("Version", L(
                $"在你编辑期间，{latest.Author ?? "他人"}保存了新的版本（第 {latest.VersionNumber} 版）。请重新打开后再修改。",
                $"{latest.Author ?? "Someone"} saved a newer version ({latest.VersionNumber}) while you were editing. Open it again and redo your change."));
        }

        var errors = await validator.ValidateAsync(type, item, cancellationToken);

        // Values of fields the type no longer has stay with the item, as they were stored.
        foreach (var removed in latest is null ? [] : ContentValidator.RemovedFields(type, latest))
        {
            item.Fields[removed] = latest!.Fields[removed]?.DeepClone();
        }

        await CheckSlugAsync(type, item, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return ContentResult.Failure<ContentItem>(errors);
        }

        var alwaysPublished = !type.Has(ContentPartKind.Publish);
        publish |= alwaysPublished;
        return await WriteAsync(item.ContentItemId, item.Slug, async ct =>
        {
            var now = Now;
            var current = await GetLatestAsync(item.ContentItemId, ct);
            var version = new ContentItem
            {
                ContentItemId = item.ContentItemId,
                ContentType = type.Name,
                Latest = true,
                Title = item.Title,
                Body = item.Body,
                Slug = item.Slug,
                OwnerId = current?.OwnerId ?? item.OwnerId,
                OwnerName = current?.OwnerName ?? item.OwnerName,
                GridUnitCode = item.GridUnitCode,
                Location = item.Location,
                Fields = item.Fields,
                CreatedUtc = current?.CreatedUtc ?? now,
                ModifiedUtc = now,
                Author = UserName,
            };
            if (current is null)
            {
                version.VersionNumber = 1;
            }
            else if (current.Published)
            {
                // The published version stays public; the change becomes a new draft above it.
                version.VersionNumber = current.VersionNumber + 1;
                current.Latest = false;
                await documents.SaveAsync(current.DocumentId, current, ct);
            }
            else
            {
                version.VersionNumber = current.VersionNumber;
                version.ScheduledUtc = current.ScheduledUtc;
            }

            await documents.SaveAsync(version.DocumentId, version, ct);
            if (publish)
            {
                await PublishVersionAsync(version, item.PublishedUtc, ct);
            }

            await UpdateRoutesAsync(version.ContentItemId, ct);
            await RecordAsync(current is null ? "create" : "save", version, publish ? L("已发布", "published") : L("草稿", "draft"), ct);
            return version;
        }, cancellationToken);
    }

    public async Task<ContentResult<ContentItem>> PublishAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        if (await GetLatestAsync(contentItemId, cancellationToken) is not { } latest)
        {
            return NotFound(contentItemId);
        }

        if (latest.Published)
        {
            return ContentResult.Success(latest);
        }

        if (await definitions.GetAsync(latest.ContentType, cancellationToken) is { } type)
        {
            // A draft saved under older rules is checked again before it goes public (on a copy: its stored values stay).
            var copy = latest.Clone();
            var check = await validator.ValidateAsync(type, copy, cancellationToken);
            await CheckSlugAsync(type, copy, check, cancellationToken);
            if (check.Count > 0)
            {
                return ContentResult.Failure<ContentItem>(check);
            }
        }

        return await WriteAsync(contentItemId, latest.Slug, async ct =>
        {
            var version = (await GetLatestAsync(contentItemId, ct))!;
            await PublishVersionAsync(version, null, ct);
            await UpdateRoutesAsync(contentItemId, ct);
            await RecordAsync("publish", version, null, ct);
            return version;
        }, cancellationToken);
    }

    public async Task<ContentResult<ContentItem>> UnpublishAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        if (await GetPublishedAsync(contentItemId, cancellationToken) is null)
        {
            return await GetLatestAsync(contentItemId, cancellationToken) is { } latest
                ? ContentResult.Success(latest)
                : NotFound(contentItemId);
        }

        return await WriteAsync(contentItemId, null, async ct =>
        {
            var published = (await GetPublishedAsync(contentItemId, ct))!;
            published.Published = false;
            await documents.SaveAsync(published.DocumentId, published, ct);
            await UpdateRoutesAsync(contentItemId, ct);
            await RecordAsync("unpublish", published, null, ct);
            return published;
        }, cancellationToken);
    }

    public async Task<ContentResult<ContentItem>> ScheduleAsync(string contentItemId, DateTime? publishUtc, CancellationToken cancellationToken = default)
    {
        if (await GetLatestAsync(contentItemId, cancellationToken) is not { } latest)
        {
            return NotFound(contentItemId);
        }

        if (publishUtc is { } when && DateTime.SpecifyKind(when, DateTimeKind.Utc) <= Now)
        {
            return ContentResult.Failure<ContentItem>("ScheduledUtc", L("定时发布的时间要在将来。", "A scheduled time must be in the future."));
        }

        if (latest.Published && publishUtc is not null)
        {
            return ContentResult.Failure<ContentItem>("ScheduledUtc", L("最新版本已发布；修改后再定时发布新版本。", "The latest version is already published; edit it to schedule a new version."));
        }

        return await WriteAsync(contentItemId, null, async ct =>
        {
            var version = (await GetLatestAsync(contentItemId, ct))!;
            version.ScheduledUtc = publishUtc is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null;
            await documents.SaveAsync(version.DocumentId, version, ct);
            await RecordAsync(publishUtc is null ? "unschedule" : "schedule", version, publishUtc?.ToString("u", System.Globalization.CultureInfo.InvariantCulture), ct);
            return version;
        }, cancellationToken);
    }

    public async Task<ContentResult<ContentItem>> RestoreAsync(string contentItemId, int versionNumber, CancellationToken cancellationToken = default)
    {
        var old = await GetVersionAsync(contentItemId, versionNumber, cancellationToken);
        var latest = await GetLatestAsync(contentItemId, cancellationToken);
        if (old is null || latest is null)
        {
            return NotFound(contentItemId);
        }

        var copy = new ContentItem
        {
            ContentItemId = contentItemId,
            ContentType = old.ContentType,
            VersionNumber = latest.VersionNumber,
            Title = old.Title,
            Body = old.Body,
            Slug = old.Slug,
            GridUnitCode = old.GridUnitCode,
            Location = old.Location,
            Fields = (JsonObject)old.Fields.DeepClone(),
        };
        var result = await SaveAsync(copy, false, cancellationToken);
        if (result.Succeeded)
        {
            await audit.RecordAsync(new AuditEvent("contents", "restore", contentItemId, L($"从第 {versionNumber} 版恢复为草稿", $"Restored version {versionNumber} as a draft")), cancellationToken);
        }

        return result;
    }

    public async Task<ContentResult<ContentItem>> DeleteAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        if (await GetLatestAsync(contentItemId, cancellationToken) is not { } latest)
        {
            return NotFound(contentItemId);
        }

        return await WriteAsync(contentItemId, null, async ct =>
        {
            var versions = await db.Set<ContentItemIndex>().AsNoTracking()
                .Where(i => i.ContentItemId == contentItemId).Select(i => i.VersionNumber).ToListAsync(ct);
            foreach (var number in versions)
            {
                await documents.DeleteAsync<ContentItem>(ContentItem.DocumentIdOf(contentItemId, number), ct);
            }

            await db.Set<ContentRoute>().Where(r => r.ContentItemId == contentItemId).ExecuteDeleteAsync(ct);
            await RecordAsync("delete", latest, L($"{versions.Count} 个版本", $"{versions.Count} versions"), ct);
            return latest;
        }, cancellationToken);
    }

    public async Task<int> PublishDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var due = await db.Set<ContentItemIndex>().AsNoTracking()
            .Where(i => i.Latest && !i.Published && i.ScheduledUtc != null && i.ScheduledUtc <= now)
            .OrderBy(i => i.ScheduledUtc)
            .Select(i => i.ContentItemId)
            .Take(500)
            .ToListAsync(cancellationToken);
        var published = 0;
        foreach (var id in due)
        {
            if ((await PublishAsync(id, cancellationToken)).Succeeded)
            {
                published++;
            }
        }

        return published;
    }

    public async Task<ContentPage> QueryAsync(ContentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        IQueryable<ContentItemIndex> Filter(IQueryable<ContentItemIndex> rows)
        {
            rows = query.PublishedOnly ? rows.Where(i => i.Published) : rows.Where(i => i.Latest);
            if (query.ContentType is { } type)
            {
                rows = rows.Where(i => i.ContentType == type);
            }

            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var text = query.Text.Trim();
                rows = rows.Where(i => i.Title.Contains(text));
            }

            if (query.OwnerId is { } owner)
            {
                rows = rows.Where(i => i.OwnerId == owner);
            }

            if (query.GridUnitCodes is { } codes)
            {
                var list = codes.ToList();
                rows = rows.Where(i => i.GridUnitCode != null && list.Contains(i.GridUnitCode));
            }

            var all = db.Set<ContentItemIndex>();
            rows = query.Status switch
            {
                ContentStatus.Published => rows.Where(i => all.Any(p => p.ContentItemId == i.ContentItemId && p.Published)),
                ContentStatus.Scheduled => rows.Where(i => i.ScheduledUtc != null && !i.Published),
                ContentStatus.Draft => rows.Where(i => i.ScheduledUtc == null && !all.Any(p => p.ContentItemId == i.ContentItemId && p.Published)),
                _ => rows,
            };
            return rows;
        }

        IQueryable<ContentItemIndex> Order(IQueryable<ContentItemIndex> rows) => (query.Order, query.PublishedOnly) switch
        {
            (ContentListOrder.Title, _) => rows.OrderBy(i => i.Title).ThenBy(i => i.Id),
            (ContentListOrder.Oldest, true) => rows.OrderBy(i => i.PublishedUtc).ThenBy(i => i.Id),
            (ContentListOrder.Oldest, false) => rows.OrderBy(i => i.CreatedUtc).ThenBy(i => i.Id),
            (_, true) => rows.OrderByDescending(i => i.PublishedUtc).ThenByDescending(i => i.Id),
            _ => rows.OrderByDescending(i => i.ModifiedUtc).ThenByDescending(i => i.Id),
        };

        var total = await Filter(db.Set<ContentItemIndex>().AsNoTracking()).CountAsync(cancellationToken);
        var items = total == 0
            ? []
            : await documents.QueryAsync<ContentItem, ContentItemIndex>(q => Order(Filter(q)).Skip((page - 1) * size).Take(size), cancellationToken);
        return new ContentPage(items, total, page, size);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Who saves: the signed-in user, else the platform (a recipe, a background task).</summary>
    private string? UserName => http.HttpContext?.User.Identity is { IsAuthenticated: true } identity ? identity.Name : "system";

    private async Task<ContentItem?> FindAsync(System.Linq.Expressions.Expression<Func<ContentItemIndex, bool>> where, CancellationToken ct) =>
        await documents.QueryAsync<ContentItem, ContentItemIndex>(q => q.Where(where).OrderByDescending(i => i.VersionNumber).Take(1), ct) is [var found, ..] ? found : null;

    private async Task PublishVersionAsync(ContentItem version, DateTime? publishedUtc, CancellationToken ct)
    {
        if (await GetPublishedAsync(version.ContentItemId, ct) is { } previous && previous.VersionNumber != version.VersionNumber)
        {
            previous.Published = false;
            await documents.SaveAsync(previous.DocumentId, previous, ct);
        }

        version.Published = true;
        version.PublishedUtc = publishedUtc is { } given ? DateTime.SpecifyKind(given, DateTimeKind.Utc) : Now;
        version.ScheduledUtc = null;
        await documents.SaveAsync(version.DocumentId, version, ct);
    }

    private async Task CheckSlugAsync(ContentTypeDefinition type, ContentItem item, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (!type.Has(ContentPartKind.Route))
        {
            item.Slug = null;
            return;
        }

        item.Slug = ContentSlugs.Normalize(item.Slug) ?? DefaultSlug(type, item);
        if (ContentSlugs.Check(item.Slug) is { } error)
        {
            errors["Slug"] = error;
            return;
        }

        if (reservations.IsReserved(item.Slug.Split('/')[0]))
        {
            errors["Slug"] = L($"“{item.Slug}”是系统页面使用的地址，请换一个。", $"'{item.Slug}' is used by the platform's own pages; choose another path.");
            return;
        }

        if (await definitions.FindByListSlugAsync(item.Slug, ct) is { } listed)
        {
            errors["Slug"] = L($"“{item.Slug}”是“{listed.DisplayName.Chinese}”列表的地址。", $"'{item.Slug}' is the address of the '{listed.DisplayName.English}' list.");
            return;
        }

        var slug = item.Slug;
        var id = item.ContentItemId;
        if (await db.Set<ContentRoute>().AsNoTracking().AnyAsync(r => r.Slug == slug && r.ContentItemId != id, ct))
        {
            errors["Slug"] = L($"地址“{slug}”已被其他内容使用。", $"The path '{slug}' is used by another item.");
        }
    }

    private static string DefaultSlug(ContentTypeDefinition type, ContentItem item)
    {
        var prefix = type.List?.Slug ?? type.Name.ToLowerInvariant();
        return $"{prefix}/{item.ContentItemId[^Math.Min(12, item.ContentItemId.Length)..]}";
    }

    /// <summary>The item's routes become the slugs of its latest and published versions.</summary>
    private async Task UpdateRoutesAsync(string contentItemId, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var slugs = await db.Set<ContentItemIndex>().AsNoTracking()
            .Where(i => i.ContentItemId == contentItemId && (i.Latest || i.Published) && i.Slug != null)
            .Select(i => i.Slug!)
            .Distinct()
            .ToListAsync(ct);
        await db.Set<ContentRoute>().Where(r => r.ContentItemId == contentItemId).ExecuteDeleteAsync(ct);
        foreach (var slug in slugs)
        {
            db.Set<ContentRoute>().Add(new ContentRoute { Slug = slug, ContentItemId = contentItemId });
        }
    }

    private Task RecordAsync(string action, ContentItem version, string? detail, CancellationToken ct) =>
        audit.RecordAsync(
            new AuditEvent("contents", action, version.ContentItemId,
                $"{version.ContentType} “{version.DisplayText}” v{version.VersionNumber}{(detail is null ? "" : $" · {detail}")}"),
            ct);

    private async Task<ContentResult<ContentItem>> WriteAsync(string contentItemId, string? slug, Func<CancellationToken, Task<ContentItem>> work, CancellationToken ct)
    {
        try
        {
            return ContentResult.Success(await db.InTransactionAsync(work, ct));
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ContentResult.Failure<ContentItem>("Version", L("这条内容刚被他人修改，请重新打开后再试。", "Someone changed this item just now; open it again and retry."));
        }
        catch (DbUpdateException)
        {
            // The routes table's key refused the slug: another item took it between the check and the write.
            db.ChangeTracker.Clear();
            if (slug is not null && await db.Set<ContentRoute>().AsNoTracking().AnyAsync(r => r.Slug == slug && r.ContentItemId != contentItemId, ct))
            {
                return ContentResult.Failure<ContentItem>("Slug", L($"地址“{slug}”刚被其他内容占用，请换一个。", $"Another item took the path '{slug}' just now; choose another."));
            }

            throw;
        }
    }

    private static ContentResult<ContentItem> NotFound(string id) =>
        ContentResult.Failure<ContentItem>("ContentItemId", L($"没有内容“{id}”。", $"There is no content item '{id}'."));
}
