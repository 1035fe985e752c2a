using System.Text.Json.Nodes;
using GovPlatform.Core.Data;
using GovPlatform.Core.Data.Migrations;
using GovPlatform.Core.Modules;
using GovPlatform.Core.State;
using GovPlatform.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Shells;

/// <summary>Builds shells from a tenant's settings and features, and plans and carries out feature changes.</summary>
public sealed class ShellBuilder(
    ModuleCatalog catalog,
    ShellSettingsFactory settingsFactory,
    ShellStateStore stateStore,
    ShellContainerFactory containers,
    TenantDatabaseFactory databases,
    TenantMigrator migrator,
    TimeProvider clock,
    ILogger<ShellBuilder> logger)
{
    /// <summary>The tenant's stored feature set made whole: always-enabled features and dependencies added, unknown or forbidden ones dropped.</summary>
    public async Task<IReadOnlyList<FeatureDescriptor>> LoadFeaturesAsync(ShellSettings settings, CancellationToken cancellationToken)
    {
        var stored = await stateStore.LoadFeaturesAsync(settings, cancellationToken) ?? [];
        var known = new List<string>();
        foreach (var id in stored)
        {
            var feature = catalog.Find(id);
            if (feature is null)
            {
                logger.LogWarning("Tenant {Tenant}: stored feature {Feature} is not in the module catalog and is ignored", settings.Name, id);
            }
            else if (feature.DefaultTenantOnly && !settings.IsDefault)
            {
                logger.LogWarning("Tenant {Tenant}: stored feature {Feature} is for the Default tenant only and is ignored", settings.Name, id);
            }
            else
            {
                known.Add(id);
            }
        }

        return catalog.WithDependencies(known.Concat(catalog.Features.Where(f => f.AlwaysEnabled).Select(f => f.Id)));
    }

    /// <summary>
    /// Brings the enabled features' tables up to date. A feature whose migration fails is rolled back and disabled,
    /// with its dependents; its error is stored for the admin. Returns the features that can run.
    /// </summary>
    public async Task<IReadOnlyList<FeatureDescriptor>> MigrateAsync(ShellSettings settings, IReadOnlyList<FeatureDescriptor> features, CancellationToken cancellationToken)
    {
        var failures = await MigrateFeaturesAsync(settings, features, cancellationToken);
        if (failures.Count == 0)
        {
            return features;
        }

        var failed = catalog.WithDependents(failures.Keys, features.Select(f => f.Id)).ToHashSet();
        var remaining = features.Where(f => !failed.Contains(f)).ToList();
        foreach (var feature in failed.Where(f => f.AlwaysEnabled))
        {
            throw new ShellBuildException($"Feature '{feature.Id}' is always enabled, and its migration failed: {failures.GetValueOrDefault(feature.Id)?.Message ?? "a dependency's migration failed."}");
        }

        logger.LogError("Tenant {Tenant}: features [{Features}] are disabled because a migration failed", settings.Name, string.Join(", ", failed));
        await stateStore.SaveFeaturesAsync(settings, remaining.Select(f => f.Id), cancellationToken);
        return remaining;
    }

    /// <summary>Runs the features' pending migrations, records failures (and clears errors of those that now pass).</summary>
    public async Task<IReadOnlyDictionary<string, MigrationFailedException>> MigrateFeaturesAsync(
        ShellSettings settings, IReadOnlyList<FeatureDescriptor> features, CancellationToken cancellationToken)
    {
        var withMigrations = features.Where(f => f.Migrations.Count > 0).ToList();
        if (withMigrations.Count == 0)
        {
            return new Dictionary<string, MigrationFailedException>();
        }

        var failures = await migrator.MigrateAsync(
            databases.Get(settings), [.. withMigrations.Select(f => (f.Id, (IReadOnlyList<MigrationDescriptor>)f.Migrations))], cancellationToken: cancellationToken);
        var errors = await stateStore.LoadFeatureErrorsAsync(settings, cancellationToken);
        var changed = false;
        foreach (var feature in withMigrations)
        {
            if (failures.TryGetValue(feature.Id, out var failure))
            {
                errors[feature.Id] = new JsonObject
                {
                    ["error"] = failure.Message,
                    ["version"] = failure.Version,
                    ["atUtc"] = clock.GetUtcNow().UtcDateTime,
                };
                changed = true;
            }
            else
            {
                changed |= errors.Remove(feature.Id);
            }
        }

        if (changed)
        {
            await stateStore.SaveFeatureErrorsAsync(settings, errors, cancellationToken);
        }

        return failures;
    }

    public async Task<ShellContext> BuildAsync(ShellSettings settings, IReadOnlyList<FeatureDescriptor> features, CancellationToken cancellationToken)
    {
        var siteSettings = await stateStore.LoadSiteSettingsAsync(settings, cancellationToken);
        var configuration = settingsFactory.BuildConfiguration(settings.Name, settings.Definition, siteSettings);
        return containers.Build(settings, configuration, features);
    }

    /// <summary>Works out a change without making it: dependencies of what is enabled come along, dependents of what is disabled go too.</summary>
    public FeaturePlan Plan(ShellSettings settings, IReadOnlyList<FeatureDescriptor> current, IEnumerable<string> enable, IEnumerable<string> disable)
    {
        var errors = new List<string>();
        var enableIds = enable.Distinct().ToList();
        var disableIds = disable.Distinct().ToList();
        foreach (var id in enableIds.Concat(disableIds).Where(id => catalog.Find(id) is null))
        {
            errors.Add($"Unknown feature '{id}'.");
        }

        if (errors.Count > 0)
        {
            return new FeaturePlan(current, [], [], current, errors);
        }

        var currentIds = current.Select(f => f.Id).ToHashSet();
        var toEnable = catalog.WithDependencies(enableIds).Where(f => !currentIds.Contains(f.Id)).ToList();
        foreach (var feature in toEnable.Where(f => f.DefaultTenantOnly && !settings.IsDefault))
        {
            errors.Add($"Feature '{feature.Id}' can only be enabled on the Default tenant.");
        }

        var afterEnable = currentIds.Union(toEnable.Select(f => f.Id)).ToList();
        var toDisable = disableIds.Count == 0 ? [] : catalog.WithDependents(disableIds, afterEnable).Where(f => afterEnable.Contains(f.Id)).ToList();
        foreach (var feature in toDisable.Where(f => f.AlwaysEnabled))
        {
            errors.Add($"Feature '{feature.Id}' is always enabled and cannot be disabled.");
        }

        foreach (var feature in toDisable.Where(f => enableIds.Contains(f.Id)))
        {
            errors.Add($"Feature '{feature.Id}' would be both enabled and disabled by this change.");
        }

        var result = catalog.Features.Where(f => afterEnable.Contains(f.Id) && !toDisable.Contains(f)).ToList();
        return new FeaturePlan(current, toEnable, toDisable, result, errors);
    }

    /// <summary>
    /// Migrates the features it enables, builds the shell the plan leads to, asks the features' handlers (Disabling in the old shell, Enabling in the new),
    /// and stores the new set. The new shell is returned unpublished; on any failure nothing has changed.
    /// </summary>
    public async Task<ShellContext> ApplyAsync(ShellContext current, FeaturePlan plan, CancellationToken cancellationToken)
    {
        if (!plan.IsValid)
        {
            throw new InvalidOperationException(string.Join(" ", plan.Errors));
        }

        // New features get their tables first; a failed migration is rolled back and the change does not happen.
        var failures = await MigrateFeaturesAsync(current.Settings, plan.ToEnable, cancellationToken);
        if (failures.Count > 0)
        {
            throw failures.Values.First();
        }

        var next = await BuildAsync(current.Settings, plan.Result, cancellationToken);
        try
        {
            await RaiseAsync(current, plan.ToDisable, (h, f) => h.DisablingAsync(f, cancellationToken));
            await RaiseAsync(next, plan.ToEnable, (h, f) => h.EnablingAsync(f, cancellationToken));
            await stateStore.SaveFeaturesAsync(current.Settings, plan.Result.Select(f => f.Id), cancellationToken);
            return next;
        }
        catch
        {
            await next.DisposeAsync();
            throw;
        }
    }

    /// <summary>After the new shell is published: Enabled in the new shell, Disabled in the old one. Failures are logged, not undone.</summary>
    public async Task CompleteAsync(ShellContext previous, ShellContext next, FeaturePlan plan, CancellationToken cancellationToken)
    {
        try
        {
            await RaiseAsync(next, plan.ToEnable, (h, f) => h.EnabledAsync(f, cancellationToken));
            await RaiseAsync(previous, plan.ToDisable, (h, f) => h.DisabledAsync(f, cancellationToken));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Tenant {Tenant}: a feature event handler failed after the change", next.Settings.Name);
        }
    }

    private static async Task RaiseAsync(ShellContext shell, IReadOnlyList<FeatureDescriptor> features, Func<IFeatureEventHandler, FeatureDescriptor, Task> raise)
    {
        if (features.Count == 0)
        {
            return;
        }

        await using var scope = shell.ServiceProvider.CreateAsyncScope();
        var handlers = scope.ServiceProvider.GetServices<IFeatureEventHandler>().ToList();
        foreach (var feature in features)
        {
            foreach (var handler in handlers)
            {
                await raise(handler, feature);
            }
        }
    }
}
