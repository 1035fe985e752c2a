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
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/host/packages").AddEndpointFilter<HostApiKeyFilter>().DisableAntiforgery();

        api.MapGet("/", (ModulePackages packages, CancellationToken cancellationToken) => PackageSummary.ListAsync(packages, cancellationToken));

        api.MapPost("/", async (HttpContext context, ModulePackages packages, IAuditLog audit, CancellationToken cancellationToken) =>
        {
            try
            {
                var result = await PackageUpload.InstallAsync(context, packages, "host API", cancellationToken);
                if (result is null)
                {
                    return Refused(new PackageRefusedException(400, new(
                        "请上传 .nupkg：作为请求体（Content-Type: application/octet-stream），或作为 multipart 表单中的文件。",
                        "Send the .nupkg as the body (Content-Type: application/octet-stream) or as a file of a multipart form.")));
                }

                await audit.RecordAsync(new AuditEvent(PackageAudit.Category, result.ReplacedVersion is null ? "install" : "upgrade", result.Package.Id,
                    result.ReplacedVersion is null ? result.Package.Version : $"{result.ReplacedVersion} -> {result.Package.Version}"), cancellationToken);
                var installed = packages.Find(result.Package.Id)!;
                return Results.Created($"/api/host/packages/{result.Package.Id}", await PackageSummary.FromAsync(installed, packages, cancellationToken));
            }
            catch (PackageRefusedException ex)
            {
                await audit.RecordAsync(new AuditEvent(PackageAudit.Category, "refuse", null, ex.Reason.English), cancellationToken);
                return Refused(ex);
            }
        });

        api.MapDelete("/{id}", async (string id, ModulePackages packages, IAuditLog audit, CancellationToken cancellationToken) =>
        {
            try
            {
                var removed = await packages.UninstallAsync(id, cancellationToken);
                await audit.RecordAsync(new AuditEvent(PackageAudit.Category, "uninstall", removed.Id, removed.Version), cancellationToken);
                return Results.Ok(new { removed.Id, removed.Version, Uninstalled = true });
            }
            catch (PackageRefusedException ex)
            {
                if (ex.StatusCode != StatusCodes.Status404NotFound)
                {
                    await audit.RecordAsync(new AuditEvent(PackageAudit.Category, "refuse-uninstall", id, ex.Reason.English), cancellationToken);
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
