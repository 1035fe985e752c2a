using GovPlatform.Data;
using GovPlatform.Localization;

namespace GovPlatform.Contents;

/// <summary>A tenant's content type: a named set of parts and fields with their settings.</summary>
public sealed class ContentTypeDefinition
{
    /// <summary>The type's code name: a letter, then letters or digits (<c>PublicBenefitProject</c>). Never changes.</summary>
    public string Name { get; set; } = "";

    /// <summary>The name shown (<c>公益项目</c> / <c>Public-benefit project</c>).</summary>
    public BilingualText DisplayName { get; set; }

    /// <summary>What the type is for, shown to editors.</summary>
    public BilingualText? Description { get; set; }

    /// <summary>The parts, each kind at most once.</summary>
    public List<ContentPartDefinition> Parts { get; set; } = [];

    /// <summary>The fields, in the order they are shown.</summary>
    public List<ContentFieldDefinition> Fields { get; set; } = [];

    /// <summary>The public list page, or null for none.</summary>
    public ContentListSettings? List { get; set; }

    /// <summary>Whether the type has the part.</summary>
    public bool Has(ContentPartKind kind) => Parts.Exists(p => p.Kind == kind);

    /// <summary>The part's definition, or null.</summary>
    public ContentPartDefinition? Part(ContentPartKind kind) => Parts.Find(p => p.Kind == kind);

    /// <summary>The field's definition, or null.</summary>
    public ContentFieldDefinition? Field(string name) => Fields.Find(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}

/// <summary>Every content type of a tenant, stored as one document.</summary>
[Document("content-definitions")]
public sealed class ContentDefinitions
{
    /// <summary>The document's id.</summary>
    public const string DocumentId = "content-definitions";

    /// <summary>The types, by code name.</summary>
    public List<ContentTypeDefinition> Types { get; set; } = [];
}
