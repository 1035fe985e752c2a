using System.Diagnostics;
using System.Globalization;
using GovPlatform.Auditing;
using GovPlatform.Calendars;
using GovPlatform.Core.Auditing;
using GovPlatform.Core.Calendars;
using GovPlatform.Core.Data;
using GovPlatform.Core.FeatureFlags;
using GovPlatform.Core.Files;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Localization;
using GovPlatform.Core.Messaging;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Navigation;
using GovPlatform.Core.Recipes;
using GovPlatform.Core.Security;
using GovPlatform.Core.Themes;
using GovPlatform.Data;
using GovPlatform.Files;
using GovPlatform.Messaging;
using GovPlatform.Modules;
using GovPlatform.Navigation;
using GovPlatform.Recipes;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;

namespace GovPlatform.Core.Shells;

/// <summary>Builds a tenant's shell: its container from the host's shared services and its features' startups, then its pipeline.</summary>
public sealed class ShellContainerFactory(ModuleCatalog catalog, HostServices hostServices, TenantDatabaseFactory databases, HostPaths paths, TimeProvider clock, ILoggerFactory loggerFactory, IHostEnvironment environment, IOptions<GovPlatformOptions> options)
{
    private readonly bool _validateScopes = options.Value.ValidateShellScopes ?? environment.IsDevelopment();

    private readonly ILogger _logger = loggerFactory.CreateLogger<ShellContainerFactory>();

    private readonly SharedShellRouting _routing = new(loggerFactory, hostServices.Provider?.GetService<DiagnosticListener>());

    /// <summary>Sets of endpoints (and their matcher) shared by shells now, for tests and diagnostics.</summary>
    internal int SharedRoutingCount => _routing.Count;

    public ShellContext Build(ShellSettings settings, IConfiguration configuration, IReadOnlyList<FeatureDescriptor> features)
    {
        var stopwatch = Stopwatch.StartNew();
        var services = new ServiceCollection();
        foreach (var descriptor in hostServices.Inherited)
        {
            ((ICollection<ServiceDescriptor>)services).Add(descriptor);
        }

        var tenant = new ShellTenant(settings, configuration);
        services.AddSingleton(settings);
        services.AddSingleton<ITenant>(tenant);
        services.AddSingleton(configuration);
        services.AddSingleton<IShellFeatures>(new ShellFeatures(features));
        AddShellFrameworks(services, settings, configuration, features);

        var startups = CreateStartups(features, tenant, configuration);
        foreach (var feature in features)
        {
            foreach (var (service, implementation) in feature.Contributions)
            {
                services.TryAddEnumerable(ServiceDescriptor.Scoped(service, implementation));
            }
        }

        foreach (var (feature, startup) in startups)
        {
            try
            {
                startup.ConfigureServices(services);
            }
            catch (Exception ex)
            {
                throw new ShellBuildException(
                    $"Feature '{feature.Id}' (module '{feature.ModuleId}') failed in {startup.GetType().Name}.ConfigureServices: {ex.Message}", ex);
            }
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = _validateScopes });
        var shell = new ShellContext(settings, provider, features, [.. startups.Select(s => s.Startup)], clock);
        try
        {
            (shell.Pipeline, shell.Routing) = BuildPipeline(provider, features, startups);
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        shell.BuildDuration = stopwatch.Elapsed;
        shell.ActivatedUtc = clock.GetUtcNow();
        _logger.LogDebug("Built shell for tenant {Tenant} with {FeatureCount} features in {Elapsed} ms", settings.Name, features.Count, stopwatch.Elapsed.TotalMilliseconds);
        return shell;
    }

    private void AddShellFrameworks(IServiceCollection services, ShellSettings settings, IConfiguration configuration, IReadOnlyList<FeatureDescriptor> features)
    {
        services.AddRouting();

        // The endpoints the shell routes to, perhaps shared with other shells: what link generation and the
        // authorisation policy cache read instead of the route options' data sources.
        services.AddSingleton<ShellEndpoints>();
        services.Replace(ServiceDescriptor.Singleton<EndpointDataSource>(sp => sp.GetRequiredService<ShellEndpoints>()));
        services.AddLocalization();
        services.AddProblemDetails();
        services.AddRazorComponents();
        TenantCulture.Configure(services, settings);

        // Security is per tenant: its own data-protection purpose (cookies and tokens of one tenant mean nothing to
        // another), cookie names and paths, authentication schemes, policies and rate-limit counters.
        var dataProtection = hostServices.Provider!.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("GovPlatform.Tenant", settings.Name);
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(dataProtection));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = TenantCookies.Name(settings.Name, "af");
            options.Cookie.Path = TenantCookies.Path(settings.UrlPrefix);
        });
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddSingleton(new TenantRateLimiting.TenantLimits(settings.Name, configuration));
        services.TryAddSingleton<IGridScopeEvaluator, SameUnitGridScopeEvaluator>();
        services.TryAddSingleton<IMessageSender, LoggingMessageSender>();
        services.AddSingleton<IThemeSelector, ThemeSelector>();
        services.AddScoped<INavigationService, NavigationService>();
        services.AddScoped<IDataModel, AuditDataModel>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddSingleton<ITenantFiles>(new TenantFiles(Path.Combine(paths.TenantDataPath(settings.Name), "files")));

        services.AddFeatureManagement();
        services.Replace(ServiceDescriptor.Singleton<IFeatureDefinitionProvider>(sp =>
            new ShellFeatureDefinitionProvider(sp.GetRequiredService<IConfiguration>(), features, catalog.FeatureIds)));

        services.AddScoped<IRecipeStep, SettingsRecipeStep>();
        services.AddScoped<IRecipeStep, CalendarRecipeStep>();

        // The tenant's data: its database, one EF Core context per scope, and the document store over it.
        var database = databases.Get(settings);
        services.AddSingleton(database);
        services.AddSingleton<ITenantDatabase>(database);
        services.AddDbContext<TenantDbContext>(database.Configure);
        services.AddScoped<IDocumentStore, DocumentStore>();

        // The tenant's working calendar: kept by the shell, so a new shell (another time zone) starts afresh.
        services.AddSingleton<WorkingCalendarCache>();
        services.AddScoped<IWorkingCalendarStore, WorkingCalendarStore>();
    }

    private static List<(FeatureDescriptor Feature, ModuleStartup Startup)> CreateStartups(
        IReadOnlyList<FeatureDescriptor> features, ITenant tenant, IConfiguration configuration)
    {
        var result = new List<(FeatureDescriptor, ModuleStartup)>();
        foreach (var feature in features)
        {
            foreach (var type in feature.StartupTypes)
            {
                try
                {
                    result.Add((feature, CreateStartup(type, tenant, configuration)));
                }
                catch (Exception ex)
                {
                    throw new ShellBuildException(
                        $"Feature '{feature.Id}' (module '{feature.ModuleId}'): its startup {type.Name} could not be created: {ex.Message}", ex);
                }
            }
        }

        // Lower Order first; for equal Order the features' dependency order decides.
        return [.. result.OrderBy(s => s.Item2.Order).ThenBy(s => s.Item1.Order)];
    }

    private static ModuleStartup CreateStartup(Type type, ITenant tenant, IConfiguration configuration)
    {
        // A startup may ask for the tenant and its configuration in its constructor, nothing else.
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(ITenant) => tenant,
            var t when t == typeof(IConfiguration) => (object)configuration,
            var t => throw new InvalidOperationException($"a startup constructor can take ITenant and IConfiguration only, not {t.Name}"),
        }).ToArray();
        return (ModuleStartup)constructor.Invoke(arguments);
    }

    private static bool HasCredentials(Microsoft.AspNetCore.Http.HttpContext context) =>
        context.Request.Headers.ContainsKey("Cookie") || context.Request.Headers.ContainsKey("Authorization");

    private (Microsoft.AspNetCore.Http.RequestDelegate Pipeline, SharedShellRouting.Lease? Routing) BuildPipeline(
        IServiceProvider provider, IReadOnlyList<FeatureDescriptor> features, List<(FeatureDescriptor Feature, ModuleStartup Startup)> startups)
    {
        // Shells with the same features map the same endpoints: the first builds them and the routing over them, the next
        // ones reuse that (see SharedShellRouting). A tenant setting that endpoints are built from is an IEndpointVariant.
        var variants = provider.GetServices<IEndpointVariant>().Select(v => v.Value).Order(StringComparer.Ordinal);
        // A module loaded from a package at run time is told apart by its build: an upgraded one maps its own endpoints.
        var key = string.Join(',', features.Select(f => f.Module.Assembly.IsCollectible ? $"{f.Id}@{f.Module.Assembly.ManifestModule.ModuleVersionId:N}" : f.Id))
            + "|" + string.Join(',', variants);
        var lease = _routing.TryAcquire(key);
        if (lease is not null && !SharedShellRouting.Matches(provider, lease))
        {
            lease.Dispose();
            return (BuildOwnPipeline(provider, startups), null);
        }

        try
        {
            // Authentication comes before localisation (a signed-in user's preferred culture counts) and authorisation
            // after it (so that a refusal is written in the user's language).
            var app = new ApplicationBuilder(provider);
            AddShellMiddleware(app, provider);
            var mapped = lease is null ? new List<EndpointDataSource>() : (ICollection<EndpointDataSource>)new DiscardedDataSources();
            ConfigureFeatures(app, new ShellEndpointRouteBuilder(provider, mapped), provider, startups);
            app.UseAntiforgery();

            if (lease is null)
            {
                // Built here, while the shell that maps them is alive, and kept as a plain list: the data sources that
                // mapped them hold this shell's container.
                var endpoints = mapped.SelectMany(source => source.Endpoints).ToArray();
                lease = _routing.Publish(key, endpoints);
                if (!SharedShellRouting.Matches(provider, lease))
                {
                    lease.Dispose();
                    lease = null;
                    return (BuildOwnPipeline(provider, startups), null);
                }
            }

            var entry = lease.Entry;
            provider.GetRequiredService<ShellEndpoints>().Source = entry.Endpoints;
            app.Run(entry.EndpointStage);
            var continuation = new ShellRoutingContinuation(app.Build());
            var routing = entry.Routing;
            return (context =>
            {
                context.Features.Set(continuation);
                return routing(context);
            }, lease);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }
    }

    /// <summary>A pipeline with routing of its own, for a shell whose routing services differ from the shared routing's.</summary>
    private static Microsoft.AspNetCore.Http.RequestDelegate BuildOwnPipeline(
        IServiceProvider provider, List<(FeatureDescriptor Feature, ModuleStartup Startup)> startups)
    {
        var app = new ApplicationBuilder(provider);
        app.UseRouting();
        AddShellMiddleware(app, provider);
        app.UseEndpoints(endpoints =>
        {
            ConfigureFeatures(app, endpoints, provider, startups);
            app.UseAntiforgery();
            provider.GetRequiredService<ShellEndpoints>().Source = new CompositeEndpointDataSource(endpoints.DataSources);
        });
        return app.Build();
    }

    private static void AddShellMiddleware(ApplicationBuilder app, IServiceProvider provider)
    {
        // A request without a cookie or an Authorization header carries no credentials: it is anonymous without
        // asking the authentication handlers (8 % of a trivial request's CPU time).
        app.UseWhen(HasCredentials, branch => branch.UseAuthentication());
        app.UseRequestLocalization();
        app.UseAuthorization();
        var limiter = provider.GetRequiredService<TenantRateLimiting>();
        var limits = provider.GetRequiredService<TenantRateLimiting.TenantLimits>();
        app.Use(next => context => limiter.InvokeAsync(context, limits, next));
    }

    private static void ConfigureFeatures(
        IApplicationBuilder app, IEndpointRouteBuilder endpoints, IServiceProvider provider, List<(FeatureDescriptor Feature, ModuleStartup Startup)> startups)
    {
        TenantCulture.MapSwitch(endpoints);
        foreach (var (feature, startup) in startups)
        {
            try
            {
                startup.Configure(app, endpoints, provider);
            }
            catch (Exception ex)
            {
                throw new ShellBuildException(
                    $"Feature '{feature.Id}' (module '{feature.ModuleId}') failed in {startup.GetType().Name}.Configure: {ex.Message}", ex);
            }
        }
    }
}
