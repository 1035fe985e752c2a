using GovPlatform.Auditing;
using GovPlatform.Core.Packages;
using GovPlatform.Tenants.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Tenants.Packages;

/// <summary>The host API for module packages: list, install (or upgrade) and uninstall, with the host API key.</summary>
internal static class PackageApi
{
    /// <summary>Who API installs and their audit entries name: the caller holds the host API key, not a user.</summary>
    private const string By = "host API";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/host/packages").AddEndpointFilter<HostApiKeyFilter>().DisableAntiforgery();

        api.MapGet("/", (ModulePackages packages, CancellationToken cancellationToken) => PackageSummary.ListAsync(packages, cancellationToken));

        api.MapPost("/", async (HttpContext context, ModulePackages packages, IAuditLog audit, CancellationToken cancellationToken) =>
        {
            try
            {
                var result = await PackageUpload.InstallAsync(context, packages, By, cancellationToken);
                if (result is null)
                {
                    return Refused(new PackageRefusedException(400, new(
                        "请上传 .nupkg：作为请求体（Content-Type: application/octet-stream），或作为 multipart 表单中的文件。",
                        "Send the .nupkg as the body (Content-Type: application/octet-stream) or as a file of a multipart form.")));
                }

                await audit.RecordAsync(PackageAudit.Installed(result, By), cancellationToken);
                var installed = packages.Find(result.Package.Id)!;
                return Results.Created($"/api/host/packages/{result.Package.Id}", await PackageSummary.FromAsync(installed, packages, cancellationToken));
            }
            catch (PackageRefusedException ex)
            {
                await audit.RecordAsync(PackageAudit.Refused(ex, "host API upload", By), cancellationToken);
                return Refused(ex);
            }
        });

        api.MapDelete("/{id}", async (string id, ModulePackages packages, IAuditLog audit, CancellationToken cancellationToken) =>
        {
            try
            {
                var removed = await packages.UninstallAsync(id, cancellationToken);
                await audit.RecordAsync(PackageAudit.Uninstalled(removed, By), cancellationToken);
                return Results.Ok(new { removed.Id, removed.Version, Uninstalled = true });
            }
            catch (PackageRefusedException ex)
            {
                if (ex.StatusCode != StatusCodes.Status404NotFound)
                {
                    await audit.RecordAsync(PackageAudit.UninstallRefused(id, ex, By), cancellationToken);
                }

                return Refused(ex);
            }
        });
    }

    /// <summary>A refusal as problem details: the reason in the request's language, and both languages as extensions.</summary>
    public static IResult Refused(PackageRefusedException refusal) =>
        Results.Problem(statusCode: refusal.StatusCode, title: "Package refused", detail: refusal.Reason.ToString(),
            extensions: new Dictionary<string, object?> { ["reasonZh"] = refusal.Reason.Chinese, ["reasonEn"] = refusal.Reason.English });
}
