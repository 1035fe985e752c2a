namespace GovPlatform.Modules;

/// <summary>Marks an assembly as a GovPlatform module and describes it in the module catalog.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ModuleAttribute(string id, string name) : Attribute
{
    /// <summary>Unique module id, by convention the assembly name (e.g. <c>GovPlatform.Petitions</c>).</summary>
    public string Id { get; } = id;

    /// <summary>Display name shown to administrators.</summary>
    public string Name { get; } = name;

    /// <summary>Module version (semantic versioning).</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>Author or vendor of the module.</summary>
    public string Author { get; set; } = "";

    /// <summary>Category used to group modules in the admin.</summary>
    public string Category { get; set; } = "";

    /// <summary>What the module does, in one sentence.</summary>
    public string Description { get; set; } = "";
}
