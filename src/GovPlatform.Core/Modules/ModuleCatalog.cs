using System.Reflection;
using FluentMigrator;
using GovPlatform.Core.Data.Migrations;
using GovPlatform.Data;
using GovPlatform.Features;
using GovPlatform.Modules;
using GovPlatform.Navigation;
using GovPlatform.Recipes;
using GovPlatform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace GovPlatform.Core.Modules;

/// <summary>
/// Every module and feature the host knows, scanned and validated once per host and shared by all shells. The
/// catalog is a snapshot that can be replaced as a whole when a module package is installed, upgraded or removed at
/// run time (<see cref="Update"/>): a module's descriptor is read once per assembly, and a shell keeps the descriptors
/// it was built with until it is rebuilt.
/// </summary>
public sealed class ModuleCatalog
{
    /// <summary>Contribution contracts found by scanning module assemblies and registered per enabled feature.</summary>
    public static readonly IReadOnlyList<Type> ContributionContracts =
    [
        typeof(IRecipeStep), typeof(IFeatureEventHandler), typeof(IDataModel), typeof(IIndexProvider),
        typeof(IPermissionProvider), typeof(INavigationProvider),
    ];

    private readonly Lock _updateLock = new();

    private readonly Dictionary<Assembly, ModuleDescriptor> _read = [];

    private volatile Snapshot _current;

    public ModuleCatalog(IEnumerable<Assembly> assemblies)
    {
        _current = Build([.. assemblies.Distinct()]);
    }

    /// <summary>Raised after <see cref="Update"/> replaced the catalog, with the module ids added, replaced or removed.</summary>
    public event Action<IReadOnlyCollection<string>>? Changed;

    /// <summary>Counts the catalog's replacements; shells built from an older generation may hold older module versions.</summary>
    public int Generation => _current.Generation;

    public IReadOnlySet<string> FeatureIds => _current.FeatureIds;

    public IReadOnlyList<ModuleDescriptor> Modules => _current.Modules;

    /// <summary>All features, each after the features it depends on.</summary>
    public IReadOnlyList<FeatureDescriptor> Features => _current.Features;

    /// <summary>The assemblies the catalog was built from.</summary>
    public IReadOnlyList<Assembly> Assemblies => _current.Assemblies;

    public FeatureDescriptor? Find(string featureId) => _current.Find(featureId);

    /// <summary>How many assemblies' module descriptors the catalog holds (those of its current snapshot), for tests.</summary>
    internal int ReadCount
    {
        get
        {
            lock (_read)
            {
                return _read.Count;
            }
        }
    }

    public FeatureDescriptor Get(string featureId) =>
        Find(featureId) ?? throw new KeyNotFoundException($"Unknown feature '{featureId}'.");

    /// <summary>
    /// Validates the catalog that <paramref name="change"/> makes of the current assemblies without publishing it: the
    /// errors a module package would cause are found before anything is replaced.
    /// </summary>
    public void Validate(Func<IReadOnlyList<Assembly>, IEnumerable<Assembly>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_updateLock)
        {
            var current = _current;
            var candidate = Build([.. change(current.Assemblies).Distinct()], current.Generation);
            lock (_read)
            {
                // A check publishes nothing: what only the candidate uses is read again when an update publishes it.
                foreach (var assembly in candidate.Assemblies.Except(current.Assemblies))
                {
                    _read.Remove(assembly);
                }
            }
        }
    }

    /// <summary>
    /// Replaces the catalog with one built from the assemblies <paramref name="change"/> makes of the current ones. An
    /// inconsistent result (a duplicate id, an unknown dependency, a cycle) throws <see cref="ModuleCatalogException"/>
    /// and leaves the current catalog in place. Returns the ids of the modules added, replaced or removed.
    /// </summary>
    public IReadOnlyCollection<string> Update(Func<IReadOnlyList<Assembly>, IEnumerable<Assembly>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        HashSet<string> changed;
        lock (_updateLock)
        {
            var before = _current;
            var next = Build([.. change(before.Assemblies).Distinct()], before.Generation + 1);
            var oldModules = before.Modules.ToDictionary(m => m.Id, StringComparer.Ordinal);
            var newModules = next.Modules.ToDictionary(m => m.Id, StringComparer.Ordinal);
            changed = new HashSet<string>(StringComparer.Ordinal);
            changed.UnionWith(oldModules.Keys.Where(id => !newModules.TryGetValue(id, out var m) || m.Assembly != oldModules[id].Assembly));
            changed.UnionWith(newModules.Keys.Where(id => !oldModules.ContainsKey(id)));
            foreach (var assembly in before.Assemblies.Except(next.Assemblies))
            {
                // A removed assembly's descriptor is not kept: its load context can then be collected once no shell uses it.
                _read.Remove(assembly);
            }

            _current = next;
        }

        Changed?.Invoke(changed);
        return changed;
    }

    /// <summary>The given features plus everything they depend on, transitively, in dependency order.</summary>
    public IReadOnlyList<FeatureDescriptor> WithDependencies(IEnumerable<string> featureIds)
    {
        var snapshot = _current;
        FeatureDescriptor Get(string id) => snapshot.Find(id) ?? throw new KeyNotFoundException($"Unknown feature '{id}'.");
        var result = new HashSet<FeatureDescriptor>();
        var stack = new Stack<FeatureDescriptor>(featureIds.Select(Get));
        while (stack.TryPop(out var feature))
        {
            if (result.Add(feature))
            {
                foreach (var dependency in feature.Dependencies)
                {
                    stack.Push(Get(dependency));
                }
            }
        }

        return [.. result.OrderBy(f => f.Order)];
    }

    /// <summary>The features among <paramref name="enabled"/> that depend, transitively, on any of <paramref name="featureIds"/> (these included).</summary>
    public IReadOnlyList<FeatureDescriptor> WithDependents(IEnumerable<string> featureIds, IEnumerable<string> enabled)
    {
        var snapshot = _current;
        var enabledSet = enabled.ToHashSet(StringComparer.Ordinal);
        var result = featureIds.Select(id => snapshot.Find(id) ?? throw new KeyNotFoundException($"Unknown feature '{id}'.")).ToHashSet();
        bool added;
        do
        {
            added = false;
            foreach (var feature in snapshot.Features)
            {
                if (enabledSet.Contains(feature.Id) && !result.Contains(feature)
                    && feature.Dependencies.Any(d => result.Any(r => r.Id == d)))
                {
                    result.Add(feature);
                    added = true;
                }
            }
        }
        while (added);

        return [.. result.OrderBy(f => f.Order)];
    }

    private static ModuleDescriptor ReadModule(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<ModuleAttribute>()
            ?? throw new ModuleCatalogException($"Assembly '{assembly.GetName().Name}' has no [assembly: Module(...)] attribute.");
        if (string.IsNullOrWhiteSpace(attribute.Id))
        {
            throw new ModuleCatalogException($"Assembly '{assembly.GetName().Name}' declares a module with an empty id.");
        }

        var module = new ModuleDescriptor
        {
            Id = attribute.Id,
            Name = attribute.Name,
            Version = attribute.Version,
            Author = attribute.Author,
            Category = attribute.Category,
            Description = attribute.Description,
            Assembly = assembly,
        };

        var features = assembly.GetCustomAttributes<FeatureAttribute>().ToList();
        if (features.Count == 0)
        {
            module.Features.Add(new FeatureDescriptor
            {
                Id = module.Id,
                Name = module.Name,
                Category = module.Category,
                Description = module.Description,
                Module = module,
            });
        }

        foreach (var feature in features)
        {
            if (string.IsNullOrWhiteSpace(feature.Id))
            {
                throw new ModuleCatalogException($"Module '{module.Id}' declares a feature with an empty id.");
            }

            module.Features.Add(new FeatureDescriptor
            {
                Id = feature.Id,
                Name = feature.Name,
                Category = string.IsNullOrEmpty(feature.Category) ? module.Category : feature.Category,
                Description = feature.Description,
                Module = module,
                Dependencies = [.. feature.Dependencies.Distinct(StringComparer.Ordinal)],
                DefaultTenantOnly = feature.DefaultTenantOnly,
                AlwaysEnabled = feature.AlwaysEnabled,
            });
        }

        return module;
    }

    private Snapshot Build(IReadOnlyList<Assembly> assemblies, int generation = 0)
    {
        var modules = new List<ModuleDescriptor>(assemblies.Count);
        var read = new List<(Assembly Assembly, ModuleDescriptor Module)>();
        lock (_read)
        {
            foreach (var assembly in assemblies)
            {
                if (!_read.TryGetValue(assembly, out var module))
                {
                    module = ReadModule(assembly);
                    BindScannedTypes(module);
                    read.Add((assembly, module));
                }

                modules.Add(module);
            }
        }

        modules.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var features = IndexFeatures(modules);
        var sorted = SortByDependencies(features);

        // Kept only once the catalog they make is valid: a refused assembly is not held, and its load context can go.
        lock (_read)
        {
            foreach (var (assembly, module) in read)
            {
                _read.TryAdd(assembly, module);
            }
        }

        return new Snapshot(generation, assemblies, modules, features, sorted);
    }

    private static Dictionary<string, FeatureDescriptor> IndexFeatures(IReadOnlyList<ModuleDescriptor> modules)
    {
        var moduleIds = new Dictionary<string, ModuleDescriptor>(StringComparer.Ordinal);
        var features = new Dictionary<string, FeatureDescriptor>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (!moduleIds.TryAdd(module.Id, module))
            {
                throw new ModuleCatalogException(
                    $"Module id '{module.Id}' is declared twice, by assemblies '{moduleIds[module.Id].Assembly.GetName().Name}' and '{module.Assembly.GetName().Name}'.");
            }

            foreach (var feature in module.Features)
            {
                if (!features.TryAdd(feature.Id, feature))
                {
                    throw new ModuleCatalogException(
                        $"Feature id '{feature.Id}' is declared twice: by module '{features[feature.Id].ModuleId}' and by module '{module.Id}'.");
                }
            }
        }

        foreach (var feature in features.Values)
        {
            foreach (var dependency in feature.Dependencies)
            {
                if (!features.ContainsKey(dependency))
                {
                    throw new ModuleCatalogException(
                        $"Feature '{feature.Id}' of module '{feature.ModuleId}' depends on unknown feature '{dependency}'.");
                }
            }
        }

        return features;
    }

    private static void BindScannedTypes(ModuleDescriptor module)
    {
        // Scrutor does the type scan once per assembly; the descriptors it produces tell us what the module contributes.
        var scanned = new ServiceCollection();
        scanned.Scan(scan => scan
            .FromAssemblies(module.Assembly)
            .AddClasses(classes => classes.AssignableTo<ModuleStartup>(), publicOnly: false)
            .As<ModuleStartup>()
            .WithTransientLifetime()
            .AddClasses(classes => classes.AssignableToAny(ContributionContracts), publicOnly: false)
            .As(type => ContributionContracts.Where(contract => contract.IsAssignableFrom(type)))
            .WithScopedLifetime()
            .AddClasses(classes => classes.AssignableTo<IMigration>(), publicOnly: false)
            .As<IMigration>()
            .WithTransientLifetime());

        foreach (var descriptor in scanned)
        {
            var type = descriptor.ImplementationType!;
            var feature = FeatureOf(type, module);
            if (descriptor.ServiceType == typeof(ModuleStartup))
            {
                feature.StartupTypes.Add(type);
            }
            else if (descriptor.ServiceType == typeof(IMigration))
            {
                var migration = MigrationDescriptor.From(type) ?? throw new ModuleCatalogException(
                    $"Migration '{type.FullName}' of feature '{feature.Id}' has no [Migration(version)] attribute.");
                if (feature.Migrations.FirstOrDefault(m => m.Version == migration.Version) is { } other)
                {
                    throw new ModuleCatalogException(
                        $"Feature '{feature.Id}' has two migrations with version {migration.Version}: '{other.Type.FullName}' and '{type.FullName}'.");
                }

                feature.Migrations.Add(migration);
                feature.Migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
            }
            else
            {
                feature.Contributions.Add((descriptor.ServiceType, type));
            }
        }
    }

    private static FeatureDescriptor FeatureOf(Type type, ModuleDescriptor module)
    {
        var bound = type.GetCustomAttribute<ForFeatureAttribute>()?.FeatureId;
        if (bound is null)
        {
            return module.Features.FirstOrDefault(f => f.Id == module.Id)
                ?? (module.Features.Count == 1 ? module.Features[0] : throw new ModuleCatalogException(
                    $"'{type.FullName}' in module '{module.Id}' has no [ForFeature] and the module has no feature with the module's id."));
        }

        if (module.Features.FirstOrDefault(f => f.Id == bound) is not { } feature)
        {
            throw new ModuleCatalogException(
                $"'{type.FullName}' in module '{module.Id}' is bound to feature '{bound}', which module '{module.Id}' does not declare.");
        }

        return feature;
    }

    private static List<FeatureDescriptor> SortByDependencies(Dictionary<string, FeatureDescriptor> features)
    {
        var sorted = new List<FeatureDescriptor>(features.Count);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        var path = new Stack<string>();

        void Visit(FeatureDescriptor feature)
        {
            if (state.TryGetValue(feature.Id, out var done))
            {
                if (!done)
                {
                    var cycle = path.Reverse().SkipWhile(id => id != feature.Id).Append(feature.Id);
                    throw new ModuleCatalogException(
                        $"Feature dependencies form a cycle: {string.Join(" -> ", cycle)} (module '{feature.ModuleId}', feature '{feature.Id}').");
                }

                return;
            }

            state[feature.Id] = false;
            path.Push(feature.Id);
            foreach (var dependency in feature.Dependencies.Order(StringComparer.Ordinal))
            {
                Visit(features[dependency]);
            }

            path.Pop();
            state[feature.Id] = true;
            feature.Order = sorted.Count;
            sorted.Add(feature);
        }

        foreach (var feature in features.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            Visit(feature);
        }

        return sorted;
    }

    private sealed class Snapshot(
        int generation, IReadOnlyList<Assembly> assemblies, IReadOnlyList<ModuleDescriptor> modules,
        Dictionary<string, FeatureDescriptor> features, IReadOnlyList<FeatureDescriptor> sorted)
    {
        public int Generation { get; } = generation;

        public IReadOnlyList<Assembly> Assemblies { get; } = assemblies;

        public IReadOnlyList<ModuleDescriptor> Modules { get; } = modules;

        public IReadOnlyList<FeatureDescriptor> Features { get; } = sorted;

        public IReadOnlySet<string> FeatureIds { get; } = features.Keys.ToHashSet(StringComparer.Ordinal);

        public FeatureDescriptor? Find(string featureId) => features.GetValueOrDefault(featureId);
    }
}
