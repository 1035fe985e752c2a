using System.Reflection;
using McMaster.NETCore.Plugins;

namespace GovPlatform.Core.Packages;

/// <summary>An installed package: its registry record and, when it loaded, its load context and module assemblies.</summary>
public sealed class InstalledPackage
{
    internal InstalledPackage(PackageRecord record, string folder)
    {
        Record = record;
        Folder = folder;
    }

    public PackageRecord Record { get; }

    /// <summary>The package's extracted files, <c>{DataRoot}/Packages/{id}/{version}/</c>.</summary>
    public string Folder { get; }

    /// <summary>Null when loaded; otherwise why it could not be loaded (its modules are not in the catalog).</summary>
    public string? LoadError { get; internal set; }

    public bool IsLoaded => LoadError is null && Loader is not null;

    internal PluginLoader? Loader { get; set; }

    internal IReadOnlyList<Assembly> ModuleAssemblies { get; set; } = [];
}
