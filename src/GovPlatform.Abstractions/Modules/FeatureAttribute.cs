namespace GovPlatform.Modules;

/// <summary>Declares a feature of the module: the unit a tenant switches on or off.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class FeatureAttribute(string id, string name) : Attribute
{
    /// <summary>Unique feature id across all modules (e.g. <c>GovPlatform.Petitions.Reception</c>).</summary>
    public string Id { get; } = id;

    /// <summary>Display name shown to administrators.</summary>
    public string Name { get; } = name;

    /// <summary>Ids of the features this feature needs; enabling it enables them.</summary>
    public string[] Dependencies { get; set; } = [];

    /// <summary>Category used to group features in the admin; defaults to the module's.</summary>
    public string Category { get; set; } = "";

    /// <summary>What the feature does, in one sentence.</summary>
    public string Description { get; set; } = "";

    /// <summary>Only the Default (host) tenant may enable this feature.</summary>
    public bool DefaultTenantOnly { get; set; }

    /// <summary>Enabled on every tenant and cannot be disabled.</summary>
    public bool AlwaysEnabled { get; set; }
}
