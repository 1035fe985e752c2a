using System.Reflection;
using GovPlatform.Modules;
using Microsoft.Extensions.DependencyModel;

namespace GovPlatform.Core.Modules;

/// <summary>Finds module assemblies: those the application references that depend on the SDK and carry <see cref="ModuleAttribute"/>.</summary>
public static class ModuleAssemblySource
{
    private static readonly string SdkName = typeof(ModuleAttribute).Assembly.GetName().Name!;

    public static IReadOnlyList<Assembly> FromDependencyContext(DependencyContext? context = null)
    {
        context ??= DependencyContext.Default;
        if (context is null)
        {
            return FromLoadedAssemblies();
        }

        // A module depends on the SDK directly or through another library (first-party modules may build on Core).
        var libraries = context.RuntimeLibraries.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
        var dependsOnSdk = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        bool DependsOnSdk(string name)
        {
            if (dependsOnSdk.TryGetValue(name, out var known))
            {
                return known;
            }

            dependsOnSdk[name] = false;
            var result = libraries.TryGetValue(name, out var library)
                && library.Dependencies.Any(d => d.Name.Equals(SdkName, StringComparison.OrdinalIgnoreCase) || DependsOnSdk(d.Name));
            dependsOnSdk[name] = result;
            return result;
        }

        var result = new List<Assembly>();
        foreach (var library in context.RuntimeLibraries)
        {
            if (!DependsOnSdk(library.Name))
            {
                continue;
            }

            foreach (var name in library.GetDefaultAssemblyNames(context))
            {
                var assembly = Assembly.Load(name);
                if (assembly.GetCustomAttribute<ModuleAttribute>() is not null)
                {
                    result.Add(assembly);
                }
            }
        }

        return result;
    }

    private static List<Assembly> FromLoadedAssemblies() =>
        [.. AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetCustomAttribute<ModuleAttribute>() is not null)];
}
