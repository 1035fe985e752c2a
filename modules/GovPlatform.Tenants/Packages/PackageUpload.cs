using GovPlatform.Core.Packages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GovPlatform.Tenants.Packages;

/// <summary>Reads an uploaded package from the request without buffering it: a multipart form's first file, or the raw body.</summary>
internal static class PackageUpload
{
    /// <summary>The request body limit: the package limit plus room for a form's other fields.</summary>
    public static long BodyLimit(PackageOptions options) => options.MaxPackageSize + (64 * 1024);

    public static async Task<PackageInstallResult?> InstallAsync(HttpContext context, ModulePackages packages, string installedBy, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = BodyLimit(packages.Options);
        }

        var request = context.Request;
        if (request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && HeaderUtilities.RemoveQuotes(type.Boundary).Value is { Length: > 0 } boundary)
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    return await packages.InstallAsync(section.Body, installedBy, cancellationToken);
                }
            }

            return null;
        }

        return request.ContentLength == 0 ? null : await packages.InstallAsync(request.Body, installedBy, cancellationToken);
    }
}
