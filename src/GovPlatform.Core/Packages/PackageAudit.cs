using GovPlatform.Auditing;
using GovPlatform.Core.Shells;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Packages;

/// <summary>Records package actions that come without a request (the drop folder) in the Default tenant's audit log.</summary>
public sealed class PackageAudit(IServiceProvider services, ILogger<PackageAudit> logger)
{
    public const string Category = "packages";

    public async Task RecordAsync(string action, string subject, string? summary, CancellationToken cancellationToken = default)
    {
        try
        {
            var host = services.GetRequiredService<ShellHost>();
            var shell = await host.EnterAsync(ShellSettings.DefaultTenantName, countsAsUse: false, cancellationToken);
            try
            {
                await using var scope = shell.ServiceProvider.CreateAsyncScope();
                if (scope.ServiceProvider.GetService<IAuditLog>() is { } audit)
                {
                    await audit.RecordAsync(new AuditEvent(Category, action, subject, summary), cancellationToken);
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
            logger.LogWarning(ex, "Package {Action} of {Subject} could not be audited", action, subject);
        }
    }
}
