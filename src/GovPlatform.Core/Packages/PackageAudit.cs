using System.Text.Json.Nodes;
using GovPlatform.Auditing;
using GovPlatform.Core.Shells;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Packages;

/// <summary>
/// The audit entries of package actions, the same from the API, the host admin's page and the drop folder: who (also in
/// the entry's <c>after</c> as <c>by</c>, since the API key and the drop folder have no signed-in user), what, the
/// version and the SHA-256. <see cref="RecordAsync(AuditEvent, CancellationToken)"/> writes them without a request (the
/// drop folder) into the Default tenant's audit log.
/// </summary>
public sealed class PackageAudit(IServiceProvider services, ILogger<PackageAudit> logger)
{
    public const string Category = "packages";

    /// <summary>An install (<c>install</c>) or an upgrade (<c>upgrade</c>, with the replaced version).</summary>
    public static AuditEvent Installed(PackageInstallResult result, string by)
    {
        ArgumentNullException.ThrowIfNull(result);
        var package = result.Package;
        var versions = result.ReplacedVersion is null ? package.Version : $"{result.ReplacedVersion} -> {package.Version}";
        return new AuditEvent(Category, result.ReplacedVersion is null ? "install" : "upgrade", package.Id,
            $"{package.Id} {versions}, SHA-256 {package.Sha256}, by {by}",
            After: Details(package.Id, package.Version, package.Sha256, by, result.ReplacedVersion));
    }

    /// <summary>A refused install: the package as far as it was read (else <paramref name="source"/>, e.g. the file name) and the reason.</summary>
    public static AuditEvent Refused(PackageRefusedException refusal, string? source, string by)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var details = Details(refusal.PackageId, refusal.PackageVersion, refusal.Sha256, by, null);
        details["reason"] = refusal.Reason.English;
        details["source"] = source;
        var what = refusal.PackageId is null ? source ?? "upload" : $"{refusal.PackageId} {refusal.PackageVersion}";
        return new AuditEvent(Category, "refuse", refusal.PackageId ?? source,
            $"{what} refused, SHA-256 {refusal.Sha256 ?? "-"}, by {by}: {refusal.Reason.English}", After: details);
    }

    public static AuditEvent Uninstalled(PackageRecord package, string by)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new AuditEvent(Category, "uninstall", package.Id, $"{package.Id} {package.Version}, SHA-256 {package.Sha256}, by {by}",
            Before: Details(package.Id, package.Version, package.Sha256, by, null));
    }

    public static AuditEvent UninstallRefused(string id, PackageRefusedException refusal, string by)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var details = Details(id, null, null, by, null);
        details["reason"] = refusal.Reason.English;
        return new AuditEvent(Category, "refuse-uninstall", id, $"{id} uninstall refused, by {by}: {refusal.Reason.English}", After: details);
    }

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        try
        {
            var host = services.GetRequiredService<ShellHost>();
            var shell = await host.EnterAsync(ShellSettings.DefaultTenantName, countsAsUse: false, cancellationToken);
            try
            {
                await using var scope = shell.ServiceProvider.CreateAsyncScope();
                if (scope.ServiceProvider.GetService<IAuditLog>() is { } audit)
                {
                    await audit.RecordAsync(auditEvent, cancellationToken);
                }
            }
            finally
            {
                shell.Exit();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The install stands; only its audit entry is missing, which the log says.
            logger.LogWarning(ex, "Package {Action} of {Subject} could not be audited", auditEvent.Action, auditEvent.Subject);
        }
    }

    private static JsonObject Details(string? id, string? version, string? sha256, string by, string? replaced)
    {
        var details = new JsonObject { ["id"] = id, ["version"] = version, ["sha256"] = sha256, ["by"] = by };
        if (replaced is not null)
        {
            details["replaced"] = replaced;
        }

        return details;
    }
}
