using System.Globalization;
using GovPlatform.Contents.Components.Media;
using GovPlatform.Contents.Security;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GovPlatform.Contents.Media;

/// <summary>
/// The media library's endpoints: the admin pages (<c>admin/contents/media</c>), the picker's JSON and upload API
/// (<c>admin/contents/media/api</c>), and the public files (<c>media/{path}</c>), cached for good since a path never
/// changes its bytes.
/// </summary>
internal static partial class MediaEndpoints
{
    public const string AdminPath = "admin/contents/media";
    public const int AdminPageSize = 24;
    public const int PickerPageSize = 24;

    private const string ImmutableCache = "public, max-age=31536000, immutable";
    private const string MediaSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Uploads may carry several large files: the request and form limits follow the tenant's media limits.
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value;
        var uploadLimit = new UploadSizeLimit(options.MaxRequestBytes);

        endpoints.MapGetShared("/" + AdminPath, PageAsync).RequirePermission(ContentPermissions.ManageMedia);
        endpoints.MapPostShared("/" + AdminPath, UploadPageAsync).RequirePermission(ContentPermissions.ManageMedia)
            .WithMetadata(uploadLimit).WithFormOptions(multipartBodyLengthLimit: options.MaxRequestBytes);
        endpoints.MapGetShared("/" + AdminPath + "/{id:long}/delete", ConfirmDeleteAsync).RequirePermission(ContentPermissions.ManageMedia);
        endpoints.MapPostShared("/" + AdminPath + "/{id:long}/delete", DeleteAsync).RequirePermission(ContentPermissions.ManageMedia);
        endpoints.MapGetShared("/" + AdminPath + "/api", PickerAsync).RequirePermission(ContentPermissions.Edit);
        endpoints.MapPostShared("/" + AdminPath + "/api", UploadApiAsync).RequirePermission(ContentPermissions.ManageMedia)
            .WithMetadata(uploadLimit).WithFormOptions(multipartBodyLengthLimit: options.MaxRequestBytes);
        endpoints.MapGetShared("/" + MediaPaths.RoutePrefix + "/{**path}", ServeAsync);
    }

    private static async Task<IResult> PageAsync(string? kind, string? q, string? page, string? done, HttpContext context, MediaLibrary library, CancellationToken ct) =>
        await RenderLibraryAsync(context, library, new MediaLibraryView
        {
            Kind = ParseKind(kind) ?? MediaKind.Any,
            Query = q?.Trim(),
            Notice = done == "deleted" ? L(new("文件已删除。", "The file is deleted.")) : null,
        }, Number(page) ?? 1, StatusCodes.Status200OK, ct);

    private static async Task<IResult> UploadPageAsync(IFormFileCollection files, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var view = new MediaLibraryView();
        var chosen = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (chosen.Count == 0)
        {
            view.Error = L(new("请选择要上传的文件。", "Choose the files to upload."));
        }
        else if (chosen.Count > library.Options.MaxFilesPerUpload)
        {
            view.Error = L(new($"一次最多上传 {library.Options.MaxFilesPerUpload} 个文件。", $"Upload at most {library.Options.MaxFilesPerUpload} files at a time."));
        }
        else
        {
            foreach (var file in chosen)
            {
                await using var stream = file.OpenReadStream();
                var result = await library.UploadAsync(file.FileName, stream, ct);
                view.Uploads.Add(new MediaUploadOutcome(MediaChecks.DisplayName(file.FileName), result.Value, result.Errors.GetValueOrDefault("File")));
            }
        }

        var failed = view.Error is not null || view.Uploads.Any(u => u.Asset is null);
        return await RenderLibraryAsync(context, library, view, 1, failed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> ConfirmDeleteAsync(long id, HttpContext context, MediaLibrary library, MediaUsage usage, CancellationToken ct) =>
        await library.FindAsync(id, ct) is { } asset
            ? ComponentPage.Render<MediaDeletePage>(context, new { Asset = asset, Error = (string?)null, UsedBy = await usage.ItemsUsingAsync(asset.Path, ct) })
            : Results.NotFound();

    private static async Task<IResult> DeleteAsync(long id, [FromForm(Name = "Confirm")] string? confirm, HttpContext context, MediaLibrary library, MediaUsage usage, CancellationToken ct)
    {
        if (await library.FindAsync(id, ct) is not { } asset)
        {
            return Results.NotFound();
        }

        var usedBy = await usage.ItemsUsingAsync(asset.Path, ct);
        if (confirm != "delete" || usedBy.Count > 0)
        {
            var error = usedBy.Count > 0
                ? L(new("这个文件还在被下列内容使用；先在内容中换掉或删除它。", "Content below still uses this file; replace or remove it there first."))
                : L(new("请确认删除。", "Confirm the deletion."));
            return ComponentPage.Render<MediaDeletePage>(context, new { Asset = asset, Error = (string?)error, UsedBy = usedBy }, StatusCodes.Status400BadRequest);
        }

        return await library.DeleteAsync(id, ct) is null
            ? Results.NotFound()
            : Results.Redirect(context.TenantPath(AdminPath + "?done=deleted"));
    }

    private static async Task<IResult> PickerAsync(string? kind, string? q, string? page, string? pageSize, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        var parsed = ParseKind(kind);
        if (parsed is null && !string.IsNullOrEmpty(kind))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: L(new("无效的类型", "Invalid kind")),
                detail: L(new("kind 须为 images、files 或 any。", "kind must be images, files or any.")));
        }

        var found = await library.ListAsync(parsed, q, Number(page) ?? 1, Number(pageSize) ?? PickerPageSize, ct);
        return Results.Json(new
        {
            items = found.Items.Select(a => Describe(context, a)),
            total = found.Total,
            page = found.Page,
            pageSize = found.PageSize,
        });
    }

    private static async Task<IResult> UploadApiAsync(IFormFile? file, HttpContext context, MediaLibrary library, CancellationToken ct)
    {
        if (file is null)
        {
            return Refused(L(new("请选择要上传的文件（表单字段 file）。", "Choose a file to upload (form field 'file').")));
        }

        await using var stream = file.OpenReadStream();
        var result = await library.UploadAsync(file.FileName, stream, ct);
        return result.Value is { } asset ? Results.Json(Describe(context, asset)) : Refused(result.Errors["File"]);
    }

    private static async Task<IResult> ServeAsync(string path, HttpContext context, MediaLibrary library, IMediaStore store, ILoggerFactory loggers, CancellationToken ct)
    {
        if (await library.GetAsync(path, ct) is not { } asset)
        {
            return Results.NotFound();
        }

        var blob = await store.OpenReadAsync(asset.Path, ct);
        if (blob is null)
        {
            LogMissingFile(loggers.CreateLogger(typeof(MediaEndpoints)), asset.Path);
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = ImmutableCache;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = MediaSecurityPolicy;
        var disposition = new ContentDispositionHeaderValue(asset.IsImage ? "inline" : "attachment");
        disposition.SetHttpFileName(asset.FileName);
        headers.ContentDisposition = disposition.ToString();

        // The stream result answers If-None-Match / If-Modified-Since with 304 and Range with 206, and disposes the stream.
        return Results.Stream(
            blob.Content,
            asset.ContentType,
            lastModified: new DateTimeOffset(DateTime.SpecifyKind(asset.UploadedUtc, DateTimeKind.Utc)),
            entityTag: new EntityTagHeaderValue($"\"{asset.Sha256}\""),
            enableRangeProcessing: blob.Content.CanSeek);
    }

    /// <summary>The JSON of an asset for the picker and the upload API.</summary>
    internal static object Describe(HttpContext context, MediaAsset asset) => new
    {
        id = asset.Id,
        path = asset.Path,
        url = MediaPaths.Url(context.Request.PathBase.Value, asset.Path),
        fileName = asset.FileName,
        kind = asset.IsImage ? "image" : "file",
        contentType = asset.ContentType,
        width = asset.Width,
        height = asset.Height,
        length = asset.Length,
        uploadedUtc = asset.UploadedUtc,
    };

    private static async Task<IResult> RenderLibraryAsync(HttpContext context, MediaLibrary library, MediaLibraryView view, int page, int status, CancellationToken ct)
    {
        view.Page = await library.ListAsync(view.Kind, view.Query, page, AdminPageSize, ct);
        view.Options = library.Options;
        return ComponentPage.Render<MediaLibraryPage>(context, new { View = view }, status);
    }

    private static IResult Refused(string error) => Results.ValidationProblem(
        new Dictionary<string, string[]> { ["File"] = [error] },
        detail: error,
        title: L(new("上传被拒绝", "Upload refused")));

    /// <summary><c>images</c>, <c>files</c> or <c>any</c> (any case, singular too), or null.</summary>
    internal static MediaKind? ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "images" or "image" => MediaKind.Images,
        "files" or "file" => MediaKind.Files,
        "any" => MediaKind.Any,
        _ => null,
    };

    /// <summary>A page number or size from the query; null when empty or not a number (an empty <c>page=</c> is the first page).</summary>
    private static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string L(BilingualText text) => text.For(CultureInfo.CurrentUICulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media file {Path} has a record but no file in the store.")]
    private static partial void LogMissingFile(ILogger logger, string path);

    /// <summary>The request body limit of the upload endpoints, which routing applies before the form is read.</summary>
    private sealed class UploadSizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}

/// <summary>What one file of an upload became: the stored asset, or the reason it was refused.</summary>
public sealed record MediaUploadOutcome(string FileName, MediaAsset? Asset, string? Error);

/// <summary>What the media library page shows.</summary>
public sealed class MediaLibraryView
{
    public MediaKind Kind { get; set; } = MediaKind.Any;

    public string? Query { get; set; }

    public MediaPage Page { get; set; } = new([], 0, 1, MediaEndpoints.AdminPageSize);

    public MediaOptions Options { get; set; } = new();

    public List<MediaUploadOutcome> Uploads { get; } = [];

    public string? Notice { get; set; }

    public string? Error { get; set; }
}
