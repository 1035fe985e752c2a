namespace GovPlatform.Data;

/// <summary>
/// Base class of an index row: a typed table that makes documents queryable. An index table has an
/// <c>id</c> identity key and a <c>document_id</c> column, created by the feature's migration.
/// </summary>
public abstract class DocumentIndex
{
    /// <summary>The row's own key.</summary>
    public long Id { get; set; }

    /// <summary>The id of the document the row indexes.</summary>
    public string DocumentId { get; set; } = "";
}
