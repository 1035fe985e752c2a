using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovPlatform.Contents.Media;

/// <summary>
/// The tenant's media library: uploads checked on type, content and size, stored in the tenant's <see cref="IMediaStore"/>
/// under an immutable path, recorded in <c>gp_content_media</c>, and audited (category <c>media</c>).
/// </summary>
public sealed partial class MediaLibrary(
    TenantDbContext db, IMediaStore store, IAuditLog audit, IOptions<MediaOptions> options, TimeProvider clock,
    IHttpContextAccessor httpContextAccessor, ILogger<MediaLibrary> logger)
{
    /// <summary>The largest page <see cref="ListAsync"/> returns.</summary>
    public const int MaxPageSize = 100;

    private readonly MediaOptions _options = options.Value;

    /// <summary>The limits in force.</summary>
    public MediaOptions Options => _options;

    /// <summary>
    /// Checks and stores an upload. Refused (error keyed <c>File</c>, in the reader's language) when its extension is not
    /// accepted, it is too large, or its bytes are not what the extension says; nothing is kept then. The same bytes
    /// under the same name give back the asset stored before.
    /// </summary>
    public async Task<ContentResult<MediaAsset>> UploadAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (type, nameError) = MediaChecks.TypeOf(fileName);
        if (type is null)
        {
            return Refuse(nameError!.Value);
        }

        var limit = MediaChecks.LimitOf(type, _options);
        var bytes = await ReadAtMostAsync(content, limit, cancellationToken);
        if (bytes is null)
        {
            return Refuse(MediaChecks.TooLarge(type, limit));
        }

        var check = MediaChecks.CheckContent(type, bytes, _options);
        if (check.Error is { } contentError)
        {
            return Refuse(contentError);
        }

        var displayName = MediaChecks.DisplayName(fileName);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var same = await db.Set<MediaAsset>().AsNoTracking()
            .Where(m => m.Sha256 == sha256 && m.FileName == displayName).OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (same is not null)
        {
            return ContentResult.Success(same);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var path = string.Create(CultureInfo.InvariantCulture, $"{now:yyyy}/{now:MM}/{sha256[..12]}-{MediaChecks.SafeName(fileName)}");
        if (await db.Set<MediaAsset>().AsNoTracking().FirstOrDefaultAsync(m => m.Path == path, cancellationToken) is { } atPath)
        {
            if (atPath.Sha256 == sha256)
            {
                // The same upload, recorded by another request since the check above.
                return ContentResult.Success(atPath);
            }

            // Another file with the same name and the same first 48 bits of its hash this month: never overwrite it.
            return Refuse(new("已有同名且内容相近的文件，请改名后再上传。", "A file with the same name and a similar content exists; rename the file and upload it again."));
        }

        var asset = new MediaAsset
        {
            Path = path,
            FileName = displayName,
            ContentType = type.ContentType,
            Kind = type.Kind,
            Length = bytes.Length,
            Width = check.Width,
            Height = check.Height,
            Sha256 = sha256,
            UploadedUtc = now,
            UploadedBy = UserName(),
        };

        // The file first, then its record: a record never points to a missing file. A failed record takes the file away.
        await using (var stream = new MemoryStream(bytes, writable: false))
        {
            await store.SaveAsync(path, stream, cancellationToken);
        }

        try
        {
            await db.InTransactionAsync(async ct =>
            {
                asset.Id = 0;
                db.Add(asset);
                await audit.RecordAsync(new AuditEvent("media", "upload", path, $"Uploaded {displayName} ({MediaChecks.Size(bytes.Length)})", null, Snapshot(asset)), ct);
                return true;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (await RecordedMeanwhileAsync(path, sha256) is { } winner)
            {
                // The same upload, at the same moment, recorded by another request: its file is this one.
                return ContentResult.Success(winner);
            }

            await DeleteBlobAsync(path);
            LogRecordFailed(logger, ex, path);
            throw;
        }

        return ContentResult.Success(asset);
    }

    /// <summary>A page of the library, newest first, filtered by kind (null or <see cref="MediaKind.Any"/>: all) and by a text in the file name or path.</summary>
    public async Task<MediaPage> ListAsync(MediaKind? kind, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Set<MediaAsset>().AsNoTracking();
        if (kind is MediaKind.Images or MediaKind.Files)
        {
            var wanted = kind.Value;
            query = query.Where(m => m.Kind == wanted);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            // LIKE on lowercase text: case-insensitive on both providers (PostgreSQL's LIKE is not by itself).
            var pattern = "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(m => EF.Functions.Like(m.FileName.ToLower(), pattern, "\\") || EF.Functions.Like(m.Path.ToLower(), pattern, "\\"));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new MediaPage(items, total, page, pageSize);
    }

    /// <summary>The asset stored at <paramref name="path"/>, or null (also for a malformed path). Check a media field's value with it.</summary>
    public async Task<MediaAsset?> GetAsync(string? path, CancellationToken cancellationToken = default) =>
        MediaPaths.IsValid(path)
            ? await db.Set<MediaAsset>().AsNoTracking().FirstOrDefaultAsync(m => m.Path == path, cancellationToken)
            : null;

    /// <summary>The asset with <paramref name="id"/>, or null.</summary>
    public async Task<MediaAsset?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        await db.Set<MediaAsset>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    /// <summary>
    /// Removes the asset's record (audited), then its file. Returns the removed asset, or null when there was none.
    /// Content that links to it shows a missing file from then on.
    /// </summary>
    public async Task<MediaAsset?> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        var removed = await db.InTransactionAsync(async ct =>
        {
            var asset = await db.Set<MediaAsset>().FirstOrDefaultAsync(m => m.Id == id, ct);
            if (asset is null)
            {
                return null;
            }

            db.Remove(asset);
            await audit.RecordAsync(new AuditEvent("media", "delete", asset.Path, $"Deleted {asset.FileName}", Snapshot(asset)), ct);
            return asset;
        }, cancellationToken);

        if (removed is not null)
        {
            await DeleteBlobAsync(removed.Path);
        }

        return removed;
    }

    private static ContentResult<MediaAsset> Refuse(Localization.BilingualText error) => ContentResult.Failure<MediaAsset>("File", error.ToString());

    /// <summary>The content's bytes, or null when there are more than <paramref name="limit"/>.</summary>
    internal static async Task<byte[]?> ReadAtMostAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The record another request saved for the same bytes at <paramref name="path"/>, or null (also when the database cannot answer).</summary>
    private async Task<MediaAsset?> RecordedMeanwhileAsync(string path, string sha256)
    {
        try
        {
            db.ChangeTracker.Clear();
            var recorded = await db.Set<MediaAsset>().AsNoTracking().FirstOrDefaultAsync(m => m.Path == path, CancellationToken.None);
            return recorded?.Sha256 == sha256 ? recorded : null;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }

    private async Task DeleteBlobAsync(string path)
    {
        try
        {
            await store.DeleteAsync(path, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogBlobNotDeleted(logger, ex, path);
        }
    }

    private string? UserName() =>
        httpContextAccessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user.Identity!.Name : null;

    private static JsonObject Snapshot(MediaAsset asset) => new()
    {
        ["path"] = asset.Path,
        ["fileName"] = asset.FileName,
        ["contentType"] = asset.ContentType,
        ["length"] = asset.Length,
        ["width"] = asset.Width,
        ["height"] = asset.Height,
        ["sha256"] = asset.Sha256,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The record of media file {Path} could not be saved; its file was removed.")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media file {Path} could not be removed from the store; it is left without a record.")]
    private static partial void LogBlobNotDeleted(ILogger logger, Exception exception, string path);
}
