namespace GovPlatform.Data;

/// <summary>A stored JSON document: its type, id, content and version (a concurrency token).</summary>
public sealed class DocumentRecord
{
    /// <summary>The document type name (see <see cref="DocumentAttribute"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>The document id, unique within its type.</summary>
    public string Id { get; set; } = "";

    /// <summary>The document as JSON.</summary>
    public string Content { get; set; } = "";

    /// <summary>Starts at 1 and grows with every save; a concurrent save of an older version fails.</summary>
    public int Version { get; set; }

    /// <summary>When the document was first saved (UTC).</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When the document was last saved (UTC).</summary>
    public DateTime UpdatedUtc { get; set; }
}
