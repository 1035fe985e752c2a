namespace GovPlatform.TestModules.Notes;

/// <summary>An entity with one column of each portable type.</summary>
public sealed class Note
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    public string? Body { get; set; }

    public bool Pinned { get; set; }

    public int Score { get; set; }

    public decimal Amount { get; set; }

    public Guid Reference { get; set; }

    public DateTime CreatedUtc { get; set; }

    public long? ParentId { get; set; }

    /// <summary>Added by migration 2.</summary>
    public string? Tag { get; set; }
}
