using GovPlatform.Auditing;
using GovPlatform.Core.Packages;
using GovPlatform.Localization;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants.Admin;
using GovPlatform.Tenants.AdminPages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovPlatform.Tenants.Packages;

/// <summary>The host admin's module packages page: <c>/admin/packages</c>, its upload form and uninstall buttons.</summary>
internal static class PackageAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, long bodyLimit)
    {
        var pages = endpoints.MapGroup("/admin/packages").RequirePermission(HostPermissions.ManageTenants);

        pages.MapGetShared("", async (string? done, string? name, ModulePackages packages, CancellationToken cancellationToken) =>
            await PageAsync(packages, Done(done, name), null, StatusCodes.Status200OK, cancellationToken));

        pages.MapPostShared("", async (IFormFile? package, ModulePackages packages, IAuditLog audit, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (package is null || package.Length == 0)
            {
                return await PageAsync(packages, null, new BilingualText("请选择一个 .nupkg 文件。", "Choose a .nupkg file."), StatusCodes.Status400BadRequest, cancellationToken);
            }

            var user = context.User.Identity?.Name ?? "host admin";
            try
            {
                PackageInstallResult result;
                await using (var stream = package.OpenReadStream())
                {
                    result = await packages.InstallAsync(stream, user, cancellationToken);
                }

                await audit.RecordAsync(PackageAudit.Installed(result, user), cancellationToken);
                return Results.LocalRedirect(context.TenantPath($"admin/packages?done=installed&name={Uri.EscapeDataString($"{result.Package.Id} {result.Package.Version}")}"));
            }
            catch (PackageRefusedException ex)
            {
                await audit.RecordAsync(PackageAudit.Refused(ex, package.FileName, user), cancellationToken);
                return await PageAsync(packages, null, ex.Reason, ex.StatusCode, cancellationToken);
            }
        }).WithMetadata(new RequestSizeLimitAttribute(bodyLimit));

        pages.MapPostShared("/{id}/uninstall", async (string id, ModulePackages packages, IAuditLog audit, HttpContext context, CancellationToken cancellationToken) =>
        {
            var user = context.User.Identity?.Name ?? "host admin";
            try
            {
                var removed = await packages.UninstallAsync(id, cancellationToken);
                await audit.RecordAsync(PackageAudit.Uninstalled(removed, user), cancellationToken);
                return Results.LocalRedirect(context.TenantPath($"admin/packages?done=uninstalled&name={Uri.EscapeDataString(removed.Id)}"));
            }
            catch (PackageRefusedException ex)
            {
                await audit.RecordAsync(PackageAudit.UninstallRefused(id, ex, user), cancellationToken);
                return await PageAsync(packages, null, ex.Reason, ex.StatusCode, cancellationToken);
            }
        }).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
    }

    private static BilingualText? Done(string? done, string? name) => done switch
    {
        "installed" => new BilingualText($"已安装 {name}。", $"Installed {name}."),
        "uninstalled" => new BilingualText($"已卸载 {name}。", $"Uninstalled {name}."),
        _ => null,
    };

    private static async Task<IResult> PageAsync(ModulePackages packages, BilingualText? message, BilingualText? error, int status, CancellationToken cancellationToken) =>
        new RazorComponentResult<PackagesPage>(new
        {
            Rows = await PackageSummary.ListAsync(packages, cancellationToken),
            MaxSize = packages.Options.MaxPackageSize,
            Message = message,
            Error = error,
        })
        { StatusCode = status };
}
