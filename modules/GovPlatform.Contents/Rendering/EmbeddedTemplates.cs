using System.Collections.Concurrent;
using System.Reflection;

namespace GovPlatform.Contents.Rendering;

/// <summary>
/// Templates embedded in an assembly (a theme's or this module's): resources whose names end in
/// <c>.Templates.&lt;name&gt;.liquid</c>. Read once per assembly for the host.
/// </summary>
internal static class EmbeddedTemplates
{
    private const string Folder = ".Templates.";
    private const string Extension = ".liquid";

    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Loaded = new();

    /// <summary>This module's defaults.</summary>
    public static Assembly Module { get; } = typeof(EmbeddedTemplates).Assembly;

    /// <summary>The text of the template <paramref name="name"/> in <paramref name="assembly"/>, or null.</summary>
    public static string? Find(Assembly? assembly, string name) =>
        assembly is not null && Of(assembly).TryGetValue(name, out var text) ? text : null;

    /// <summary>Every template of <paramref name="assembly"/>, by name.</summary>
    public static IReadOnlyDictionary<string, string> Of(Assembly assembly) => Loaded.GetOrAdd(assembly, Load);

    private static Dictionary<string, string> Load(Assembly assembly)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            var folder = resource.LastIndexOf(Folder, StringComparison.Ordinal);
            if (folder < 0)
            {
                continue;
            }

            var name = resource[(folder + Folder.Length)..^Extension.Length];
            if (name.Length == 0 || name.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            templates[name] = reader.ReadToEnd();
        }

        return templates;
    }
}
