using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace GovPlatform.Core.Packages;

/// <summary>
/// Serves <c>/_content/{PackageId}/…</c> from an installed package's <c>staticwebassets/</c> folder, where a Razor
/// class library packs its wwwroot: the same address a built-in module's static files have.
/// </summary>
public sealed class PackageStaticFiles(RequestDelegate next, ModulePackages packages)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.Request.Path.StartsWithSegments("/_content", out var rest)
            && Resolve(rest.Value) is { } file)
        {
            context.Response.ContentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
            context.Response.ContentLength = new FileInfo(file).Length;
            context.Response.Headers.CacheControl = "no-cache";
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.SendFileAsync(file, context.RequestAborted);
            }

            return;
        }

        await next(context);
    }

    private string? Resolve(string? rest)
    {
        if (string.IsNullOrEmpty(rest) || rest.Length < 2)
        {
            return null;
        }

        var slash = rest.IndexOf('/', 1);
        if (slash < 0)
        {
            return null;
        }

        var package = packages.Find(rest[1..slash]);
        if (package is not { IsLoaded: true })
        {
            return null;
        }

        var root = Path.GetFullPath(Path.Combine(package.Folder, "staticwebassets")) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(rest[(slash + 1)..])));

        // A path that climbs out of the package's static files (../) is not served.
        return path.StartsWith(root, StringComparison.Ordinal) && File.Exists(path) ? path : null;
    }
}
