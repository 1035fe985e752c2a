namespace GovPlatform.Data;

/// <summary>
/// JSON documents of the current tenant, for what has a dynamic shape (content items, settings). Changes are staged
/// in the request's <see cref="TenantDbContext"/> and written by its next save, together with the rest of the
/// request's writes; index rows are rewritten in the same transaction.
/// </summary>
public interface IDocumentStore
{
    /// <summary>The document, or null.</summary>
    Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken = default) where T : class;

    /// <summary>Documents by id, in the order asked, skipping ids not found.</summary>
    Task<IReadOnlyList<T>> GetManyAsync<T>(IEnumerable<string> ids, CancellationToken cancellationToken = default) where T : class;

    /// <summary>Stages an insert or update of the document and of its index rows.</summary>
    Task SaveAsync<T>(string id, T document, CancellationToken cancellationToken = default) where T : class;

    /// <summary>Stages the deletion of the document and its index rows. False when there was none.</summary>
    Task<bool> DeleteAsync<T>(string id, CancellationToken cancellationToken = default) where T : class;

    /// <summary>
    /// Documents found through an index: <paramref name="query"/> filters, orders and pages the index rows, and the
    /// documents come back in that order.
    /// </summary>
    Task<IReadOnlyList<T>> QueryAsync<T, TIndex>(Func<IQueryable<TIndex>, IQueryable<TIndex>> query, CancellationToken cancellationToken = default)
        where T : class
        where TIndex : DocumentIndex;

    /// <summary>The stored version of the document (0 when absent), for optimistic concurrency checks by callers.</summary>
    Task<int> GetVersionAsync<T>(string id, CancellationToken cancellationToken = default) where T : class;
}
