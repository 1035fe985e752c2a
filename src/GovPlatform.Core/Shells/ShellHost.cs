using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using GovPlatform.Core.Data;
using GovPlatform.Core.Data.Archives;
using GovPlatform.Core.Data.Migrations;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Notifications;
using GovPlatform.Core.Recipes;
using GovPlatform.Core.State;
using GovPlatform.Core.Tenants;
using GovPlatform.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovPlatform.Core.Shells;

/// <summary>
/// Holds every tenant of the host and its shell: lazy single-flight activation, atomic swaps on change, release of
/// idle shells, and the tenant operations of the host API. One per host.
/// </summary>
public sealed class ShellHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ShellSlot> _slots = new(StringComparer.Ordinal);
    private readonly ShellSettingsFactory _settingsFactory;
    private readonly TenantStore _store;
    private readonly TenantSeedReader _seeds;
    private readonly ShellStateStore _stateStore;
    private readonly ShellBuilder _builder;
    private readonly TenantDatabaseFactory _databases;
    private readonly TenantStorage _storage;
    private readonly TenantArchiver _archiver;
    private readonly RecipeCatalog _recipes;
    private readonly RecipeExecutor _recipeExecutor;
    private readonly ITenantChangeNotifier _notifier;
    private readonly HostPaths _paths;
    private readonly GovPlatformOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ShellHost> _logger;
    private readonly Histogram<double> _activationDuration;
    private readonly Counter<long> _activations;
    private readonly Lock _routesGate = new();
    private IDisposable? _subscription;
    private volatile TenantRouteTable _routes = TenantRouteTable.Empty;

    public ShellHost(
        ShellSettingsFactory settingsFactory,
        TenantStore store,
        TenantSeedReader seeds,
        ShellStateStore stateStore,
        ShellBuilder builder,
        TenantDatabaseFactory databases,
        TenantStorage storage,
        TenantArchiver archiver,
        RecipeCatalog recipes,
        RecipeExecutor recipeExecutor,
        ITenantChangeNotifier notifier,
        HostPaths paths,
        IOptions<GovPlatformOptions> options,
        IMeterFactory meterFactory,
        TimeProvider clock,
        ILogger<ShellHost> logger)
    {
        _settingsFactory = settingsFactory;
        _store = store;
        _seeds = seeds;
        _stateStore = stateStore;
        _builder = builder;
        _databases = databases;
        _storage = storage;
        _archiver = archiver;
        _recipes = recipes;
        _recipeExecutor = recipeExecutor;
        _notifier = notifier;
        _paths = paths;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        var meter = meterFactory.Create("GovPlatform.Shells");
        _activationDuration = meter.CreateHistogram<double>("govplatform.shell.activation.duration", "ms", "Time to build a tenant's shell on its first request.");
        _activations = meter.CreateCounter<long>("govplatform.shell.activations", description: "Shells built on demand.");
        meter.CreateObservableGauge("govplatform.shell.active", () => _slots.Values.Count(s => s.Current is not null), description: "Tenants with a built shell.");
    }

    public TenantRouteTable Routes => _routes;

    public IReadOnlyList<ShellSettings> Tenants => [.. _slots.Values.Select(s => s.Settings).OrderBy(s => s.Name, StringComparer.Ordinal)];

    public ShellSettings? Find(string name) => _slots.TryGetValue(name, out var slot) ? slot.Settings : null;

    /// <summary>The tenant's current shell if one is built, without activating it.</summary>
    public ShellContext? Peek(string name) => _slots.TryGetValue(name, out var slot) ? slot.Current : null;

    /// <summary>
    /// The shells built now for running tenants, without activating any: an idle or released tenant has none. A
    /// caller that works in one enters it first (<see cref="ShellContext.TryEnter(bool)"/>) and skips it when that fails.
    /// </summary>
    public IReadOnlyList<ShellContext> GetActiveShells()
    {
        var shells = new List<ShellContext>();
        foreach (var slot in _slots.Values)
        {
            if (slot.Current is { IsReleased: false } shell && slot.Settings.State == TenantState.Running)
            {
                shells.Add(shell);
            }
        }

        return shells;
    }

    /// <summary>Loads the host store, seeds it from <c>tenants/</c>, and lists every tenant. Shells are built later, on demand.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _store.LoadAsync(cancellationToken);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var seed in _seeds.ReadAll())
        {
            if (stored.Definitions.ContainsKey(seed.Name) || stored.Removed.Contains(seed.Name))
            {
                if (seed.Error is not null && stored.Definitions.ContainsKey(seed.Name))
                {
                    _logger.LogWarning("Tenant {Tenant}: {File} is {Error}; the stored definition is used", seed.Name, seed.Path, seed.Error);
                }

                continue;
            }

            if (seed.Error is not null)
            {
                var invalid = ShellSettingsFactory.Invalid(seed.Name, null, seed.Path, $"{seed.Path}: {seed.Error}");
                _slots[seed.Name] = new ShellSlot(invalid);
                _logger.LogError("Tenant {Tenant} is invalid: {File}: {Error}", seed.Name, seed.Path, seed.Error);
                continue;
            }

            await _store.SaveAsync(seed.Name, seed.Definition!, cancellationToken);
            stored.Definitions[seed.Name] = seed.Definition!;
            sources[seed.Name] = seed.Path;
            _logger.LogInformation("Tenant {Tenant} seeded from {File}", seed.Name, seed.Path);
        }

        foreach (var (name, definition) in stored.Definitions)
        {
            var settings = _settingsFactory.Create(name, definition, sources.GetValueOrDefault(name, _store.FilePath));
            if (settings.State == TenantState.Invalid)
            {
                _logger.LogError("Tenant {Tenant} is invalid: {Source}: {Error}", name, settings.Source, settings.Error);
            }

            _slots[name] = new ShellSlot(settings);
        }

        RebuildRoutes();
        _subscription = _notifier.Subscribe(OnChangeAsync);
    }

    /// <summary>Returns the tenant's shell with the caller counted in (call <see cref="ShellContext.Exit"/> when done), building it on first use.</summary>
    public ValueTask<ShellContext> EnterAsync(string name, CancellationToken cancellationToken = default) => EnterAsync(name, countsAsUse: true, cancellationToken);

    /// <summary>
    /// As <see cref="EnterAsync(string, CancellationToken)"/>; with <paramref name="countsAsUse"/> false (background
    /// work) neither the entry nor an activation it causes counts as use: the shell's <see cref="ShellContext.LastUsedUtc"/>
    /// is left as it was (a shell built here keeps its build time), so the idle releaser releases it as any unused shell,
    /// and a shell built here is marked <see cref="ShellContext.IsWokenForBackground"/> until something uses it.
    /// </summary>
    public ValueTask<ShellContext> EnterAsync(string name, bool countsAsUse, CancellationToken cancellationToken = default)
    {
        // The path of nearly every request: the shell is built and running; no task, no state machine.
        var current = GetSlot(name).Current;
        return current is not null && current.TryEnter(countsAsUse)
            ? ValueTask.FromResult(current)
            : new ValueTask<ShellContext>(EnterSlowAsync(name, countsAsUse, cancellationToken));
    }

    private async Task<ShellContext> EnterSlowAsync(string name, bool countsAsUse, CancellationToken cancellationToken)
    {
        while (true)
        {
            var slot = GetSlot(name);
            var current = slot.Current;
            if (current is not null && current.TryEnter(countsAsUse))
            {
                return current;
            }

            Task<ShellContext> pending;
            lock (slot.Gate)
            {
                if (slot.Current is { IsReleased: false } fresh && fresh != current)
                {
                    continue;
                }

                var settings = slot.Settings;
                if (settings.State != TenantState.Running)
                {
                    throw new ShellActivationException($"Tenant '{name}' is {settings.State}.");
                }

                // Single flight: whoever starts the activation decides whether it is for use; a request that joins one
                // started for background work enters as use below, which clears the shell's mark.
                pending = slot.Pending ??= Task.Run(() => ActivateAsync(slot, settings, forUse: countsAsUse), CancellationToken.None);
            }

            var shell = await pending.WaitAsync(cancellationToken);
            if (shell.TryEnter(countsAsUse))
            {
                return shell;
            }
        }
    }

    private async Task<ShellContext> ActivateAsync(ShellSlot slot, ShellSettings settings, bool forUse)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var features = await _builder.LoadFeaturesAsync(settings, CancellationToken.None);
            features = await _builder.MigrateAsync(settings, features, CancellationToken.None);
            var shell = await _builder.BuildAsync(settings, features, CancellationToken.None);
            if (!forUse)
            {
                shell.MarkWokenForBackground();
            }

            lock (slot.Gate)
            {
                slot.Pending = null;
                if (slot.Settings != settings)
                {
                    // The tenant changed while its shell was being built: this one is already stale.
                    shell.Release();
                }
                else
                {
                    slot.Current = shell;
                }
            }

            _activations.Add(1);
            _activationDuration.Record(stopwatch.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("tenant", settings.Name));
            if (forUse)
            {
                _logger.LogInformation("Tenant {Tenant} activated with {FeatureCount} features in {Elapsed:F1} ms", settings.Name, features.Count, stopwatch.Elapsed.TotalMilliseconds);
            }
            else
            {
                _logger.LogInformation("Tenant {Tenant} activated for background tasks with {FeatureCount} features in {Elapsed:F1} ms", settings.Name, features.Count, stopwatch.Elapsed.TotalMilliseconds);
            }

            return shell;
        }
        catch (Exception ex)
        {
            lock (slot.Gate)
            {
                slot.Pending = null;
            }

            if (ex is TenantUnavailableException || DatabaseErrors.IsUnavailable(ex))
            {
                // Not the tenant's fault: the next request tries again.
                _logger.LogWarning(ex, "Tenant {Tenant}: its database is unavailable; activation will be retried", settings.Name);
                throw ex as TenantUnavailableException ?? new TenantUnavailableException(settings.Name, ex);
            }

            var message = MarkInvalid(slot, settings, ex);
            throw new ShellActivationException($"Tenant '{settings.Name}' failed to start: {message}", ex);
        }
    }

    public async Task<IReadOnlyList<FeatureDescriptor>> GetEnabledFeaturesAsync(string name, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        return slot.Current is { IsReleased: false } shell ? shell.Features : await _builder.LoadFeaturesAsync(slot.Settings, cancellationToken);
    }

    /// <summary>Each feature's applied migration version and last migration error, for the admin.</summary>
    public async Task<(IReadOnlyDictionary<string, long> Applied, JsonObject Errors)> GetMigrationStateAsync(string name, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        var database = _databases.Get(slot.Settings);
        try
        {
            await _storage.EnsureCreatedAsync(database, cancellationToken);
            return (await TenantMigrator.GetAppliedAsync(database, cancellationToken), await _stateStore.LoadFeatureErrorsAsync(slot.Settings, cancellationToken));
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            throw new TenantOperationException(503, "Database unavailable", $"The tenant's database cannot be reached: {ex.GetBaseException().Message}");
        }
    }

    /// <summary>What enabling and disabling these features would do, without doing it.</summary>
    public async Task<FeaturePlan> PlanFeaturesAsync(string name, IEnumerable<string> enable, IEnumerable<string> disable, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        return _builder.Plan(slot.Settings, await GetEnabledFeaturesAsync(name, cancellationToken), enable, disable);
    }

    /// <summary>Enables and disables features of a running tenant: builds the new shell, swaps it in, and lets the old one drain.</summary>
    public async Task<FeaturePlan> ChangeFeaturesAsync(string name, IEnumerable<string> enable, IEnumerable<string> disable, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        await slot.ChangeLock.WaitAsync(cancellationToken);
        try
        {
            RequireState(slot.Settings, TenantState.Running);
            var current = await EnterAsync(name, cancellationToken);
            try
            {
                var plan = _builder.Plan(slot.Settings, current.Features, enable, disable);
                if (!plan.IsValid)
                {
                    throw new TenantOperationException(409, "Feature change refused", string.Join(" ", plan.Errors));
                }

                if (plan.IsEmpty)
                {
                    return plan;
                }

                ShellContext next;
                try
                {
                    next = await _builder.ApplyAsync(current, plan, cancellationToken);
                }
                catch (MigrationFailedException ex)
                {
                    throw new TenantOperationException(500, "Migration failed", $"{ex.Message} The tenant keeps its features.");
                }
                catch (Exception ex) when (ex is TenantUnavailableException || DatabaseErrors.IsUnavailable(ex))
                {
                    throw new TenantOperationException(503, "Database unavailable", $"The tenant's database cannot be reached: {ex.GetBaseException().Message}");
                }
                catch (ShellBuildException ex)
                {
                    _logger.LogError(ex, "Tenant {Tenant}: feature change failed; the tenant keeps its features", name);
                    throw new TenantOperationException(500, "Feature change failed", ex.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not TenantOperationException)
                {
                    _logger.LogWarning(ex, "Tenant {Tenant}: a feature event handler refused the change", name);
                    throw new TenantOperationException(409, "Feature change refused", $"A module refused the change: {ex.Message}");
                }

                Publish(slot, next);
                await _builder.CompleteAsync(current, next, plan, cancellationToken);
                _logger.LogInformation("Tenant {Tenant}: enabled [{Enabled}], disabled [{Disabled}]", name,
                    string.Join(", ", plan.ToEnable), string.Join(", ", plan.ToDisable));
                await NotifyAsync(TenantChangeKind.FeaturesChanged, name, cancellationToken);
                return plan;
            }
            finally
            {
                current.Exit();
            }
        }
        finally
        {
            slot.ChangeLock.Release();
        }
    }

    /// <summary>Merges a patch into the tenant's site settings (its own configuration) and swaps in a shell that sees it.</summary>
    public async Task UpdateSiteSettingsAsync(string name, JsonObject patch, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        await slot.ChangeLock.WaitAsync(cancellationToken);
        try
        {
            RequireState(slot.Settings, TenantState.Running);
            var siteSettings = await _stateStore.LoadSiteSettingsAsync(slot.Settings, cancellationToken);
            SiteSettings.Merge(siteSettings, patch);
            await _stateStore.SaveSiteSettingsAsync(slot.Settings, siteSettings, cancellationToken);
            await RebuildAsync(slot, cancellationToken);
        }
        finally
        {
            slot.ChangeLock.Release();
        }

        await NotifyAsync(TenantChangeKind.SettingsChanged, name, cancellationToken);
    }

    /// <summary>Runs the tenant's recipe (or the one named) on an uninitialised tenant. Returns the failure, or null when it is running.</summary>
    public async Task<SetupFailure?> SetupAsync(string name, string? recipeName = null, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        await slot.ChangeLock.WaitAsync(cancellationToken);
        try
        {
            var settings = slot.Settings;
            if (settings.State == TenantState.Running)
            {
                return null;
            }

            RequireState(settings, TenantState.Uninitialized);
            recipeName ??= settings.Recipe;
            var recipe = (recipeName is null ? null : _recipes.Find(recipeName))
                ?? throw new TenantOperationException(400, "Recipe not found", recipeName is null
                    ? $"Tenant '{name}' names no recipe; give one."
                    : $"No recipe named '{recipeName}'. Available: {string.Join(", ", _recipes.List().Keys)}.");

            SetSettings(slot, settings with { State = TenantState.Initializing });
            _logger.LogInformation("Tenant {Tenant}: set-up with recipe {Recipe} started", name, recipe.Name);
            var failure = await _recipeExecutor.RunAsync(settings with { State = TenantState.Initializing }, recipe, cancellationToken);

            var definition = (JsonObject)settings.Definition.DeepClone();
            definition["Recipe"] = recipe.Name;
            if (failure is null)
            {
                definition["State"] = nameof(TenantState.Running);
                definition.Remove("SetupError");
                _logger.LogInformation("Tenant {Tenant}: set-up with recipe {Recipe} succeeded", name, recipe.Name);
            }
            else
            {
                definition["State"] = nameof(TenantState.Uninitialized);
                definition["SetupError"] = System.Text.Json.JsonSerializer.SerializeToNode(failure);
            }

            await SaveDefinitionAsync(slot, definition, cancellationToken);
            await NotifyAsync(TenantChangeKind.StateChanged, name, cancellationToken);
            return failure;
        }
        catch
        {
            if (slot.Settings.State == TenantState.Initializing)
            {
                SetSettings(slot, _settingsFactory.Create(name, slot.Settings.Definition, slot.Settings.Source));
            }

            throw;
        }
        finally
        {
            slot.ChangeLock.Release();
        }
    }

    /// <summary>Adds a tenant from a definition (name, prefix or host names, culture…), persisted in the host store.</summary>
    public async Task<ShellSettings> CreateAsync(JsonObject definition, CancellationToken cancellationToken = default)
    {
        var name = (string?)definition["Name"];
        if (TenantNames.ValidateNewName(name) is { } nameError)
        {
            throw new TenantOperationException(400, "Invalid tenant name", nameError);
        }

        definition = (JsonObject)definition.DeepClone();
        definition["State"] = nameof(TenantState.Uninitialized);
        definition.Remove("SetupError");
        var settings = _settingsFactory.Create(name!, definition, _store.FilePath);
        if (settings.State == TenantState.Invalid)
        {
            throw new TenantOperationException(400, "Invalid tenant definition", settings.Error!);
        }

        if (settings.Recipe is not null && _recipes.Find(settings.Recipe) is null)
        {
            throw new TenantOperationException(400, "Recipe not found", $"No recipe named '{settings.Recipe}'. Available: {string.Join(", ", _recipes.List().Keys)}.");
        }

        lock (_routesGate)
        {
            if (_slots.ContainsKey(name!))
            {
                throw new TenantOperationException(409, "Tenant exists", $"A tenant named '{name}' already exists.");
            }

            if (_routes.FindClash(settings) is { } other)
            {
                throw new TenantOperationException(409, "Address in use", $"Tenant '{other.Name}' already answers at this host name and prefix.");
            }

            _slots[name!] = new ShellSlot(settings);
            _routes = new TenantRouteTable(_slots.Values.Select(s => s.Settings));
        }

        try
        {
            // The tenant's file, schema or database exists from the start, so a bad connection shows now, not at set-up.
            await _storage.EnsureCreatedAsync(_databases.Get(settings), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lock (_routesGate)
            {
                _slots.TryRemove(name!, out _);
                _routes = new TenantRouteTable(_slots.Values.Select(s => s.Settings));
            }

            _logger.LogError(ex, "Tenant {Tenant}: its database could not be created", name);
            throw DatabaseErrors.IsUnavailable(ex)
                ? new TenantOperationException(503, "Database unavailable", $"The tenant's database cannot be reached: {ex.GetBaseException().Message}")
                : new TenantOperationException(400, "Database could not be created", ex.GetBaseException().Message);
        }

        await _store.SaveAsync(name!, definition, cancellationToken);
        await NotifyAsync(TenantChangeKind.Created, name!, cancellationToken);
        return settings;
    }

    /// <summary>Writes the tenant's definition, data and files to <paramref name="output"/> as a zip archive.</summary>
    public async Task<ArchiveManifest> ExportAsync(string name, Stream output, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        await slot.ChangeLock.WaitAsync(cancellationToken);
        try
        {
            return await ExportCoreAsync(slot.Settings, output, cancellationToken);
        }
        finally
        {
            slot.ChangeLock.Release();
        }
    }

    /// <summary>
    /// Restores an archive as a new tenant, on the provider its definition (with <paramref name="overrides"/>) names.
    /// The target database must be empty; on any failure nothing is left behind.
    /// </summary>
    public async Task<ShellSettings> ImportAsync(Stream archive, string? name, JsonObject? overrides, CancellationToken cancellationToken = default)
    {
        ZipArchive zip;
        ArchiveManifest manifest;
        JsonObject definition;
        try
        {
            zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            (manifest, definition) = TenantArchiver.Read(zip);
        }
        catch (InvalidDataException ex)
        {
            throw new TenantOperationException(400, "Invalid archive", ex.Message);
        }

        using var archiveScope = zip;
        var problems = _archiver.CheckCompatibility(manifest);
        if (problems.Count > 0)
        {
            throw new TenantOperationException(400, "Archive cannot be restored here", string.Join(" ", problems));
        }

        name ??= manifest.Tenant;
        if (TenantNames.ValidateNewName(name) is { } nameError)
        {
            throw new TenantOperationException(400, "Invalid tenant name", nameError);
        }

        definition = (JsonObject)definition.DeepClone();
        if (name != manifest.Tenant && (string?)definition["UrlPrefix"] == manifest.Tenant && overrides?.ContainsKey("UrlPrefix") != true)
        {
            definition["UrlPrefix"] = name;
        }

        foreach (var key in new[] { "DatabaseName", "ConnectionString" })
        {
            // Where the data was is not where it goes: the target's defaults apply unless the overrides say otherwise.
            definition.Remove(key);
        }

        if (overrides is not null)
        {
            SiteSettings.Merge(definition, overrides);
        }

        definition["Name"] = name;
        definition["State"] = nameof(TenantState.Running);
        definition.Remove("SetupError");
        var settings = _settingsFactory.Create(name, definition, _store.FilePath);
        if (settings.State == TenantState.Invalid)
        {
            throw new TenantOperationException(400, "Invalid tenant definition", settings.Error!);
        }

        var placeholder = new ShellSlot(settings with { State = TenantState.Initializing });
        lock (_routesGate)
        {
            if (_slots.ContainsKey(name))
            {
                throw new TenantOperationException(409, "Tenant exists", $"A tenant named '{name}' already exists.");
            }

            if (_routes.FindClash(settings) is { } other)
            {
                throw new TenantOperationException(409, "Address in use", $"Tenant '{other.Name}' already answers at this host name and prefix; give another UrlPrefix or HostNames.");
            }

            _slots[name] = placeholder;
            _routes = new TenantRouteTable(_slots.Values.Select(s => s.Settings));
        }

        var database = _databases.Get(settings);
        var files = _paths.TenantDataPath(name);
        try
        {
            if (!await TenantArchiver.IsEmptyAsync(database, cancellationToken))
            {
                throw new TenantOperationException(409, "Target not empty", $"{database.Describe()} already holds data; import only restores into an empty database.");
            }

            await _archiver.RestoreAsync(zip, manifest, database, files, cancellationToken);
            await _store.SaveAsync(name, definition, cancellationToken);
        }
        catch (Exception ex)
        {
            lock (_routesGate)
            {
                _slots.TryRemove(name, out _);
                _routes = new TenantRouteTable(_slots.Values.Select(s => s.Settings));
            }

            if (ex is TenantOperationException { StatusCode: 409 })
            {
                throw;
            }

            await DropQuietlyAsync(database, files);
            _logger.LogError(ex, "Tenant {Tenant}: import failed; nothing was kept", name);
            throw ex switch
            {
                _ when DatabaseErrors.IsUnavailable(ex) => new TenantOperationException(503, "Database unavailable", ex.GetBaseException().Message),
                InvalidDataException => new TenantOperationException(400, "Invalid archive", ex.Message),
                OperationCanceledException => ex,
                _ => new TenantOperationException(500, "Import failed", ex.GetBaseException().Message),
            };
        }

        _storage.Forget(database);
        SetSettings(placeholder, settings);
        _logger.LogInformation("Tenant {Tenant} imported from an archive of '{Source}' ({SourceProvider}) into {Database}",
            name, manifest.Tenant, manifest.SourceProvider, database.Describe());
        await NotifyAsync(TenantChangeKind.Created, name, cancellationToken);
        return settings;
    }

    private async Task<ArchiveManifest> ExportCoreAsync(ShellSettings settings, Stream output, CancellationToken cancellationToken)
    {
        if (settings.State == TenantState.Initializing)
        {
            throw new TenantOperationException(409, "Wrong tenant state", $"Tenant '{settings.Name}' is being set up; export it when it is done.");
        }

        try
        {
            return await _archiver.ExportAsync(_databases.Get(settings), settings.Definition, _paths.TenantDataPath(settings.Name), output, cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            throw new TenantOperationException(503, "Database unavailable", $"The tenant's database cannot be reached: {ex.GetBaseException().Message}");
        }
    }

    private async Task DropQuietlyAsync(TenantDatabase database, string files)
    {
        try
        {
            await _storage.DropAsync(database, CancellationToken.None);
            if (Directory.Exists(files))
            {
                Directory.Delete(files, recursive: true);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Tenant {Tenant}: could not clean up {Database}", database.Tenant, database.Describe());
        }
    }

    /// <summary>Merges a patch into the tenant's definition (host names, prefix, culture, theme…) and reloads it.</summary>
    public async Task<ShellSettings> UpdateDefinitionAsync(string name, JsonObject patch, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        await slot.ChangeLock.WaitAsync(cancellationToken);
        try
        {
            foreach (var key in new[] { "Name", "State", "SetupError" })
            {
                if (patch.ContainsKey(key))
                {
                    throw new TenantOperationException(400, "Field cannot be changed", $"'{key}' cannot be changed by an update.");
                }
            }

            var definition = (JsonObject)slot.Settings.Definition.DeepClone();
            SiteSettings.Merge(definition, patch);
            var candidate = _settingsFactory.Create(name, definition, slot.Settings.Source);
            if (candidate.State == TenantState.Invalid)
            {
                throw new TenantOperationException(400, "Invalid tenant definition", candidate.Error!);
            }

            if (_routes.FindClash(candidate) is { } other)
            {
                throw new TenantOperationException(409, "Address in use", $"Tenant '{other.Name}' already answers at this host name and prefix.");
            }

            var database = _databases.Get(slot.Settings);
            if (_databases.Get(candidate).Key != database.Key && !await TenantArchiver.IsEmptyAsync(database, cancellationToken))
            {
                // Pointing a tenant at another database would hide its data behind an empty site.
                throw new TenantOperationException(409, "Tenant has data",
                    $"Tenant '{name}' has data in {database.Describe()}. Move it with an export, a removal and an import instead of changing its database settings.");
            }

            await SaveDefinitionAsync(slot, definition, cancellationToken);
        }
        finally
        {
            slot.ChangeLock.Release();
        }

        await NotifyAsync(TenantChangeKind.SettingsChanged, name, cancellationToken);
        return slot.Settings;
    }

    /// <summary>Disables a running tenant (requests get 503) or enables a disabled one.</summary>
    public async Task SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        if (slot.Settings.IsDefault && !enabled)
        {
            throw new TenantOperationException(400, "Default tenant", "The Default tenant cannot be disabled.");
        }

        await slot.ChangeLock.WaitAsync(cancellationToken);
        try
        {
            RequireState(slot.Settings, enabled ? TenantState.Disabled : TenantState.Running);
            var definition = (JsonObject)slot.Settings.Definition.DeepClone();
            definition["State"] = enabled ? nameof(TenantState.Running) : nameof(TenantState.Disabled);
            await SaveDefinitionAsync(slot, definition, cancellationToken);
        }
        finally
        {
            slot.ChangeLock.Release();
        }

        await NotifyAsync(TenantChangeKind.StateChanged, name, cancellationToken);
    }

    /// <summary>Re-reads the tenant's definition from the host store and replaces its shell; clears a start-up failure.</summary>
    public async Task ReloadAsync(string name, CancellationToken cancellationToken = default)
    {
        await ReloadCoreAsync(name, cancellationToken);
        await NotifyAsync(TenantChangeKind.Reloaded, name, cancellationToken);
    }

    private async Task ReloadCoreAsync(string name, CancellationToken cancellationToken)
    {
        var slot = GetSlot(name);
        await slot.ChangeLock.WaitAsync(cancellationToken);
        try
        {
            var stored = await _store.LoadAsync(cancellationToken);
            if (stored.Definitions.TryGetValue(name, out var definition))
            {
                await ApplyDefinitionAsync(slot, _settingsFactory.Create(name, definition, slot.Settings.Source), cancellationToken);
            }
            else if (_seeds.ReadAll().FirstOrDefault(s => s.Name == name) is { } seed)
            {
                // A tenant whose tenant.json was malformed: read it again, it may have been fixed.
                if (seed.Error is not null)
                {
                    SetSettings(slot, ShellSettingsFactory.Invalid(name, null, seed.Path, $"{seed.Path}: {seed.Error}"));
                }
                else
                {
                    await _store.SaveAsync(name, seed.Definition!, cancellationToken);
                    await ApplyDefinitionAsync(slot, _settingsFactory.Create(name, seed.Definition!, seed.Path), cancellationToken);
                }
            }
        }
        finally
        {
            slot.ChangeLock.Release();
        }
    }

    /// <summary>
    /// Removes the tenant: exports it to <c>App_Data/Removed/&lt;name&gt;-&lt;time&gt;.zip</c>, then drops its database
    /// and deletes its files. Returns the archive's path (null when the tenant had no data). A failed export removes nothing.
    /// </summary>
    public async Task<string?> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        var slot = GetSlot(name);
        if (slot.Settings.IsDefault)
        {
            throw new TenantOperationException(400, "Default tenant", "The Default tenant cannot be removed.");
        }

        await slot.ChangeLock.WaitAsync(cancellationToken);
        string? archivePath = null;
        try
        {
            var settings = slot.Settings;
            var database = _databases.Get(settings);
            var files = _paths.TenantDataPath(name);
            lock (slot.Gate)
            {
                slot.Current?.Release();
                slot.Current = null;
            }

            bool exists;
            try
            {
                exists = await TenantStorage.ExistsAsync(database, cancellationToken);
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
            {
                throw new TenantOperationException(503, "Database unavailable", $"The tenant cannot be exported before removal: {ex.GetBaseException().Message}");
            }

            if (exists || Directory.Exists(files))
            {
                archivePath = Path.Combine(_paths.DataRoot, "Removed", $"{name}-{_clock.GetUtcNow():yyyyMMddHHmmss}.zip");
                Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
                try
                {
                    await using var output = File.Create(archivePath);
                    await ExportCoreAsync(settings, output, cancellationToken);
                }
                catch
                {
                    File.Delete(archivePath);
                    throw;
                }
            }

            await _store.RemoveAsync(name, cancellationToken);
            _slots.TryRemove(name, out _);
            RebuildRoutes();
            if (exists)
            {
                await _storage.DropAsync(database, cancellationToken);
            }

            if (Directory.Exists(files))
            {
                Directory.Delete(files, recursive: true);
            }

            _databases.Forget(name);
        }
        finally
        {
            slot.ChangeLock.Release();
        }

        _logger.LogWarning("Tenant {Tenant} removed; it was exported to {Path} and its data dropped", name, archivePath ?? "(nothing to export)");
        await NotifyAsync(TenantChangeKind.Removed, name, cancellationToken);
        return archivePath;
    }

    /// <summary>Releases shells that have served no request for <paramref name="idleFor"/>; they are rebuilt on their next request.</summary>
    public int ReleaseIdle(TimeSpan idleFor)
    {
        var threshold = _clock.GetUtcNow() - idleFor;
        var released = 0;
        foreach (var slot in _slots.Values)
        {
            var shell = slot.Current;
            if (shell is null || shell.ActiveRequests > 0 || shell.LastUsedUtc > threshold || !slot.ChangeLock.Wait(0))
            {
                continue;
            }

            try
            {
                lock (slot.Gate)
                {
                    if (slot.Current == shell && shell.ActiveRequests == 0)
                    {
                        slot.Current = null;
                        shell.Release();
                        released++;

                        // Its pooled connections (and SQLite's page cache and file handles) go with it.
                        _databases.Get(shell.Settings).ClearPool();
                        _logger.LogInformation("Tenant {Tenant}: idle shell released", shell.Settings.Name);
                    }
                }
            }
            finally
            {
                slot.ChangeLock.Release();
            }
        }

        return released;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        foreach (var slot in _slots.Values)
        {
            if (slot.Current is { } shell)
            {
                slot.Current = null;
                await shell.DisposeAsync();
            }
        }
    }

    private ShellSlot GetSlot(string name) =>
        _slots.TryGetValue(name, out var slot) ? slot : throw new TenantOperationException(404, "Unknown tenant", $"There is no tenant named '{name}'.");

    private static void RequireState(ShellSettings settings, TenantState state)
    {
        if (settings.State != state)
        {
            throw new TenantOperationException(409, "Wrong tenant state", $"Tenant '{settings.Name}' is {settings.State}; this needs it {state}.");
        }
    }

    private async Task SaveDefinitionAsync(ShellSlot slot, JsonObject definition, CancellationToken cancellationToken)
    {
        await _store.SaveAsync(slot.Settings.Name, definition, cancellationToken);
        await ApplyDefinitionAsync(slot, _settingsFactory.Create(slot.Settings.Name, definition, slot.Settings.Source), cancellationToken);
    }

    /// <summary>Installs new settings; a running tenant gets a freshly built shell swapped in, any other loses its shell.</summary>
    private async Task ApplyDefinitionAsync(ShellSlot slot, ShellSettings settings, CancellationToken cancellationToken)
    {
        SetSettings(slot, settings);
        if (settings.State == TenantState.Running)
        {
            await RebuildAsync(slot, cancellationToken);
        }
        else
        {
            lock (slot.Gate)
            {
                slot.Current?.Release();
                slot.Current = null;
            }
        }
    }

    /// <summary>Builds a new shell for the slot's settings and swaps it in; a build failure leaves the tenant Invalid.</summary>
    private async Task RebuildAsync(ShellSlot slot, CancellationToken cancellationToken)
    {
        var settings = slot.Settings;
        try
        {
            var features = await _builder.LoadFeaturesAsync(settings, cancellationToken);
            features = await _builder.MigrateAsync(settings, features, cancellationToken);
            Publish(slot, await _builder.BuildAsync(settings, features, cancellationToken));
        }
        catch (Exception ex) when (ex is TenantUnavailableException || DatabaseErrors.IsUnavailable(ex))
        {
            // Drop the stale shell; the next request builds one when the database is back.
            _logger.LogWarning(ex, "Tenant {Tenant}: its database is unavailable; the shell will be rebuilt on the next request", settings.Name);
            lock (slot.Gate)
            {
                slot.Current?.Release();
                slot.Current = null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MarkInvalid(slot, settings, ex);
        }
    }

    /// <summary>A shell that cannot be built makes its tenant Invalid in memory (not in the store), until a reload.</summary>
    private string MarkInvalid(ShellSlot slot, ShellSettings settings, Exception ex)
    {
        var message = ex is ShellBuildException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        _logger.LogError(ex, "Tenant {Tenant} failed to start and is now Invalid: {Error}", settings.Name, message);
        lock (slot.Gate)
        {
            if (slot.Settings != settings)
            {
                return message;
            }

            slot.Current?.Release();
            slot.Current = null;
            slot.Settings = settings with { State = TenantState.Invalid, Error = message };
        }

        RebuildRoutes();
        return message;
    }

    private static void Publish(ShellSlot slot, ShellContext next)
    {
        ShellContext? previous;
        lock (slot.Gate)
        {
            previous = slot.Current;
            slot.Current = next;
        }

        previous?.Release();
    }

    private void SetSettings(ShellSlot slot, ShellSettings settings)
    {
        lock (slot.Gate)
        {
            slot.Settings = settings;
        }

        RebuildRoutes();
    }

    private void RebuildRoutes()
    {
        lock (_routesGate)
        {
            _routes = new TenantRouteTable(_slots.Values.Select(s => s.Settings));
        }
    }

    private Task NotifyAsync(TenantChangeKind kind, string name, CancellationToken cancellationToken) =>
        _notifier.PublishAsync(new TenantChange(kind, name, _options.NodeId, _clock.GetUtcNow()), cancellationToken);

    private async Task OnChangeAsync(TenantChange change, CancellationToken cancellationToken)
    {
        if (change.OriginNode == _options.NodeId)
        {
            return;
        }

        // Another node changed the tenant: read its definition again and rebuild.
        if (change.Kind == TenantChangeKind.Removed)
        {
            if (_slots.TryRemove(change.Tenant, out var slot))
            {
                slot.Current?.Release();
                RebuildRoutes();
            }

            return;
        }

        if (!_slots.ContainsKey(change.Tenant))
        {
            var stored = await _store.LoadAsync(cancellationToken);
            if (stored.Definitions.TryGetValue(change.Tenant, out var definition))
            {
                _slots[change.Tenant] = new ShellSlot(_settingsFactory.Create(change.Tenant, definition, _store.FilePath));
                RebuildRoutes();
            }

            return;
        }

        await ReloadCoreAsync(change.Tenant, cancellationToken);
    }
}
