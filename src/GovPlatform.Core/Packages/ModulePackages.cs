using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using GovPlatform.Core.Data;
using GovPlatform.Core.Hosting;
using GovPlatform.Core.Modules;
using GovPlatform.Core.Shells;
using GovPlatform.Core.State;
using GovPlatform.Modules;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NuGet.Versioning;

namespace GovPlatform.Core.Packages;

/// <summary>The outcome of an accepted install.</summary>
public sealed record PackageInstallResult(PackageRecord Package, string? ReplacedVersion, IReadOnlyList<string> ReloadedTenants);

/// <summary>
/// Module packages installed into the running host: the store under <c>{DataRoot}/Packages/</c>, the checks a
/// <c>.nupkg</c> passes, its own unloadable load context sharing the SDK, Core and the framework, and its modules in the
/// catalog. Installs and uninstalls run one at a time.
/// </summary>
public sealed class ModulePackages : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly HostPaths _paths;
    private readonly PackageOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _clock;
    private readonly ILogger<ModulePackages> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<InstalledPackage> _installed = [];

    public ModulePackages(HostPaths paths, IOptions<PackageOptions> options, IServiceProvider services, TimeProvider clock, ILogger<ModulePackages> logger)
    {
        _paths = paths;
        _options = options.Value;
        _services = services;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The package store, <c>{DataRoot}/Packages/</c>.</summary>
    public string StorePath => Path.Combine(_paths.DataRoot, "Packages");

    /// <summary>The watched folder, <c>{DataRoot}/Packages/Drop/</c>.</summary>
    public string DropPath => Path.Combine(StorePath, "Drop");

    public PackageOptions Options => _options;

    /// <summary>The installed packages, loaded or failed, by id.</summary>
    public IReadOnlyList<InstalledPackage> Installed => _installed;

    private string RegistryPath => Path.Combine(StorePath, "packages.json");

    private ModuleCatalog Catalog => _services.GetRequiredService<ModuleCatalog>();

    /// <summary>
    /// Loads every registered package into <paramref name="catalog"/> while the host starts, before any shell is built.
    /// A package that fails (its files, the SDK or a dependency gone, a catalog conflict) is logged and kept as failed.
    /// </summary>
    public void LoadInstalled(ModuleCatalog catalog)
    {
        var records = ReadRegistry();
        var installed = new List<InstalledPackage>();
        foreach (var record in DependenciesFirst(records))
        {
            var package = new InstalledPackage(record, PackageFolder(record.Id, record.Version));
            installed.Add(package);
            try
            {
                var nupkg = Path.Combine(package.Folder, NupkgName(record.Id, record.Version));
                var manifest = PackageInspector.Read(nupkg, new PackageOptions());
                var missing = PackageInspector.Missing(manifest.OtherDependencies, installed, new List<string>());
                if (missing.Count > 0)
                {
                    throw PackageInspector.Refuse(409, $"缺少依赖：{string.Join("，", missing)}", $"Missing dependencies: {string.Join(", ", missing)}");
                }

                Load(package);
                catalog.Update(current => current.Concat(package.ModuleAssemblies));
                _logger.LogInformation("Module package {Package} {Version} loaded", record.Id, record.Version);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                package.LoadError = ex is PackageRefusedException refused ? refused.Reason.English : ex.Message;
                package.Loader?.Dispose();
                package.Loader = null;
                package.ModuleAssemblies = [];
                _logger.LogError(ex, "Module package {Package} {Version} could not be loaded; its features are unavailable", record.Id, record.Version);
            }
        }

        _installed = installed;
    }

    /// <summary>The registry's packages, each after the installed packages it depends on (a cycle's members last, to fail on their dependencies).</summary>
    private static List<PackageRecord> DependenciesFirst(List<PackageRecord> records)
    {
        var ids = records.Select(r => r.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var placed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<PackageRecord>(records.Count);
        var pending = records.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(r => r.PackageDependencies.All(d => placed.Contains(d) || !ids.Contains(d))).ToList();
            if (ready.Count == 0)
            {
                ordered.AddRange(pending);
                break;
            }

            foreach (var record in ready)
            {
                ordered.Add(record);
                placed.Add(record.Id);
                pending.Remove(record);
            }
        }

        return ordered;
    }

    /// <summary>
    /// Checks and installs a package read from <paramref name="upload"/>; a newer version of an installed package
    /// replaces it and re-shells the tenants that use it. Throws <see cref="PackageRefusedException"/> with the reason.
    /// </summary>
    public async Task<PackageInstallResult> InstallAsync(Stream upload, string installedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        await _gate.WaitAsync(cancellationToken);
        var incoming = Path.Combine(StorePath, ".incoming");
        Directory.CreateDirectory(incoming);
        var temp = Path.Combine(incoming, Guid.NewGuid().ToString("N") + ".nupkg");
        string? hash = null;
        try
        {
            (hash, var size) = await CopyLimitedAsync(upload, temp, cancellationToken);
            return await InstallCoreAsync(temp, hash, size, installedBy, cancellationToken);
        }
        catch (PackageRefusedException ex)
        {
            ex.Sha256 ??= hash;
            throw;
        }
        finally
        {
            TryDelete(temp);
            _gate.Release();
        }
    }

    /// <summary>
    /// Uninstalls a package: refused while a tenant (running, idle or disabled) has one of its features enabled or
    /// another installed package depends on it. Returns the removed record.
    /// </summary>
    public async Task<PackageRecord> UninstallAsync(string id, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var package = Find(id) ?? throw PackageInspector.Refuse(404, $"没有安装包 {id}。", $"Package {id} is not installed.");
            var dependents = _installed.Where(p => p != package && p.Record.PackageDependencies.Contains(package.Record.Id, StringComparer.OrdinalIgnoreCase))
                .Select(p => p.Record.Id).ToList();
            if (dependents.Count > 0)
            {
                throw PackageInspector.Refuse(409,
                    $"无法卸载 {package.Record.Id}：已安装的包 {string.Join("、", dependents)} 依赖它。",
                    $"{package.Record.Id} cannot be uninstalled: the installed packages {string.Join(", ", dependents)} depend on it.");
            }

            var tenants = await TenantsUsingAsync(package, cancellationToken);
            if (tenants.Count > 0)
            {
                throw PackageInspector.Refuse(409,
                    $"无法卸载 {package.Record.Id}：租户 {string.Join("、", tenants)} 仍启用了它的功能，请先停用。",
                    $"{package.Record.Id} cannot be uninstalled: tenants {string.Join(", ", tenants)} still have its features enabled; disable them first.");
            }

            if (package.IsLoaded)
            {
                Catalog.Update(current => current.Except(package.ModuleAssemblies));
            }

            _installed = [.. _installed.Where(p => p != package)];
            WriteRegistry();
            Unload(package);
            _logger.LogInformation("Module package {Package} {Version} uninstalled", package.Record.Id, package.Record.Version);
            return package.Record;
        }
        finally
        {
            _gate.Release();
        }
    }

    public InstalledPackage? Find(string id) => _installed.FirstOrDefault(p => p.Record.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The tenants that have one of the package's features enabled: a built shell's features, otherwise the stored
    /// feature set (idle and disabled tenants too). A tenant whose state cannot be read counts as using it.
    /// </summary>
    public async Task<IReadOnlyList<string>> TenantsUsingAsync(InstalledPackage package, CancellationToken cancellationToken = default)
    {
        var features = package.Record.FeatureIds.ToHashSet(StringComparer.Ordinal);
        var host = _services.GetRequiredService<ShellHost>();
        var databases = _services.GetRequiredService<TenantDatabaseFactory>();
        var states = _services.GetRequiredService<ShellStateStore>();
        var result = new List<string>();
        foreach (var settings in host.Tenants)
        {
            if (settings.State == GovPlatform.Tenants.TenantState.Invalid)
            {
                continue;
            }

            try
            {
                IEnumerable<string> enabled;
                if (host.Peek(settings.Name) is { IsReleased: false } shell)
                {
                    enabled = shell.Features.Select(f => f.Id);
                }
                else if (await TenantStorage.ExistsAsync(databases.Get(settings), cancellationToken))
                {
                    enabled = await states.LoadFeaturesAsync(settings, cancellationToken) ?? [];
                }
                else
                {
                    continue;
                }

                if (enabled.Any(features.Contains))
                {
                    result.Add(settings.Name);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Tenant {Tenant}: its feature set could not be read; it counts as using package {Package}", settings.Name, package.Record.Id);
                result.Add(settings.Name);
            }
        }

        return result;
    }

    public void Dispose()
    {
        foreach (var package in _installed)
        {
            package.Loader?.Dispose();
        }

        _gate.Dispose();
    }

    private async Task<PackageInstallResult> InstallCoreAsync(string temp, string hash, long size, string installedBy, CancellationToken cancellationToken)
    {
        var manifest = PackageInspector.Read(temp, _options);
        try
        {
            return await InstallCoreAsync(temp, manifest, hash, size, installedBy, cancellationToken);
        }
        catch (PackageRefusedException ex)
        {
            ex.PackageId ??= manifest.Id;
            ex.PackageVersion ??= manifest.Version.ToNormalizedString();
            throw;
        }
    }

    private async Task<PackageInstallResult> InstallCoreAsync(string temp, PackageManifest manifest, string hash, long size, string installedBy, CancellationToken cancellationToken)
    {
        var version = manifest.Version.ToNormalizedString();
        var existing = Find(manifest.Id);
        if (existing is not null)
        {
            var installedVersion = NuGetVersion.Parse(existing.Record.Version);
            if (manifest.Version == installedVersion)
            {
                throw existing.Record.Sha256 == hash
                    ? PackageInspector.Refuse(409, $"{manifest.Id} {version} 已经安装。", $"{manifest.Id} {version} is already installed.")
                    : PackageInspector.Refuse(409,
                        $"{manifest.Id} {version} 已经安装，但上传的文件内容不同（SHA-256 不一致）；同一版本不能替换，请提高版本号。",
                        $"{manifest.Id} {version} is already installed with different contents (another SHA-256); a version cannot be replaced, publish a higher one.");
            }

            if (manifest.Version < installedVersion)
            {
                throw PackageInspector.Refuse(409,
                    $"不能降级：已安装 {manifest.Id} {existing.Record.Version}，上传的是 {version}。",
                    $"A downgrade is refused: {manifest.Id} {existing.Record.Version} is installed and the upload is {version}.");
            }
        }

        var fromPackages = new List<string>();
        var missing = PackageInspector.Missing(manifest.OtherDependencies, [.. _installed.Where(p => p != existing)], fromPackages);
        if (missing.Count > 0)
        {
            throw PackageInspector.Refuse(409,
                $"包 {manifest.Id} 的依赖不存在（主机和已安装的包都没有）：{string.Join("，", missing)}。",
                $"Package {manifest.Id} depends on what neither the host nor an installed package provides: {string.Join(", ", missing)}.");
        }

        var folder = PackageFolder(manifest.Id, version);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var package = new InstalledPackage(
            new PackageRecord
            {
                Id = manifest.Id,
                Version = version,
                Authors = manifest.Authors,
                SdkRange = manifest.SdkRange.ToNormalizedString(),
                Sha256 = hash,
                Size = size,
                InstalledUtc = _clock.GetUtcNow(),
                InstalledBy = installedBy,
                LibFolder = manifest.LibFolder,
                PackageDependencies = fromPackages,
            },
            folder);
        try
        {
            Directory.CreateDirectory(folder);
            try
            {
                // ExtractToDirectory refuses entries that would land outside the folder.
                await ZipFile.ExtractToDirectoryAsync(temp, folder, cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                throw PackageInspector.Refuse(400, "不是可读的 NuGet 包（无法解压）。", "Not a readable NuGet package (it cannot be extracted).", ex);
            }

            File.Copy(temp, Path.Combine(folder, NupkgName(manifest.Id, version)), overwrite: true);
            Load(package);
            var modules = package.ModuleAssemblies.Select(a => a.GetCustomAttribute<ModuleAttribute>()!).ToList();
            package = WithCatalogIds(package, modules);
            var replaced = existing?.ModuleAssemblies ?? [];
            try
            {
                Catalog.Validate(current => current.Except(replaced).Concat(package.ModuleAssemblies));
            }
            catch (ModuleCatalogException ex)
            {
                throw PackageInspector.Refuse(409, $"模块目录不接受该包：{ex.Message}", $"The module catalog does not accept the package: {ex.Message}", ex);
            }

            Catalog.Update(current => current.Except(replaced).Concat(package.ModuleAssemblies));
        }
        catch
        {
            Unload(package);
            throw;
        }

        _installed = [.. _installed.Where(p => p != existing), package];
        WriteRegistry();
        _logger.LogInformation("Module package {Package} {Version} installed by {User}", manifest.Id, version, installedBy);

        var reloaded = new List<string>();
        if (existing is not null)
        {
            reloaded.AddRange(await ReshellAsync(existing, cancellationToken));
            Unload(existing);
        }

        return new PackageInstallResult(package.Record, existing?.Record.Version, reloaded);
    }

    /// <summary>Rebuilds the running shells that hold one of the replaced package's modules, so they run the new version and its migrations.</summary>
    private async Task<List<string>> ReshellAsync(InstalledPackage replaced, CancellationToken cancellationToken)
    {
        var host = _services.GetRequiredService<ShellHost>();
        var reloaded = new List<string>();
        foreach (var settings in host.Tenants)
        {
            if (host.Peek(settings.Name) is { IsReleased: false } shell && shell.Features.Any(f => replaced.ModuleAssemblies.Contains(f.Module.Assembly)))
            {
                try
                {
                    await host.ReloadAsync(settings.Name, cancellationToken);
                    reloaded.Add(settings.Name);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Tenant {Tenant}: reload after the upgrade of {Package} failed", settings.Name, replaced.Record.Id);
                }
            }
        }

        return reloaded;
    }

    private static InstalledPackage WithCatalogIds(InstalledPackage package, List<ModuleAttribute> modules)
    {
        var features = package.ModuleAssemblies
            .SelectMany(a => a.GetCustomAttributes<FeatureAttribute>().Select(f => f.Id)
                .DefaultIfEmpty(a.GetCustomAttribute<ModuleAttribute>()!.Id))
            .ToList();
        var result = new InstalledPackage(package.Record with { ModuleIds = [.. modules.Select(m => m.Id)], FeatureIds = features }, package.Folder)
        {
            Loader = package.Loader,
            ModuleAssemblies = package.ModuleAssemblies,
        };
        return result;
    }

    /// <summary>Loads the package's lib folder into its own load context and finds its module assemblies.</summary>
    private static void Load(InstalledPackage package)
    {
        var lib = Path.Combine(package.Folder, package.Record.LibFolder.Replace('/', Path.DirectorySeparatorChar));
        var dlls = Directory.Exists(lib) ? Directory.GetFiles(lib, "*.dll") : [];
        if (dlls.Length == 0)
        {
            throw PackageInspector.Refuse(400, $"包 {package.Record.Id} 的 {package.Record.LibFolder} 中没有程序集。", $"Package {package.Record.Id} has no assembly in {package.Record.LibFolder}.");
        }

        var main = dlls.FirstOrDefault(d => Path.GetFileNameWithoutExtension(d).Equals(package.Record.Id, StringComparison.OrdinalIgnoreCase)) ?? dlls[0];

        // Shared types: the SDK, Core and the modules' abstractions resolve to the host's copies, so the package's
        // startups, attributes and services are the host's types. In memory: the files can be deleted on uninstall.
        var loader = PluginLoader.CreateFromAssemblyFile(main, isUnloadable: true, sharedTypes: [typeof(ModuleAttribute), typeof(ModuleCatalog)], config =>
        {
            config.PreferSharedTypes = true;
            config.LoadInMemory = true;
        });
        package.Loader = loader;
        var modules = new List<Assembly>();
        foreach (var dll in dlls)
        {
            Assembly assembly;
            try
            {
                assembly = loader.LoadAssemblyFromPath(dll);
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            if (assembly.GetCustomAttribute<ModuleAttribute>() is not null)
            {
                modules.Add(assembly);
            }
        }

        if (modules.Count == 0)
        {
            throw PackageInspector.Refuse(400,
                $"包 {package.Record.Id} 中没有带 [assembly: Module] 的程序集：它不是 GovPlatform 模块。",
                $"Package {package.Record.Id} has no assembly with [assembly: Module]: it is not a GovPlatform module.");
        }

        package.ModuleAssemblies = modules;
    }

    private void Unload(InstalledPackage package)
    {
        package.Loader?.Dispose();
        package.Loader = null;
        package.ModuleAssemblies = [];
        try
        {
            if (Directory.Exists(package.Folder))
            {
                Directory.Delete(package.Folder, recursive: true);
            }

            var idFolder = Path.GetDirectoryName(package.Folder)!;
            if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any())
            {
                Directory.Delete(idFolder);
            }
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "The files of package {Package} {Version} could not all be deleted", package.Record.Id, package.Record.Version);
        }
    }

    private async Task<(string Hash, long Size)> CopyLimitedAsync(Stream upload, string path, CancellationToken cancellationToken)
    {
        // Counted while reading: an oversized upload is refused at the limit, never buffered whole.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > _options.MaxPackageSize)
            {
                throw PackageInspector.Refuse(413,
                    $"包超过大小上限 {_options.MaxPackageSize:N0} 字节。",
                    $"The package is larger than the limit of {_options.MaxPackageSize:N0} bytes.");
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    private List<PackageRecord> ReadRegistry()
    {
        if (!File.Exists(RegistryPath))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<PackageRecord>>(File.ReadAllText(RegistryPath), Json) ?? [];
        }
        catch (JsonException ex)
        {
            _logger.LogError(ex, "The package registry {File} is unreadable; no module package is loaded", RegistryPath);
            return [];
        }
    }

    private void WriteRegistry()
    {
        // Written aside and moved over the old file: a crash leaves one or the other, never half a file.
        Directory.CreateDirectory(StorePath);
        var temp = RegistryPath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_installed.Select(p => p.Record).ToList(), Json));
        File.Move(temp, RegistryPath, overwrite: true);
    }

    private string PackageFolder(string id, string version) => Path.Combine(StorePath, id.ToLowerInvariant(), version.ToLowerInvariant());

    private static string NupkgName(string id, string version) => $"{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left in .incoming; the next install does not read it.
        }
    }
}
