namespace GovPlatform.Data;

/// <summary>
/// Maps a document to its index rows, which are rewritten with every save of the document in the same transaction.
/// Found by the module scan; register the index entity in an <see cref="IDataModel"/>.
/// </summary>
public abstract class IndexProvider<TDocument, TIndex> : IIndexProvider
    where TDocument : class
    where TIndex : DocumentIndex
{
    /// <inheritdoc />
    public Type DocumentType => typeof(TDocument);

    /// <inheritdoc />
    public Type IndexType => typeof(TIndex);

    /// <summary>The index rows of <paramref name="document"/>; <see cref="DocumentIndex.DocumentId"/> is filled in for you.</summary>
    public abstract IEnumerable<TIndex> Map(TDocument document);

    /// <inheritdoc />
    IEnumerable<DocumentIndex> IIndexProvider.Map(object document) => Map((TDocument)document);
}

/// <summary>The untyped face of <see cref="IndexProvider{TDocument, TIndex}"/>, used by the document store.</summary>
public interface IIndexProvider
{
    /// <summary>The document type indexed.</summary>
    Type DocumentType { get; }

    /// <summary>The index entity type produced.</summary>
    Type IndexType { get; }

    /// <summary>The index rows of a document.</summary>
    IEnumerable<DocumentIndex> Map(object document);
}
