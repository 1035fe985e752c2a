using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using GovPlatform.Core.Data;
using GovPlatform.Core.Data.Archives;
using GovPlatform.Core.Data.Migrations;
using GovPlatform.Core.Jobs;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Notifications;
using GovPlatform.Core.Packages;
using GovPlatform.Core.Recipes;
using GovPlatform.Core.Security;
using GovPlatform.Core.Shells;
using GovPlatform.Core.State;
using GovPlatform.Core.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Hosting;

/// <summary>Wires GovPlatform into an ASP.NET Core host.</summary>
public static class GovPlatformHostExtensions
{
    /// <summary>
    /// Registers the host-level services: module catalog, tenant store, shell host. Call after every host service the
    /// shells should share is registered: shells inherit what the host has at this point and after.
    /// </summary>
    public static WebApplicationBuilder AddGovPlatform(this WebApplicationBuilder builder, IEnumerable<Assembly>? moduleAssemblies = null)
    {
        var services = builder.Services;
        services.AddOptions<GovPlatformOptions>().Bind(builder.Configuration.GetSection(GovPlatformOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        // Chinese text is written as is, not as character references; the encoder is shared by every shell.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHttpContextAccessor();

        // One key ring for the host under DataRoot; each shell derives its own purpose from it (ShellContainerFactory).
        services.AddDataProtection().SetApplicationName("GovPlatform");
        services.AddOptions<KeyManagementOptions>().Configure<HostPaths, ILoggerFactory>((options, paths, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(paths.DataRoot, "DataProtection-Keys")), loggers));
        services.AddSingleton(new HostServices(services));
        services.AddOptions<PackageOptions>().Bind(builder.Configuration.GetSection(PackageOptions.Section));
        services.AddSingleton<ModulePackages>();
        services.AddSingleton<PackageAudit>();
        services.AddHostedService<PackageDropFolder>();
        services.AddSingleton(provider =>
        {
            // Installed module packages join the catalog before any shell is built, so they survive a restart.
            var catalog = new ModuleCatalog(moduleAssemblies ?? ModuleAssemblySource.FromDependencyContext());
            provider.GetRequiredService<ModulePackages>().LoadInstalled(catalog);
            return catalog;
        });
        services.AddSingleton<HostPaths>();
        services.AddSingleton<HostApiKey>();
        services.AddSingleton<ShellSettingsFactory>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<TenantSeedReader>();
        services.AddSingleton<TenantDatabaseFactory>();
        services.AddSingleton<TenantMigrator>();
        services.AddSingleton<TenantStorage>();
        services.AddSingleton<TenantArchiver>();
        services.AddSingleton<ShellStateStore>();
        services.AddSingleton<ShellContainerFactory>();
        services.AddSingleton<ShellBuilder>();
        services.AddSingleton<RecipeCatalog>();
        services.AddSingleton<RecipeExecutor>();
        services.TryAddSingleton<ITenantChangeNotifier, InProcessTenantChangeNotifier>();
        services.AddSingleton<ShellHost>();
        services.AddSingleton<TenantRateLimiting>();
        services.AddHostedService<IdleShellReleaser>();
        services.AddSingleton<BackgroundTaskRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<BackgroundTaskRunner>());
        return builder;
    }

    /// <summary>
    /// Validates the module catalog (an inconsistent one stops the host here), loads the tenants, and ends the
    /// host pipeline with tenant resolution. Shells are built later, on each tenant's first request.
    /// </summary>
    public static async Task UseGovPlatformAsync(this WebApplication app)
    {
        app.Services.GetRequiredService<HostServices>().Provider = app.Services;
        _ = app.Services.GetRequiredService<ModuleCatalog>();
        await app.Services.GetRequiredService<ShellHost>().InitializeAsync(app.Lifetime.ApplicationStopping);
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<PackageStaticFiles>();
        app.UseMiddleware<TenantMiddleware>();
    }
}
